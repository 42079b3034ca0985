import { describe, expect, it } from 'vitest';
import {
  ASEAN_MEMBERS,
  allCountryCodes,
  CountryCodeSchema,
  countryName,
  G7_MEMBERS,
  isCountryCode,
  isInGroup,
} from './countries.js';

describe('countries', () => {
  it('accepts assigned ISO 3166-1 alpha-2 codes in upper case', () => {
    for (const code of ['JP', 'TH', 'BR', 'ES', 'PW', 'TW', 'US', 'IN', 'TL']) {
      expect(isCountryCode(code), code).toBe(true);
    }
  });

  it('refuses unknown, lower-case and malformed codes', () => {
    for (const code of ['XX', 'th', 'Th', 'THA', 'T', '', ' TH', 764, null, undefined]) {
      expect(isCountryCode(code), String(code)).toBe(false);
    }
  });

  it('names countries in Japanese and English', () => {
    expect(countryName('TH', 'ja')).toBe('タイ');
    expect(countryName('TH', 'en')).toBe('Thailand');
    expect(countryName('BR', 'ja')).toBe('ブラジル');
    expect(countryName('BR', 'en')).toBe('Brazil');
    expect(countryName('JP', 'ja')).toBe('日本');
    expect(countryName('XX', 'en')).toBeUndefined();
  });

  it('lists every code once, sorted', () => {
    const codes = allCountryCodes();
    expect(codes.length).toBeGreaterThan(240);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    expect(codes.every(isCountryCode)).toBe(true);
  });

  it('knows the eleven ASEAN members and the G7', () => {
    expect([...ASEAN_MEMBERS].sort()).toEqual([
      'BN',
      'ID',
      'KH',
      'LA',
      'MM',
      'MY',
      'PH',
      'SG',
      'TH',
      'TL',
      'VN',
    ]);
    expect(ASEAN_MEMBERS.every(isCountryCode)).toBe(true);
    expect(G7_MEMBERS.every(isCountryCode)).toBe(true);
    expect(isInGroup('TH', 'asean')).toBe(true);
    expect(isInGroup('JP', 'asean')).toBe(false);
    expect(isInGroup('JP', 'g7')).toBe(true);
    expect(isInGroup('BR', 'g7')).toBe(false);
  });

  it('has a zod schema with a message that shows the expected form', () => {
    expect(CountryCodeSchema.safeParse('TH').success).toBe(true);
    const result = CountryCodeSchema.safeParse('th');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('upper case');
  });
});
