import * as z from 'zod/mini';
import { type ErrorIssue, type ErrorPath, formatPath, MusubiError } from '../errors.js';
import { plainInput } from './input.js';
// zod's English messages, as zod's classic API sets them
import './zod-english.js';

type Params = Record<string, string | number>;

/** The string and number values of `from`, leaving out `skip` and what is not a plain value. */
function plainValues(from: Record<string, unknown> | undefined, skip: readonly string[] = []): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(from ?? {})) {
    if (skip.includes(k)) continue;
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    else if (typeof v === 'bigint') out[k] = Number(v);
  }
  return out;
}

/**
 * A zod issue as a Musubi issue: its path (prefixed by `at`), zod's code, its English message, and
 * the params a message in another language needs: a refinement's own (`reason`: `date-impossible`,
 * `name-needed`…), or zod's (`minimum`, `maximum`, `origin`, `expected`, `format`, `values`).
 *
 * @example
 * const result = EntityInputSchema.safeParse(input);
 * if (!result.success) showByField(result.error.issues.map((i) => issueFromZod(i)));
 */
export function issueFromZod(issue: z.core.$ZodIssue, at: ErrorPath = []): ErrorIssue {
  const path = [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  let params: Params;
  switch (issue.code) {
    case 'custom':
      params = plainValues(issue.params);
      break;
    case 'invalid_value':
      params = { values: issue.values.map(String).join(', ') };
      break;
    case 'unrecognized_keys':
      params = { keys: issue.keys.join(', ') };
      break;
    default:
      params = plainValues(issue as unknown as Record<string, unknown>, ['code', 'message', 'input']);
  }
  return {
    path,
    code: issue.code,
    message: issue.message,
    ...(Object.keys(params).length === 0 ? {} : { params }),
  };
}

/**
 * Parses `input` with `schema`, or throws a VALIDATION MusubiError listing every issue with its
 * path (prefixed by `at`, so a transaction or an import can say which record was wrong). An input
 * whose getter or Proxy trap throws is refused the same way, naming the path (see `plainInput`).
 */
export function parseOrThrow<S extends z.core.$ZodType>(
  schema: S,
  input: unknown,
  what: string,
  at: ErrorPath = [],
): z.output<S> {
  let result: z.core.util.SafeParseResult<z.output<S>>;
  try {
    // zod's function, not a method: a schema of zod's classic API works here too
    result = z.safeParse(schema, input);
  } catch (error) {
    // the caller's own getter or Proxy trap threw: find where (plainInput throws naming the path)
    plainInput(input, what, at);
    throw new MusubiError('VALIDATION', `Invalid ${what}: reading it threw: ${(error as Error)?.message}`, {
      path: at,
      cause: error,
    });
  }
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => issueFromZod(issue, at));
  const first = issues[0];
  const summary = first ? `${formatPath(first.path)}: ${first.message}` : 'invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new MusubiError('VALIDATION', `Invalid ${what}: ${summary}${more}`, { issues });
}
