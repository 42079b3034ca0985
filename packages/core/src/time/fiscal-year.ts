import * as z from 'zod/mini';
import { MusubiError } from '../errors.js';
// zod's English messages, as zod's classic API sets them
import '../model/zod-english.js';
import { type PartialDate, parsePartialDate } from './partial-date.js';

/**
 * A fiscal year (年度), named by the calendar year in which it starts: FY2019 runs from
 * 2019-04-01 to 2020-03-31 (Local Autonomy Act, art. 208).
 */
export type FiscalYear = number;

/** A fiscal year between 1900 and 2999. */
export const FiscalYearSchema = z.number().check(z.int(), z.minimum(1900), z.maximum(2999));

/** A fiscal year written as a record key ('2019'), as in targets and budgets. */
export const FiscalYearKeySchema = z.string().check(
  z.refine((s: string) => /^(19|2\d)\d\d$/.test(s), {
    message: 'a fiscal year is four digits, e.g. 2019',
    params: { reason: 'fiscal-year' },
  }),
);

/**
 * The fiscal year a date falls in: April–December belong to the FY of that year, January–March to
 * the year before. A month-precision date is placed by its month. A year-only date (`2018`) is
 * ambiguous — it straddles FY2017 and FY2018 — so it has no fiscal year: `undefined`.
 *
 * @example
 * fiscalYearOf('2019-03-31'); // 2018
 * fiscalYearOf('2019-04-01'); // 2019
 * fiscalYearOf('2018');       // undefined
 */
export function fiscalYearOf(date: PartialDate): FiscalYear | undefined {
  // reports ask for the same few thousand dates again and again (a bounded memo, as for days)
  if (fiscalYears.has(date)) return fiscalYears.get(date);
  const parts = parsePartialDate(date);
  if ('error' in parts) {
    throw new MusubiError('VALIDATION', `fiscalYearOf: ${parts.error}`, {
      path: [],
      details: { value: date },
    });
  }
  const fy = parts.month === undefined ? undefined : parts.month >= 4 ? parts.year : parts.year - 1;
  if (fiscalYears.size >= 100_000) fiscalYears.clear();
  fiscalYears.set(date, fy);
  return fy;
}

const fiscalYears = new Map<string, FiscalYear | undefined>();

/**
 * The first and last day of a fiscal year.
 *
 * @example
 * fiscalYearRange(2019); // { start: '2019-04-01', end: '2020-03-31' }
 */
export function fiscalYearRange(fy: FiscalYear): { start: string; end: string } {
  return { start: `${fy}-04-01`, end: `${fy + 1}-03-31` };
}

/** The fiscal years from `first` to `last`, both included. */
export function fiscalYearsBetween(first: FiscalYear, last: FiscalYear): FiscalYear[] {
  const out: FiscalYear[] = [];
  for (let fy = first; fy <= last; fy++) out.push(fy);
  return out;
}
