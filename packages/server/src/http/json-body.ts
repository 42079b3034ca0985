import { HttpError } from './errors.js';

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Walks a parsed body and refuses what no request may carry: keys that reach an object's prototype
 * when merged (`__proto__`, `constructor`, `prototype`) and strings that are not well-formed
 * Unicode (a lone surrogate cannot be stored or shown). BAD_REQUEST naming the path.
 */
export function checkHostile(value: unknown, path: (string | number)[] = []): void {
  if (typeof value === 'string') {
    if (loneSurrogate.test(value)) {
      throw new HttpError(
        'BAD_REQUEST',
        'the body holds a string with a lone surrogate (not valid Unicode)',
        {
          path,
        },
      );
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) checkHostile(item, [...path, i]);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (forbiddenKeys.has(key) || loneSurrogate.test(key)) {
      throw new HttpError('BAD_REQUEST', `the body holds the forbidden key ${JSON.stringify(key)}`, {
        path: [...path, key],
      });
    }
    checkHostile(item, [...path, key]);
  }
}

/** Parses a JSON body: BAD_REQUEST for malformed JSON or a hostile key or string. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError('BAD_REQUEST', `the body is not valid JSON: ${(error as Error).message}`);
  }
  checkHostile(value);
  return value;
}
