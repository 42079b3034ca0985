/**
 * Reading the cells of the network workbook as Excel stores them: formulas by their result, rich
 * text as its text, dates from date cells, serials or text as offices write it, words back to codes.
 */
import type ExcelJS from 'exceljs';
import { dateFromExcelSerial, parseDateInput } from '../time/date-input.js';
import { codeOf, countryCodeOf, type WorkbookColumn } from './workbook-sheets.js';

/** A cell's value as text, number, boolean or Date, whatever Excel stored (a formula by its result). */
export function plain(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('formula' in value || 'sharedFormula' in value)
    return plain((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return plain((value as { text: ExcelJS.CellValue }).text);
  if ('error' in value) return { error: value.error };
  return undefined;
}

export function setAt(
  input: Record<string, unknown>,
  path: readonly (string | number)[],
  value: unknown,
): void {
  let target = input;
  path.slice(0, -1).forEach((key) => {
    const next = target[key] ?? {};
    target[key] = next;
    target = next as Record<string, unknown>;
  });
  target[path[path.length - 1] as string] = value;
}

export type Read =
  | { ok: true; value: unknown; reading?: string }
  | { ok: false; code: string; message: string; params: Record<string, string | number> };

/** Reads one cell of a column: words to codes, dates as offices write them, numbers, lists. */
export function readCell(column: WorkbookColumn, raw: unknown, date1904: boolean): Read {
  if (typeof raw === 'object' && raw !== null && 'error' in raw) {
    return {
      ok: false,
      code: 'cell-error',
      message: `the cell shows an Excel error ${String((raw as { error: unknown }).error)}`,
      params: { value: String((raw as { error: unknown }).error) },
    };
  }
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw);
  switch (column.type) {
    case 'date': {
      // Excel's date cells come as Dates (UTC midnight); a serial in a cell without a date format as a number
      if (raw instanceof Date) return { ok: true, value: text, reading: text };
      if (typeof raw === 'number') {
        const date = dateFromExcelSerial(raw, { date1904 });
        return date
          ? { ok: true, value: date, reading: date }
          : { ok: false, code: 'date-unreadable', message: `${raw} is not a date`, params: { text } };
      }
      const result = parseDateInput(text);
      if (!result.ok)
        return {
          ok: false,
          code: result.code,
          message: result.message,
          params: { text, ...result.params } as Record<string, string | number>,
        };
      return {
        ok: true,
        value: result.date,
        ...(result.date === text.trim() ? {} : { reading: result.date }),
      };
    }
    case 'number': {
      if (typeof raw === 'number') return { ok: true, value: raw };
      const n = Number(text.normalize('NFKC').replace(/,/g, '').trim());
      return text.trim() !== '' && Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, code: 'not-a-number', message: `"${text}" is not a number`, params: { value: text } };
    }
    case 'list':
      return {
        ok: true,
        value: text
          .split(/\r\n|\r|\n/)
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      };
    case 'yes-no':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      break;
    case 'country': {
      const code = countryCodeOf(text);
      return code
        ? { ok: true, value: code }
        : {
            ok: false,
            code: 'unknown-country',
            message: `"${text}" is not a country Musubi knows`,
            params: { value: text },
          };
    }
    default:
      break;
  }
  if (column.words) {
    const code = codeOf(column.words, text);
    if (code === undefined) {
      const values = Object.values(column.words)
        .map((w) => w.ja)
        .join('、');
      return {
        ok: false,
        code: 'not-one-of',
        message: `"${text}" is not one of ${values}`,
        params: { value: text, values },
      };
    }
    return { ok: true, value: column.type === 'yes-no' ? code === 'true' : code };
  }
  if (column.path[0] === 'measure') {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, code: 'invalid', message: 'the measure is not JSON', params: { detail: 'JSON' } };
    }
  }
  // ids and codes written as numbers (`33101`) are text
  return { ok: true, value: column.path[0] === 'notes' || column.path[0] === 'note' ? text : text.trim() };
}
