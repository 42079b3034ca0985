import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { fiscalYearSpan } from './fiscal-year.js';

describe('the fiscal years of the time slider', () => {
  it('run from the fiscal year of the first dated link event to today’s', () => {
    // the sister affiliation was signed 1973-11-07 (FY1973); 2027-03-31 is still FY2026
    expect(fiscalYearSpan(buildSmallNetwork(), '2027-03-31')).toEqual({ first: 1973, last: 2026 });
  });
});
