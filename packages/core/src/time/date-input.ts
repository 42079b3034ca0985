import { type PartialDate, parsePartialDate } from './partial-date.js';

/** Why a typed or imported date was refused. */
export type DateInputErrorCode =
  /** Not a date in any form Musubi reads. */
  | 'date-unreadable'
  /** Could be read more than one way: `1/5/2019` (day or month first?), `19/5/1` (which century?). */
  | 'date-ambiguous'
  /** No such day or month: `2019/2/30`, `2019/13`. */
  | 'date-impossible'
  /** An era year the era never had: `平成32年`, `令和元年4月` (令和 began 2019-05-01). */
  | 'date-outside-era'
  /** A bare number like `43586`: an Excel serial that lost its date format; which date is meant is a guess. */
  | 'date-serial';

/** What {@link parseDateInput} read: a partial date, or why not (with the values a message needs). */
export type DateInputResult =
  | { readonly ok: true; readonly date: PartialDate }
  | {
      readonly ok: false;
      readonly code: DateInputErrorCode;
      /** `English / 日本語`, for logs; a UI words it from `code` and `params`. */
      readonly message: string;
      readonly params: Readonly<Record<string, string | number>>;
    };

interface Era {
  /** `平成` */
  readonly name: string;
  /** `H` */
  readonly letter: string;
  /** The Gregorian year of its first day (元年). */
  readonly firstYear: number;
}

const longEra = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const narrowEra = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'narrow',
  year: 'numeric',
  timeZone: 'UTC',
});

function eraOn(day: string, format: Intl.DateTimeFormat = longEra): { era: string; year: number } {
  const parts = format.formatToParts(new Date(`${day}T00:00:00Z`));
  const raw = parts.find((p) => p.type === 'year')?.value ?? '';
  return { era: parts.find((p) => p.type === 'era')?.value ?? '', year: raw === '元' ? 1 : Number(raw) };
}

let eras: readonly Era[] | undefined;

/**
 * The modern eras (明治 to 令和 and any later one the platform knows) from `Intl`'s Japanese
 * calendar, not from a table kept by hand: each era with the year its 元年 falls in.
 */
function modernEras(): readonly Era[] {
  if (eras) return eras;
  const found: Era[] = [];
  for (let year = 1868; year <= 2200; year++) {
    for (const day of [`${year}-01-01`, `${year}-12-31`]) {
      const { era, year: n } = eraOn(day);
      if (n === 1 && !found.some((e) => e.name === era)) {
        found.push({ name: era, letter: eraOn(day, narrowEra).era.toUpperCase(), firstYear: year });
      }
    }
  }
  eras = found;
  return found;
}

const fail = (
  code: DateInputErrorCode,
  text: string,
  en: string,
  ja: string,
  params: Record<string, string | number> = {},
): DateInputResult => ({ ok: false, code, message: `${en} / ${ja}`, params: { text, ...params } });

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a date as staff type it and as Excel writes it, into a partial date: `2019`, `2019-05-01`,
 * `2019/5/1`, `2019/05/01`, `2019.5.1`, `2019年5月1日`, full-width digits (`２０１９／５／１`),
 * eras (`令和元年5月1日`, `R1.5.1`, `H30.4`, `平成30年`, `㍻30年`), and Excel's `2019/5/1 0:00`.
 * The precision is what was written: `H30.4` → `2018-04`, `平成30年` → `2018`. Ambiguous input
 * (`1/5/2019`, `19/5/1`, a bare serial `43586`) and era years the era never had are refused with a
 * code, never guessed.
 *
 * @example
 * parseDateInput('令和元年5月1日'); // { ok: true, date: '2019-05-01' }
 * parseDateInput('H30.4');          // { ok: true, date: '2018-04' }
 * parseDateInput('1/5/2019');       // { ok: false, code: 'date-ambiguous', … }
 */
