import type { Lang } from '../model/names.js';
import { type PartialDate, parsePartialDate } from './partial-date.js';

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A partial date as a person writes it, to its own precision: `2018年7月12日` / `12 July 2018`,
 * `2018年7月` / `July 2018`, `1973年` / `1973`. Text that is not a partial date comes back as it is
 * (a record read from an old log is shown, not refused).
 *
 * @example
 * formatPartialDate('2018-07', 'ja'); // '2018年7月'
 */
export function formatPartialDate(date: PartialDate, lang: Lang): string {
  const p = parsePartialDate(date);
  if ('error' in p) return date;
  if (lang === 'ja') {
    return `${p.year}年${p.month === undefined ? '' : `${p.month}月`}${p.day === undefined ? '' : `${p.day}日`}`;
  }
  const month = p.month === undefined ? undefined : monthNames[p.month - 1];
  if (month === undefined) return String(p.year);
  return p.day === undefined ? `${month} ${p.year}` : `${p.day} ${month} ${p.year}`;
}
