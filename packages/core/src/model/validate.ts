import type { z } from 'zod';
import { type ErrorPath, formatPath, MusubiError } from '../errors.js';
import { plainInput } from './input.js';

/**
 * Parses `input` with `schema`, or throws a VALIDATION MusubiError listing every issue with its
 * path (prefixed by `at`, so a transaction or an import can say which record was wrong). An input
 * whose getter or Proxy trap throws is refused the same way, naming the path (see `plainInput`).
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  at: ErrorPath = [],
): z.output<S> {
  let result: ReturnType<S['safeParse']>;
  try {
    result = schema.safeParse(input) as ReturnType<S['safeParse']>;
  } catch (error) {
    // the caller's own getter or Proxy trap threw: find where (plainInput throws naming the path)
    plainInput(input, what, at);
    throw new MusubiError('VALIDATION', `Invalid ${what}: reading it threw: ${(error as Error)?.message}`, {
      path: at,
      cause: error,
    });
  }
  if (result.success) return result.data as z.output<S>;
  const issues = result.error.issues.map((issue) => ({
    path: [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    code: issue.code,
    message: issue.message,
  }));
  const first = issues[0];
  const summary = first ? `${formatPath(first.path)}: ${first.message}` : 'invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new MusubiError('VALIDATION', `Invalid ${what}: ${summary}${more}`, { issues });
}
