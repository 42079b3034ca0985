import type { Lang } from '../model/names.js';
import type { FiscalYear } from './fiscal-year.js';

/** How a fiscal year is written: `FY2019` / `2019年度`, or in the Japanese era (`令和元年度`). */
export type FiscalYearStyle = 'western' | 'era';

/**
 * Which era names a fiscal year that an era change cuts in two (FY2019: 平成 until 2019-04-30,
 * 令和 from 2019-05-01):
 * - `as-of-start`: the era in force on the FY's first day, as documents written before the change
 *   do (the policy sheet's 平成31年度);
 * - `current`: the era in force at the FY's end, counted from the calendar year the FY starts in,
 *   as everything written after the change does (令和元年度).
 */
export type EraConvention = 'as-of-start' | 'current';

export interface FiscalYearFormatOptions {
  lang?: Lang;
  style?: FiscalYearStyle;
  eraConvention?: EraConvention;
}

interface EraYear {
  era: string;
  year: number;
}

const formatters = new Map<Lang, Intl.DateTimeFormat>();

/** The era and era year of a day, from the platform's Japanese calendar (no hand-kept era table). */
function eraYearOn(day: string, lang: Lang): EraYear {
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP-u-ca-japanese' : 'en-US-u-ca-japanese', {
      era: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    formatters.set(lang, f);
  }
  const parts = f.formatToParts(new Date(`${day}T00:00:00Z`));
  const era = parts.find((p) => p.type === 'era')?.value ?? '';
  const raw = parts.find((p) => p.type === 'year')?.value ?? '';
  return { era, year: raw === '元' ? 1 : Number.parseInt(raw, 10) };
}

/** The era and era year that name a fiscal year under a convention. */
export function eraOfFiscalYear(
  fy: FiscalYear,
  convention: EraConvention = 'as-of-start',
  lang: Lang = 'ja',
): EraYear {
  const start = eraYearOn(`${fy}-04-01`, lang);
  if (convention === 'as-of-start') return start;
  const end = eraYearOn(`${fy + 1}-03-31`, lang);
  // the calendar year the FY starts in, counted in the era in force at its end
  const year = fy - (fy + 1 - end.year + 1) + 1;
  // an era that began between January and March of the FY's second year (平成, 1989-01-08) does
  // not reach back to the year the FY starts in: keep the era of the first day
  return year >= 1 ? { era: end.era, year } : start;
}

/**
 * Writes a fiscal year for people: `2019年度` / `FY2019`, or in the era (`平成31年度`,
 * `令和元年度`; English `FY Reiwa 1`).
 *
 * @example
 * formatFiscalYear(2019, { style: 'era' });                           // '平成31年度'
 * formatFiscalYear(2019, { style: 'era', eraConvention: 'current' }); // '令和元年度'
 * formatFiscalYear(2019, { lang: 'en' });                             // 'FY2019'
 */
export function formatFiscalYear(fy: FiscalYear, options: FiscalYearFormatOptions = {}): string {
  const { lang = 'ja', style = 'western', eraConvention = 'as-of-start' } = options;
  if (style === 'western') return lang === 'ja' ? `${fy}年度` : `FY${fy}`;
  const { era, year } = eraOfFiscalYear(fy, eraConvention, lang);
  return lang === 'ja' ? `${era}${year === 1 ? '元' : year}年度` : `FY ${era} ${year}`;
}
