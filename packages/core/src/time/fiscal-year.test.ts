import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import {
  FiscalYearKeySchema,
  FiscalYearSchema,
  fiscalYearOf,
  fiscalYearRange,
  fiscalYearsBetween,
} from './fiscal-year.js';

describe('fiscalYearOf', () => {
  it('puts March 31 in the fiscal year before and April 1 in the new one', () => {
    expect(fiscalYearOf('2019-03-31')).toBe(2018);
    expect(fiscalYearOf('2019-04-01')).toBe(2019);
    expect(fiscalYearOf('2019-12-31')).toBe(2019);
    expect(fiscalYearOf('2020-01-01')).toBe(2019);
  });

  it('handles the leap day as any day of February', () => {
    expect(fiscalYearOf('2020-02-29')).toBe(2019);
    expect(fiscalYearOf('2016-02-29')).toBe(2015);
  });

  it('places a month-precision date by its month', () => {
    expect(fiscalYearOf('2018-03')).toBe(2017);
    expect(fiscalYearOf('2018-04')).toBe(2018);
    expect(fiscalYearOf('2018-07')).toBe(2018);
  });

  it('gives no fiscal year for a year-only date, which straddles two', () => {
    expect(fiscalYearOf('2018')).toBeUndefined();
  });

  it('refuses a date that does not exist with a typed error', () => {
    try {
      fiscalYearOf('2019-02-29');
      expect.unreachable();
    } catch (error) {
      expect(isMusubiError(error) && error.code).toBe('VALIDATION');
    }
  });

  it('agrees with fiscalYearRange for every day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const day = d.toISOString().slice(0, 10);
          const fy = fiscalYearOf(day);
          expect(fy).toBeDefined();
          const { start, end } = fiscalYearRange(fy ?? 0);
          expect(start <= day && day <= end).toBe(true);
        },
      ),
    );
  });
});

describe('fiscalYearRange', () => {
  it('runs from April 1 to March 31 of the next year', () => {
    expect(fiscalYearRange(2019)).toEqual({ start: '2019-04-01', end: '2020-03-31' });
  });
});

describe('fiscalYearsBetween', () => {
  it('lists the years from first to last inclusive', () => {
    expect(fiscalYearsBetween(2016, 2019)).toEqual([2016, 2017, 2018, 2019]);
    expect(fiscalYearsBetween(2019, 2018)).toEqual([]);
  });
});

describe('FiscalYearSchema and FiscalYearKeySchema', () => {
  it('take a four-digit fiscal year, as a number or as a record key', () => {
    expect(FiscalYearSchema.safeParse(2019).success).toBe(true);
    for (const bad of [19, 2019.5, '2019', 3000])
      expect(FiscalYearSchema.safeParse(bad).success, String(bad)).toBe(false);
    expect(FiscalYearKeySchema.safeParse('2019').success).toBe(true);
    for (const bad of ['19', 'FY2019', '2019-04', ' 2019', '平成31']) {
      expect(FiscalYearKeySchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
