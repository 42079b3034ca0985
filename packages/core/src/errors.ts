/** The kinds of failure a caller can act on. Tests and UIs switch on these, never on wording. */
export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'REFERENCE',
  'READ_ONLY',
  'FORMAT',
  'VERSION',
  'STORAGE',
  // from a team server (docs/team-server.md): who may do what, and what it would not take
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'BAD_REQUEST',
  /** The server could not be reached (no answer, a lost connection); try again. */
  'UNAVAILABLE',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A path into the input that was refused, as zod reports it (`['name', 'en']`, `['participants', 0]`). */
export type ErrorPath = readonly (string | number)[];

/** One problem found in an input; a validation error carries one or more. */
export interface ErrorIssue {
  readonly path: ErrorPath;
  readonly code: string;
  readonly message: string;
  /** The values a message in another language needs (`{ row: 5, column: '開始/since' }`). */
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface MusubiErrorOptions {
  readonly path?: ErrorPath;
  readonly issues?: readonly ErrorIssue[];
  /**
   * The params of the one issue made when `issues` is not given: `reason` names the refusal
   * (`exists`, `stale`, `self-loop`…) so that a UI words it from codes, never from the message.
   */
  readonly params?: Readonly<Record<string, string | number>>;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/**
 * The one error class of Musubi. `code` says what kind of failure, `path` where in the input,
 * `issues` every problem found (for validation), `details` the ids involved.
 *
 * @example
 * try { network.addEntity({ kind: 'planet' }) }
 * catch (e) { if (e instanceof MusubiError && e.code === 'VALIDATION') showFieldErrors(e.issues) }
 */
export class MusubiError extends Error {
  override readonly name = 'MusubiError';
  readonly code: ErrorCode;
  readonly path: ErrorPath;
  readonly issues: readonly ErrorIssue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: MusubiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path ?? options.issues?.[0]?.path ?? [];
    this.issues = options.issues ?? [
      { path: this.path, code, message, ...(options.params === undefined ? {} : { params: options.params }) },
    ];
    this.details = options.details ?? {};
  }
}

/** True when `value` is a MusubiError, optionally of the given code. */
export function isMusubiError(value: unknown, code?: ErrorCode): value is MusubiError {
  return value instanceof MusubiError && (code === undefined || value.code === code);
}

/** Formats a path for messages: `participants[0].entity`. */
export function formatPath(path: ErrorPath): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out === '' ? '(root)' : out;
}
