import { type ErrorPath, formatPath, MusubiError } from '../errors.js';

/** Inputs nested deeper than this are refused (a record is a few levels deep; a cycle is endless). */
const MAX_DEPTH = 64;

function unreadable(what: string, path: ErrorPath, cause: unknown): MusubiError {
  const why = cause instanceof Error ? cause.message : String(cause);
  const where = path.length === 0 ? 'it' : formatPath(path);
  const message = `Invalid ${what}: reading ${where} threw: ${why}`;
  return new MusubiError('VALIDATION', message, {
    issues: [{ path, code: 'unreadable', message }],
    cause,
  });
}

function copy(value: unknown, what: string, path: (string | number)[], seen: Set<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  try {
    if (value instanceof Date) return value; // a Proxy's getPrototypeOf trap may throw
  } catch (error) {
    throw unreadable(what, path, error);
  }
  if (seen.has(value) || path.length > MAX_DEPTH) {
    const message = `Invalid ${what}: ${formatPath(path)} is ${seen.has(value) ? 'a cycle' : 'nested too deeply'}`;
    throw new MusubiError('VALIDATION', message, { issues: [{ path, code: 'too_deep', message }] });
  }
  seen.add(value);
  try {
    let keys: string[];
    let isArray: boolean;
    try {
      isArray = Array.isArray(value); // a revoked Proxy throws here
      keys = isArray ? [] : Object.keys(value); // the ownKeys and getOwnPropertyDescriptor traps
    } catch (error) {
      throw unreadable(what, path, error);
    }
    const read = (key: string | number): unknown => {
      try {
        return (value as Record<string | number, unknown>)[key];
      } catch (error) {
        throw unreadable(what, [...path, key], error);
      }
    };
    if (isArray) {
      const length = read('length') as number;
      const out: unknown[] = [];
      for (let i = 0; i < length; i++) out.push(copy(read(i), what, [...path, i], seen));
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const item = copy(read(key), what, [...path, key], seen);
      // an own `__proto__` key stays a plain property (the schemas refuse or drop it), never a prototype
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Reads a caller's input into plain data (objects, arrays and primitives; Dates kept), every
 * property once. A getter that throws, a Proxy trap that throws, a cycle or an absurd depth is
 * refused with a VALIDATION MusubiError naming the path (prefixed by `at`), the caller's own
 * error as its `cause`, before anything is applied. The copy is what the write then reads, so a
 * getter cannot answer one thing to the validation and another to the write.
 *
 * @example
 * const input = plainInput(untrusted, 'entity'); // then validate `input` with its schema
 */
export function plainInput<T>(value: T, what: string, at: ErrorPath = []): T {
  return copy(value, what, [...at], new Set()) as T;
}
