import { describe, expect, it } from 'vitest';
import { fiscalYearEnd, fiscalYearLabel, fiscalYearOfDay } from './fiscal-year.js';

describe('fiscal years', () => {
  it('start in April', () => {
    expect(fiscalYearOfDay('2019-03-31')).toBe(2018);
    expect(fiscalYearOfDay('2019-04-01')).toBe(2019);
    expect(fiscalYearEnd(2012)).toBe('2013-03-31');
  });

  it('are labelled in Western years or Japanese eras', () => {
    expect(fiscalYearLabel(2012, 'ja', false)).toBe('2012年度');
    expect(fiscalYearLabel(2012, 'en', false)).toBe('FY2012');
    expect(fiscalYearLabel(2019, 'ja', true)).toBe('平成31年度');
    expect(fiscalYearLabel(2020, 'ja', true)).toBe('令和2年度');
    expect(fiscalYearLabel(2015, 'en', true)).toContain('Heisei');
  });
});
