import type { Change } from '../changes/change.js';
import { type ErrorCode, errorCodes, isMusubiError, MusubiError } from '../errors.js';
import type { NetworkSnapshot } from '../network/network.js';
import type { Outbox } from './replica.js';

/** How a client reaches a team server. */
export interface ServerOptions {
  /** An API token (`musubi token create`), sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** The fetch to use (a test's, or one with a proxy). Default: the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * More headers for every request, asked each time: in a browser signed in with a cookie, the
   * session's `X-CSRF-Token`.
   */
  headers?: () => Readonly<Record<string, string>>;
}

/** `{ changes, head }` of `GET /api/changes`. */
export interface ChangePage {
  readonly changes: readonly Change[];
  readonly head: number;
}

/** The HTTP status of each code the server answers with, for codes it may send without a body. */
const codeOfStatus: Readonly<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION',
  429: 'RATE_LIMITED',
  503: 'STORAGE',
};

/** Errors worth trying again with the same request (the same change ids): the server may take it later. */
export function isRetryable(error: unknown): boolean {
  return (
    isMusubiError(error, 'UNAVAILABLE') ||
    isMusubiError(error, 'STORAGE') ||
    isMusubiError(error, 'RATE_LIMITED')
  );
}

/** The MusubiError of a refused request, from the server's `{ error: { code, message, path?, details? } }`. */
export async function errorOfResponse(response: Response, what: string): Promise<MusubiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  const sent = error?.code;
  const code: ErrorCode = (errorCodes as readonly unknown[]).includes(sent)
    ? (sent as ErrorCode)
    : (codeOfStatus[response.status] ?? (response.status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST'));
  const message = typeof error?.message === 'string' ? error.message : `${what}: HTTP ${response.status}`;
  const path = Array.isArray(error?.path) ? (error.path as (string | number)[]) : undefined;
  const details =
    error?.details !== null && typeof error?.details === 'object'
      ? (error.details as Record<string, unknown>)
      : {};
  return new MusubiError(code, message, {
    ...(path ? { path } : {}),
    details: { ...details, status: response.status },
  });
}

/**
 * The HTTP API of a team server (docs/team-server.md), each call resolving with its JSON or
 * rejecting with a MusubiError: the server's code, or `UNAVAILABLE` when it cannot be reached.
 */
export class ServerApi {
  readonly url: string;
  readonly #base: URL;
  readonly #fetch: typeof fetch;
  readonly #options: ServerOptions;

  constructor(url: string, options: ServerOptions = {}) {
    let base: URL;
    try {
      base = new URL(url.endsWith('/') ? url : `${url}/`);
    } catch (error) {
      throw new MusubiError('VALIDATION', `${JSON.stringify(url)} is not a server URL (http://host:port)`, {
        path: ['url'],
        cause: error,
      });
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new MusubiError('VALIDATION', `a server URL is http or https, not ${base.protocol}`, {
        path: ['url'],
      });
    }
    this.url = url;
    this.#base = base;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#options = options;
  }

  #headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      Accept: 'application/json',
      ...(this.#options.token ? { Authorization: `Bearer ${this.#options.token}` } : {}),
      ...this.#options.headers?.(),
      ...extra,
    };
  }

  /** Sends a request; resolves with the response when it is a success. */
  async #send(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const what = `${method} ${path}`;
    let response: Response;
    try {
      response = await this.#fetch(new URL(path, this.#base), { method, ...init });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new MusubiError(
        'UNAVAILABLE',
        `${this.url} cannot be reached (${what}): ${(error as Error)?.message}`,
        {
          details: { url: this.url },
          cause: error,
        },
      );
    }
    if (!response.ok) throw await errorOfResponse(response, what);
    return response;
  }

  async #json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const response = await this.#send(method, path, {
      headers: this.#headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw new MusubiError('UNAVAILABLE', `${method} ${path}: the answer was cut short or is not JSON`, {
        cause: error,
      });
    }
  }

  /** `GET /api/health`: the server's last seq. */
  health(): Promise<{ ok: boolean; seq: number }> {
    return this.#json('GET', 'api/health');
  }

  /** `GET /api/snapshot`: the current records at the server's last seq. */
  snapshot(): Promise<NetworkSnapshot> {
    return this.#json('GET', 'api/snapshot');
  }

  /** `GET /api/changes`: the changes after `after`, oldest first, at most `limit`. */
  changes(after: number, limit = 1000): Promise<ChangePage> {
    return this.#json('GET', `api/changes?after=${after}&limit=${limit}`);
  }

  /**
   * `POST /api/changes`: the stored changes. A refusal rejects with the server's error, whose
   * `details.accepted` holds the changes of the batch stored before the refused one.
   */
  async push(outbox: Outbox, signal?: AbortSignal): Promise<Change[]> {
    const answer = await this.#json<{ accepted: Change[] }>('POST', 'api/changes', outbox, signal);
    return answer.accepted;
  }

  /** `GET /api/events`: the live stream (Server-Sent Events) of the changes after `after`. */
  events(after: number, signal: AbortSignal): Promise<Response> {
    return this.#send('GET', `api/events?after=${after}`, {
      headers: this.#headers({ Accept: 'text/event-stream', 'Last-Event-ID': String(after) }),
      signal,
    });
  }
}
