import { describe, expect, it } from 'vitest';
import { formatPartialDate } from './date-words.js';

describe('formatPartialDate', () => {
  it('writes a date to its own precision, in Japanese and in English', () => {
    expect(['1973', '2018-07', '2018-07-12'].map((d) => formatPartialDate(d, 'ja'))).toEqual([
      '1973年',
      '2018年7月',
      '2018年7月12日',
    ]);
    expect(['1973', '2018-07', '2018-07-02'].map((d) => formatPartialDate(d, 'en'))).toEqual([
      '1973',
      'July 2018',
      '2 July 2018',
    ]);
  });

  it('gives back text that is not a date as it came', () => {
    expect(formatPartialDate('2019-02-30', 'en')).toBe('2019-02-30');
  });
});
