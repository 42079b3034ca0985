import * as z from 'zod/mini';
import { MusubiError } from '../errors.js';
// zod's English messages, as zod's classic API sets them
import '../model/zod-english.js';

/**
 * A date known to the year, the month or the day: `1973`, `2018-07`, `2018-07-12`.
 * Old agreements are often known only by their year; Musubi keeps that precision instead of
 * inventing a day.
 */
export type PartialDate = string;

export type DatePrecision = 'year' | 'month' | 'day';

const pattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export interface PartialDateParts {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  readonly precision: DatePrecision;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (arithmetic: every date of a log passes here). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return monthDays[month - 1] ?? 0;
}

/** Parses a partial date, or returns a reason why it is not one (`2019-02-30`: no such day). */
export function parsePartialDate(
  value: string,
): PartialDateParts | { readonly error: string; readonly problem: 'format' | 'year' | 'month' | 'day' } {
  const m = pattern.exec(value);
  if (!m) return { error: 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD', problem: 'format' };
  const year = Number(m[1]);
  if (year < 1000) return { error: `year ${m[1]} is out of range (1000–9999)`, problem: 'year' };
  if (m[2] === undefined) return { year, precision: 'year' };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { error: `month ${m[2]} does not exist`, problem: 'month' };
  if (m[3] === undefined) return { year, month, precision: 'month' };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month))
    return { error: `${value} does not exist in the calendar`, problem: 'day' };
  return { year, month, day, precision: 'day' };
}

/** The digit at `i`, or -1 (as `\d` in a pattern: ASCII digits only). */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The two-digit number at `i`, or -1. */
function twoDigitsAt(s: string, i: number): number {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * True when `value` is a real partial date (`2019-02-29` is not; `2020-02-29` is): what
 * {@link parsePartialDate} accepts, read character by character without allocating (every date of
 * a log that is opened passes here).
 */
export function isPartialDate(value: unknown): value is PartialDate {
  if (typeof value !== 'string') return false;
  const n = value.length;
  if (n !== 4 && n !== 7 && n !== 10) return false;
  const high = twoDigitsAt(value, 0);
  const low = twoDigitsAt(value, 2);
  if (high < 10 || low < 0) return false; // year 1000–9999
  if (n === 4) return true;
  const month = value.charCodeAt(4) === 45 ? twoDigitsAt(value, 5) : -1;
  if (month < 1 || month > 12) return false;
  if (n === 7) return true;
  const day = value.charCodeAt(7) === 45 ? twoDigitsAt(value, 8) : -1;
  return day >= 1 && day <= daysInMonth(high * 100 + low, month);
}

function parts(value: PartialDate): PartialDateParts {
  const p = parsePartialDate(value);
  if ('error' in p) {
    throw new MusubiError(
      'VALIDATION',
      `not a partial date: ${JSON.stringify(String(value).slice(0, 40))} (${p.error})`,
      {
        details: { value },
      },
    );
  }
  return p;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// asOf, timeline and every sort by date ask for the same few thousand days again and again: the
// answers (pure functions of the string) are remembered, in bounded maps. Invalid dates still throw.
const earliestDays = new Map<string, string>();
const latestDays = new Map<string, string>();
function remember(days: Map<string, string>, value: string, day: string): string {
  if (days.size >= 100_000) days.clear();
  days.set(value, day);
  return day;
}

/** The first day a partial date can mean: `2018-07` → `2018-07-01`, `1973` → `1973-01-01`. */
export function earliestDay(value: PartialDate): string {
  const known = earliestDays.get(value);
  if (known !== undefined) return known;
  const p = parts(value);
  return remember(earliestDays, value, `${pad(p.year, 4)}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}`);
}

/** The last day a partial date can mean: `2018-07` → `2018-07-31`, `1973` → `1973-12-31`. */
export function latestDay(value: PartialDate): string {
  const known = latestDays.get(value);
  if (known !== undefined) return known;
  const p = parts(value);
  const month = p.month ?? 12;
  return remember(
    latestDays,
    value,
    `${pad(p.year, 4)}-${pad(month)}-${pad(p.day ?? daysInMonth(p.year, month))}`,
  );
}

/** The precision of a partial date. */
export function precisionOf(value: PartialDate): DatePrecision {
  return parts(value).precision;
}

/**
 * Orders partial dates by their earliest day, then the less precise first
 * (`2018` < `2018-01` < `2018-01-01` < `2018-01-02`). Usable with `Array.prototype.sort`.
 */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  const da = earliestDay(a);
  const db = earliestDay(b);
  if (da !== db) return da < db ? -1 : 1;
  return a.length - b.length;
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function todayISO(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The zod schema of a partial date: refuses `2019-02-30`, `2019-13`, `19-01-01`. */
export const PartialDateSchema = z.string().check(
  z.superRefine((value: string, ctx) => {
    const p = parsePartialDate(value);
    if ('error' in p)
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(value.slice(0, 40))}: ${p.error}`,
        // `problem`: what is wrong (format, year, month, day), for a UI to say it in its words
        params: { reason: 'date-impossible', text: value.slice(0, 40), problem: p.problem },
      });
  }),
);
