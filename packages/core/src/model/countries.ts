import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import ja from 'i18n-iso-countries/langs/ja.json';
import * as z from './zod.js';

countries.registerLocale(en);
countries.registerLocale(ja);

/** An ISO 3166-1 alpha-2 country code in upper case: `TH`, `BR`, `JP`. */
export type CountryCode = string;

/**
 * The eleven member states of ASEAN. No well-kept package lists regional groupings, so the list lives
 * here (source: asean.org, member states, as of 2026: Timor-Leste was admitted in October 2025).
 */
export const ASEAN_MEMBERS: readonly CountryCode[] = [
  'BN',
  'KH',
  'ID',
  'LA',
  'MY',
  'MM',
  'PH',
  'SG',
  'TH',
  'VN',
  'TL',
];

/** The G7 countries (the EU takes part but is not a country). */
export const G7_MEMBERS: readonly CountryCode[] = ['CA', 'FR', 'DE', 'IT', 'JP', 'GB', 'US'];

/** Named groups of countries that filters and indicators can refer to. */
export const countryGroups = { asean: ASEAN_MEMBERS, g7: G7_MEMBERS } as const;
export type CountryGroup = keyof typeof countryGroups;

/** True when `code` is an assigned ISO 3166-1 alpha-2 code, written in upper case. */
export function isCountryCode(code: unknown): code is CountryCode {
  return typeof code === 'string' && /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/** The country's name in Japanese or English (`TH` → `タイ` / `Thailand`), or undefined for an unknown code. */
export function countryName(code: CountryCode, lang: 'ja' | 'en'): string | undefined {
  return isCountryCode(code) ? countries.getName(code, lang, { select: 'official' }) : undefined;
}

/** Every assigned country code, sorted. */
export function allCountryCodes(): CountryCode[] {
  return Object.keys(countries.getAlpha2Codes()).sort();
}

/** True when the country belongs to the group (`isInGroup('TH', 'asean')`). */
export function isInGroup(code: CountryCode, group: CountryGroup): boolean {
  return countryGroups[group].includes(code);
}

export const CountryCodeSchema = z.string().check(
  z.refine(isCountryCode, {
    message: 'expected an ISO 3166-1 alpha-2 country code in upper case, such as TH or BR',
    params: { reason: 'country' },
  }),
);
