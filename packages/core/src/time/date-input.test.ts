import { describe, expect, it } from 'vitest';
import { dateFromExcelSerial, parseDateInput } from './date-input.js';

const dateOf = (text: string) => {
  const result = parseDateInput(text);
  return result.ok ? result.date : result.code;
};

describe('dates as staff type them and Excel writes them', () => {
  it('reads the forms an office writes, keeping the precision written', () => {
    const cases: [string, string][] = [
      ['2019', '2019'],
      ['2019-05', '2019-05'],
      ['2019-05-01', '2019-05-01'],
      ['2019/5/1', '2019-05-01'],
      ['2019/05/01', '2019-05-01'],
      ['2019.5.1', '2019-05-01'],
      ['2019-5-1', '2019-05-01'],
      ['2019/5', '2019-05'],
      ['2019年5月1日', '2019-05-01'],
      ['2019年5月', '2019-05'],
      ['2019年', '2019'],
      ['２０１９／５／１', '2019-05-01'],
      ['２０１９年５月１日', '2019-05-01'],
      ['20190501', '2019-05-01'],
      ['2019/5/1 0:00', '2019-05-01'],
      [' 2019/5/1 ', '2019-05-01'],
    ];
    for (const [text, date] of cases) expect([text, dateOf(text)]).toEqual([text, date]);
  });

  it('reads Japanese eras, in kanji, letters, full width and the era ligatures', () => {
    const cases: [string, string][] = [
      ['令和元年5月1日', '2019-05-01'],
      ['令和1年5月1日', '2019-05-01'],
      ['R1.5.1', '2019-05-01'],
      ['r1/5/1', '2019-05-01'],
      ['R01.05.01', '2019-05-01'],
      ['Ｒ１．５．１', '2019-05-01'],
      ['H30.4', '2018-04'],
      ['H30', '2018'],
      ['平成30年', '2018'],
      ['平成30年4月', '2018-04'],
      ['平成31年4月30日', '2019-04-30'],
      ['平成31年', '2019'],
      ['令和元年', '2019'],
      ['㍻30年4月1日', '2018-04-01'],
      ['㋿2年', '2020'],
      ['昭和48年', '1973'],
      ['S48.9.5', '1973-09-05'],
      ['平成元年1月8日', '1989-01-08'],
      ['大正元年', '1912'],
      ['明治45年', '1912'],
    ];
    for (const [text, date] of cases) expect([text, dateOf(text)]).toEqual([text, date]);
  });

  it('refuses ambiguous input instead of guessing, with a code and the text', () => {
    const cases: [string, string][] = [
      ['1/5/2019', 'date-ambiguous'],
      ['05/01/2019', 'date-ambiguous'],
      ['19/5/1', 'date-ambiguous'],
      ['43586', 'date-serial'],
      ['2019/2/30', 'date-impossible'],
      ['2019/13', 'date-impossible'],
      ['令和元年4月1日', 'date-outside-era'],
      ['平成31年5月', 'date-outside-era'],
      ['平成32年', 'date-outside-era'],
      ['昭和64年1月8日', 'date-outside-era'],
      ['来年', 'date-unreadable'],
      ['R', 'date-unreadable'],
      ['2019/5/1/2', 'date-unreadable'],
      ['', 'date-unreadable'],
    ];
    for (const [text, code] of cases) expect([text, dateOf(text)]).toEqual([text, code]);
    expect(parseDateInput('1/5/2019')).toMatchObject({ params: { text: '1/5/2019' } });
  });

  it('turns Excel serials into days in the 1900 and 1904 date systems', () => {
    expect(dateFromExcelSerial(43586)).toBe('2019-05-01');
    expect(dateFromExcelSerial(43586.75)).toBe('2019-05-01');
    expect(dateFromExcelSerial(1)).toBe('1900-01-01');
    expect(dateFromExcelSerial(59)).toBe('1900-02-28');
    expect(dateFromExcelSerial(60)).toBeUndefined(); // Lotus's 1900-02-29, a day that never was
    expect(dateFromExcelSerial(61)).toBe('1900-03-01');
    expect(dateFromExcelSerial(0)).toBeUndefined();
    expect(dateFromExcelSerial(42124, { date1904: true })).toBe('2019-05-01');
  });
});
