import isoCountries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import ja from 'i18n-iso-countries/langs/ja.json';
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

  it('names every country as Musubi did with i18n-iso-countries, but for the names where CLDR is right', () => {
    // Musubi's names before they came from the platform (Intl.DisplayNames, CLDR); Node here has full ICU
    isoCountries.registerLocale(en);
    isoCountries.registerLocale(ja);
    const before = (code: string, lang: 'ja' | 'en') =>
      isoCountries.getName(code, lang, { select: 'official' });
    const differences = allCountryCodes().flatMap((code) =>
      (['en', 'ja'] as const)
        .filter((lang) => countryName(code, lang) !== before(code, lang))
        .map((lang) => `${lang} ${code}: ${before(code, lang)} → ${countryName(code, lang)}`),
    );
    expect(differences).toEqual([
      // the current names (Czechia since 2016, Eswatini since 2018), diacritics, no inverted catalogue forms
      "en CI: Cote d'Ivoire → Côte d’Ivoire",
      'en CZ: Czech Republic → Czechia',
      'en FM: Micronesia, Federated States of → Micronesia',
      'en MD: Moldova, Republic of → Moldova',
      'en MK: The Republic of North Macedonia → North Macedonia',
      'en RE: Reunion → Réunion',
      'en ST: Sao Tome and Principe → São Tomé and Príncipe',
      'ja SZ: スワジランド → エスワティニ',
      // as Japan's government writes it in English (台湾 in Japanese, as before)
      'en TW: Taiwan, Province of China → Taiwan',
      'en VG: Virgin Islands, British → British Virgin Islands',
      'en VI: Virgin Islands, U.S. → U.S. Virgin Islands',
    ]);
  });

  it('keeps the names of the example network (but Taiwan)', () => {
    const names = (lang: 'ja' | 'en', codes: readonly string[]) => codes.map((c) => countryName(c, lang));
    expect(names('ja', ['BR', 'CN', 'ES', 'IN', 'JP', 'PW', 'TH', 'TW', 'US'])).toEqual([
      'ブラジル',
      '中華人民共和国',
      'スペイン',
      'インド',
      '日本',
      'パラオ',
      'タイ',
      '台湾',
      'アメリカ合衆国',
    ]);
    expect(names('en', ['BR', 'CN', 'ES', 'IN', 'JP', 'PW', 'TH', 'TW', 'US'])).toEqual([
      'Brazil',
      "People's Republic of China",
      'Spain',
      'India',
      'Japan',
      'Palau',
      'Thailand',
      'Taiwan',
      'United States of America',
    ]);
  });

  it('has the codes of i18n-iso-countries', () => {
    expect(allCountryCodes()).toEqual(Object.keys(isoCountries.getAlpha2Codes()).sort());
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
