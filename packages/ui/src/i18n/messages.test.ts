import { describe, expect, it } from 'vitest';
import { messages } from './i18n.js';

const { ja, en } = messages;

describe('translations', () => {
  it('have the same keys in Japanese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it('have no empty string in either language', () => {
    for (const table of [ja, en]) {
      for (const [key, value] of Object.entries(table)) expect(value, key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ja[key]));
    }
  });
});
