import { describe, expect, it } from 'vitest';
import { IdSchema } from './ids.js';
import { BilingualNameSchema, nameIn } from './names.js';

describe('bilingual names', () => {
  it('accepts Japanese, English or both, trimmed', () => {
    expect(BilingualNameSchema.parse({ ja: '三重県' })).toEqual({ ja: '三重県' });
    expect(BilingualNameSchema.parse({ en: ' Mie Prefecture ' })).toEqual({ en: 'Mie Prefecture' });
    expect(BilingualNameSchema.parse({ ja: '三重県', en: 'Mie' })).toEqual({ ja: '三重県', en: 'Mie' });
  });

  it('refuses an empty name, other languages, line breaks and control characters', () => {
    for (const bad of [
      {},
      { ja: '' },
      { en: '   ' },
      { fr: 'Mie' },
      { en: 'a\nb' },
      { en: 'a\tb' },
      { en: 'a\u0007b' },
    ]) {
      expect(BilingualNameSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(BilingualNameSchema.safeParse({ en: 'x'.repeat(301) }).success).toBe(false);
    expect(BilingualNameSchema.safeParse({ en: 'x'.repeat(300) }).success).toBe(true);
  });

  it('refuses a lone surrogate, naming the field', () => {
    for (const bad of ['\ud83c', 'a\udf0fb', '\udf0f\ud83c']) {
      const result = BilingualNameSchema.safeParse({ ja: '三重', en: bad });
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['en']);
    }
    expect(BilingualNameSchema.parse({ en: '🌏 Asia' })).toEqual({ en: '🌏 Asia' });
  });

  it('stores names in NFC: a combining accent equals the precomposed letter', () => {
    expect(BilingualNameSchema.parse({ en: 'Sa\u0303o Paulo' })).toEqual({ en: 'S\u00e3o Paulo' });
    expect(BilingualNameSchema.parse({ ja: 'か\u3099' })).toEqual({ ja: 'が' });
  });

  it('reads a name in the wanted language, falling back to the other', () => {
    expect(nameIn({ ja: '三重県', en: 'Mie' }, 'ja')).toBe('三重県');
    expect(nameIn({ ja: '三重県', en: 'Mie' }, 'en')).toBe('Mie');
    expect(nameIn({ ja: '三重県' }, 'en')).toBe('三重県');
    expect(nameIn({ en: 'Mie' }, 'ja')).toBe('Mie');
  });
});

describe('ids', () => {
  it('accepts slugs and generated ids', () => {
    for (const id of ['mie', 'thai-boi', 'ent_01J0000000000000000000000', 'a.b:c_d-1', 'X'.repeat(128)]) {
      expect(IdSchema.safeParse(id).success, id).toBe(true);
    }
  });

  it('refuses markup, paths, formulas, reserved words and overlong ids', () => {
    for (const id of [
      '',
      '-a',
      '_a',
      '<b>',
      'a/b',
      '=SUM(A1)',
      'a b',
      '__proto__',
      'constructor',
      'prototype',
      'X'.repeat(129),
    ]) {
      expect(IdSchema.safeParse(id).success, id).toBe(false);
    }
  });
});
