import { describe, expect, it } from 'vitest';
import { eraOfFiscalYear, formatFiscalYear } from './era.js';

describe('formatFiscalYear', () => {
  it('writes FY2018 as 平成30年度', () => {
    expect(formatFiscalYear(2018, { style: 'era' })).toBe('平成30年度');
    expect(formatFiscalYear(2018, { style: 'era', eraConvention: 'current' })).toBe('平成30年度');
  });

  it('writes FY2019 as 平成31年度 in the policy sheet’s convention and 令和元年度 after the era change', () => {
    expect(formatFiscalYear(2019, { style: 'era' })).toBe('平成31年度');
    expect(formatFiscalYear(2019, { style: 'era', eraConvention: 'as-of-start' })).toBe('平成31年度');
    expect(formatFiscalYear(2019, { style: 'era', eraConvention: 'current' })).toBe('令和元年度');
  });

  it('writes FY2020 as 令和2年度 in both conventions', () => {
    expect(formatFiscalYear(2020, { style: 'era' })).toBe('令和2年度');
    expect(formatFiscalYear(2020, { style: 'era', eraConvention: 'current' })).toBe('令和2年度');
  });

  it('keeps 昭和63年度 for FY1988 although 平成 began in its January', () => {
    expect(formatFiscalYear(1988, { style: 'era', eraConvention: 'current' })).toBe('昭和63年度');
    expect(formatFiscalYear(1989, { style: 'era' })).toBe('平成元年度');
  });

  it('writes Western years in both languages', () => {
    expect(formatFiscalYear(2019)).toBe('2019年度');
    expect(formatFiscalYear(2019, { lang: 'en' })).toBe('FY2019');
    expect(formatFiscalYear(2019, { lang: 'en', style: 'era', eraConvention: 'current' })).toBe('FY Reiwa 1');
  });
});

describe('eraOfFiscalYear', () => {
  it('returns the era and its year as numbers', () => {
    expect(eraOfFiscalYear(2019, 'current')).toEqual({ era: '令和', year: 1 });
    expect(eraOfFiscalYear(2019)).toEqual({ era: '平成', year: 31 });
  });
});
