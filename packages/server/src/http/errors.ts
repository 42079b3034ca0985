import { type ErrorCode, isMusubiError } from '@musubi/core';

/** The error codes of the HTTP API beyond the core's (see docs/team-server.md). */
export type HttpErrorCode =
  | ErrorCode
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BAD_REQUEST'
  | 'INTERNAL';

const statusOf: Record<HttpErrorCode, number> = {
  VALIDATION: 422,
  REFERENCE: 422,
  FORMAT: 422,
  CONFLICT: 409,
  NOT_FOUND: 404,
  READ_ONLY: 403,
  VERSION: 409,
  STORAGE: 503,
  // the core's code for a server that cannot be reached (a client's; a server does not send it)
  UNAVAILABLE: 503,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BAD_REQUEST: 400,
  INTERNAL: 500,
};

/** A refusal of a request: its status follows from its code. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;

  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly extra: { path?: readonly (string | number)[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

/** The body of an error answer: `{ error: { code, message, path?, details? } }`. */
export interface ErrorBody {
  error: { code: HttpErrorCode; message: string; path?: (string | number)[]; details?: unknown };
}

/** Turns what a handler threw into a status and an error body (unknown errors say nothing more). */
export function errorAnswer(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.extra.path ? { path: [...error.extra.path] } : {}),
          ...(error.extra.details ? { details: error.extra.details } : {}),
        },
      },
    };
  }
  if (isMusubiError(error)) {
    const details = Object.keys(error.details).length > 0 ? error.details : undefined;
    return {
      status: statusOf[error.code],
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.path.length > 0 ? { path: [...error.path] } : {}),
          ...(details ? { details } : {}),
        },
      },
    };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'the server failed; see its log' } } };
}
