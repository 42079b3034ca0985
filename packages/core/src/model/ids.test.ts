import { describe, expect, it } from 'vitest';
import { generateId, IdSchema } from './ids.js';

describe('generateId', () => {
  it('gives a new id with the prefix, sortable by creation order, that IdSchema accepts', () => {
    const ids = Array.from({ length: 200 }, () => generateId('ent'));
    expect(new Set(ids).size).toBe(200);
    expect(ids.every((id) => /^ent_[0-9A-Z]{26}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => IdSchema.safeParse(id).success)).toBe(true);
  });
});

describe('IdSchema', () => {
  it('accepts slugs and refuses markup, paths, formulas, reserved words and overlong ids', () => {
    for (const ok of ['mie', 'thai-boi', 'p-33101', 'a.b_c:d', 'x'.repeat(128)]) {
      expect(IdSchema.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of [
      '',
      '-mie',
      '<b>',
      '../etc',
      '=1+1',
      'a b',
      '__proto__',
      'constructor',
      'x'.repeat(129),
    ]) {
      expect(IdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
