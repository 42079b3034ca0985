import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import {
  comparePartialDates,
  earliestDay,
  isPartialDate,
  latestDay,
  PartialDateSchema,
  parsePartialDate,
  precisionOf,
  todayISO,
} from './partial-date.js';

describe('partial dates', () => {
  it('accepts a year, a month or a day', () => {
    expect(parsePartialDate('1973')).toEqual({ year: 1973, precision: 'year' });
    expect(parsePartialDate('2018-07')).toEqual({ year: 2018, month: 7, precision: 'month' });
    expect(parsePartialDate('2018-07-12')).toEqual({ year: 2018, month: 7, day: 12, precision: 'day' });
    expect(precisionOf('1973')).toBe('year');
    expect(precisionOf('2018-07')).toBe('month');
    expect(precisionOf('2018-07-12')).toBe('day');
  });

  it('refuses days that are not in the calendar, and accepts leap days', () => {
    expect(isPartialDate('2019-02-30')).toBe(false);
    expect(isPartialDate('2019-02-29')).toBe(false);
    expect(isPartialDate('2020-02-29')).toBe(true);
    expect(isPartialDate('2000-02-29')).toBe(true);
    expect(isPartialDate('1900-02-29')).toBe(false);
    expect(isPartialDate('2019-04-31')).toBe(false);
    expect(isPartialDate('2019-12-31')).toBe(true);
  });

  it('refuses malformed text', () => {
    for (const bad of [
      '2019-13',
      '2019-00',
      '19-01-01',
      '2019-1-1',
      '2019/01/01',
      '',
      ' 2019',
      '0999',
      'x',
    ]) {
      expect(isPartialDate(bad), bad).toBe(false);
      expect('error' in parsePartialDate(bad), bad).toBe(true);
    }
    expect(isPartialDate(2019)).toBe(false);
    expect(isPartialDate(null)).toBe(false);
  });

  it('gives the first and the last day a partial date can mean', () => {
    expect(earliestDay('1973')).toBe('1973-01-01');
    expect(latestDay('1973')).toBe('1973-12-31');
    expect(earliestDay('2018-07')).toBe('2018-07-01');
    expect(latestDay('2018-07')).toBe('2018-07-31');
    expect(latestDay('2019-02')).toBe('2019-02-28');
    expect(latestDay('2020-02')).toBe('2020-02-29');
    expect(earliestDay('2018-07-12')).toBe('2018-07-12');
    expect(latestDay('2018-07-12')).toBe('2018-07-12');
  });

  it('throws a VALIDATION MusubiError when asked for the days of a non-date', () => {
    const refusal = (f: () => unknown): unknown => {
      try {
        f();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(
      isMusubiError(
        refusal(() => earliestDay('2019-02-30')),
        'VALIDATION',
      ),
    ).toBe(true);
    expect(
      isMusubiError(
        refusal(() => latestDay('2019-13')),
        'VALIDATION',
      ),
    ).toBe(true);
    expect(
      isMusubiError(
        refusal(() => comparePartialDates('19-01-01', '2019')),
        'VALIDATION',
      ),
    ).toBe(true);
  });

  it('orders by first day, the less precise first on the same day', () => {
    const dates = ['2018-01-02', '2018-01-01', '2017-12', '2018', '2018-01'];
    expect(dates.sort(comparePartialDates)).toEqual([
      '2017-12',
      '2018',
      '2018-01',
      '2018-01-01',
      '2018-01-02',
    ]);
  });

  it('says today in UTC', () => {
    expect(todayISO(new Date('2019-03-31T23:30:00Z'))).toBe('2019-03-31');
  });

  it('has a zod schema that reports the reason', () => {
    expect(PartialDateSchema.safeParse('2020-02-29').success).toBe(true);
    const result = PartialDateSchema.safeParse('2019-02-30');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('does not exist');
  });

  it('keeps every real day inside its month and year (property)', () => {
    const day = fc.date({
      min: new Date('1000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(day, (d) => {
        const iso = d.toISOString().slice(0, 10);
        const month = iso.slice(0, 7);
        const year = iso.slice(0, 4);
        expect(isPartialDate(iso)).toBe(true);
        expect(earliestDay(month) <= iso && iso <= latestDay(month)).toBe(true);
        expect(earliestDay(year) <= iso && iso <= latestDay(year)).toBe(true);
        expect(comparePartialDates(year, month)).toBeLessThan(0);
        expect(comparePartialDates(month, iso)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('knows the last day of every month as the calendar does, leap years included (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        const ym = `${year}-${String(month).padStart(2, '0')}`;
        expect(isPartialDate(`${ym}-${last}`)).toBe(true);
        expect(isPartialDate(`${ym}-${last + 1}`)).toBe(false);
        expect(latestDay(ym)).toBe(`${ym}-${last}`);
      }),
      { numRuns: 2_000 },
    );
  });

  it('isPartialDate says yes exactly when parsePartialDate gives a date (property)', () => {
    // near-dates: digits, dashes and a few other characters (a full-width digit, a space, a newline)
    const char = fc.constantFrom('0', '1', '2', '3', '9', '-', '０', ' ', '\n', 'a');
    const nearDate = fc.array(char, { maxLength: 11 }).map((chars) => chars.join(''));
    const dayLike = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom(4, 7, 10),
      )
      .map(([y, m, d, n]) =>
        `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`.slice(
          0,
          n,
        ),
      );
    fc.assert(
      fc.property(fc.oneof(nearDate, dayLike, fc.string()), (value) => {
        expect(isPartialDate(value)).toBe(!('error' in parsePartialDate(value)));
      }),
      { numRuns: 5_000 },
    );
    expect([isPartialDate(20200229), isPartialDate(null), isPartialDate('2020-02-29\n')]).toEqual([
      false,
      false,
      false,
    ]);
  });
});
