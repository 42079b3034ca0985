/**
 * Fiscal years (年度, April–March, named by the starting year) for the time slider, with labels
 * in Western years or Japanese eras. Uses Intl's `ja-JP-u-ca-japanese` calendar.
 */
import { earliestDay, type Lang, type NetworkView } from '@musubi/core';

/** The fiscal year a day (YYYY-MM-DD) falls in. */
export function fiscalYearOfDay(day: string): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7) || '4');
  return month >= 4 ? year : year - 1;
}

/** The last day of a fiscal year: FY2012 ends on 2013-03-31. */
export function fiscalYearEnd(fiscalYear: number): string {
  return `${fiscalYear + 1}-03-31`;
}

/** The first day of a fiscal year: FY2012 starts on 2012-04-01. */
export function fiscalYearStart(fiscalYear: number): string {
  return `${fiscalYear}-04-01`;
}

/** "FY2012" / "2012年度", or with eras "FY Heisei 24" / "平成24年度". */
export function fiscalYearLabel(fiscalYear: number, lang: Lang, era: boolean): string {
  if (!era) return lang === 'ja' ? `${fiscalYear}年度` : `FY${fiscalYear}`;
  // the era in force on the first day of the fiscal year (FY2019 = 平成31年度, as the policy sheet says)
  const start = new Date(Date.UTC(fiscalYear, 3, 1, 12));
  const parts = new Intl.DateTimeFormat(`${lang === 'ja' ? 'ja-JP' : 'en-US'}-u-ca-japanese`, {
    era: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(start);
  const eraName = parts.find((p) => p.type === 'era')?.value ?? '';
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  const yearText = year === '1' && lang === 'ja' ? '元' : year;
  return lang === 'ja' ? `${eraName}${yearText}年度` : `FY ${eraName} ${year}`;
}

/** The fiscal years the slider offers: from the first dated link event in the network to today's. */
export function fiscalYearSpan(view: NetworkView, today: string): { first: number; last: number } {
  const last = fiscalYearOfDay(today);
  let first = last;
  for (const link of view.links()) {
    for (const event of link.events) first = Math.min(first, fiscalYearOfDay(earliestDay(event.date)));
  }
  return { first, last };
}
