import type { z } from 'zod';
import { type ErrorPath, formatPath, MusubiError } from '../errors.js';

/**
 * Parses `input` with `schema`, or throws a VALIDATION MusubiError listing every issue with its
 * path (prefixed by `at`, so a transaction or an import can say which record was wrong).
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  at: ErrorPath = [],
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
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