export function parseDateInput(input: string): DateInputResult {
  const text = input.trim();
  let s = text
    .normalize('NFKC')
    .replace(/\s+\d{1,2}:\d{2}(?::\d{2})?$/, '')
    .replace(/\s+/g, '');
  s = s
    .replace(/日$/, '')
    .replace(/[年月]/g, '/')
    .replace(/[.\-/]/g, '/')
    .replace(/\/$/, '');
  const era = modernEras().find(
    (e) => s.startsWith(e.name) || (e.letter !== '' && s.toUpperCase().startsWith(e.letter)),
  );
  if (era) {
    const rest = s.slice(s.startsWith(era.name) ? era.name.length : era.letter.length);
    const m = /^(元|\d{1,2})(?:\/(\d{1,2}))?(?:\/(\d{1,2}))?$/.exec(rest);
    if (!m)
      return fail('date-unreadable', text, `"${text}" is not a date`, `「${text}」は日付として読めません`);
    const year = era.firstYear + (m[1] === '元' ? 1 : Number(m[1])) - 1;
    return checked(text, year, m[2], m[3], era);
  }
  if (/^\d{8}$/.test(s)) return checked(text, Number(s.slice(0, 4)), s.slice(4, 6), s.slice(6, 8));
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    return fail(
      'date-serial',
      text,
      `"${text}" looks like an Excel date serial number; format the cell as a date (yyyy/m/d) and save again`,
      `「${text}」は Excel の日付のシリアル値のようです。セルの書式を日付（yyyy/m/d）にして保存し直してください`,
    );
  }
  const parts = s.split('/');
  if (parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) {
    return fail('date-unreadable', text, `"${text}" is not a date`, `「${text}」は日付として読めません`);
  }
  const [first = '', month, day] = parts;
  if (first.length !== 4 || parts.some((p, i) => i > 0 && p.length > 2)) {
    return fail(
      'date-ambiguous',
      text,
      `"${text}" can be read more than one way; write the year first with four digits (2019/5/1)`,
      `「${text}」は複数の読み方ができます。年を4桁で先に書いてください（2019/5/1）`,
    );
  }
  return checked(text, Number(first), month, day);
}

/** Checks the parts against the calendar (and the era, when one was written) and writes the date. */
function checked(text: string, year: number, month?: string, day?: string, era?: Era): DateInputResult {
  let date = String(year).padStart(4, '0');
  if (month !== undefined) date += `-${pad(Number(month))}`;
  if (month !== undefined && day !== undefined) date += `-${pad(Number(day))}`;
  const parsed = parsePartialDate(date);
  if ('error' in parsed) {
    return fail(
      'date-impossible',
      text,
      `"${text}" is not in the calendar`,
      `「${text}」という日付はありません`,
      {
        date,
      },
    );
  }
  if (era && !withinEra(date, parsed.month, parsed.day, era)) {
    return fail(
      'date-outside-era',
      text,
      `"${text}" is outside the ${era.name} era`,
      `「${text}」は${era.name}の期間にありません`,
      { era: era.name, date },
    );
  }
  return { ok: true, date };
}

/** True when some day of the date's period is in the era. */
function withinEra(date: string, month: number | undefined, day: number | undefined, era: Era): boolean {
  const year = date.slice(0, 4);
  const first = `${year}-${pad(month ?? 1)}-${pad(day ?? 1)}`;
  const lastMonth = month ?? 12;
  const lastDay = day ?? new Date(Date.UTC(Number(year), lastMonth, 0)).getUTCDate();
  const last = `${year}-${pad(lastMonth)}-${pad(lastDay)}`;
  return eraOn(first).era === era.name || eraOn(last).era === era.name;
}

/**
 * The day an Excel serial number stands for (XLSX keeps dates as serials): the 1900 date system by
 * default (serial 1 = 1900-01-01, with Lotus's phantom 1900-02-29 at 60), or the 1904 one of old Mac
 * workbooks. The time of day (the fraction) is dropped. Returns undefined for 60 and non-positive serials.
 *
 * @example
 * dateFromExcelSerial(43586); // '2019-05-01'
 */
export function dateFromExcelSerial(serial: number, { date1904 = false } = {}): string | undefined {
  const days = Math.floor(serial);
  if (!Number.isFinite(serial) || days < (date1904 ? 0 : 1) || (!date1904 && days === 60)) return undefined;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, days < 60 ? 31 : 30);
  return new Date(epoch + days * 86_400_000).toISOString().slice(0, 10);
}
