import { monotonicFactory } from 'ulid';
import * as z from 'zod/mini';
// zod's English messages, as zod's classic API sets them
import './zod-english.js';

/**
 * Record ids: given by the caller (a slug like `mie` or `thai-boi`) or generated (a ULID, sortable by
 * creation time). Restricted to safe characters so that an id is never markup, a path or a formula.
 */
export const IdSchema = z.string().check(
  z.refine((s: string) => /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(s), {
    message: 'an id is 1–128 characters of letters, digits and . _ : - and starts with a letter or digit',
    params: { reason: 'id-format' },
  }),
  z.refine((s: string) => s !== '__proto__' && s !== 'constructor' && s !== 'prototype', {
    message: 'this id is reserved',
    params: { reason: 'id-reserved' },
  }),
);

export type Id = string;

const ulid = monotonicFactory();

/** A new id with the given prefix: `ent_01J…`. */
export function generateId(prefix: string): Id {
  return `${prefix}_${ulid()}`;
}
