import { describe, expect, it } from 'vitest';
import { isMusubiError, type MusubiError } from '../errors.js';
import { createNetwork } from '../network/network.js';
import { importCsv } from './csv.js';
import { readCsvSheet } from './csv-rows.js';

function errorOf(fn: () => unknown): MusubiError {
  try {
    fn();
  } catch (error) {
    if (isMusubiError(error)) return error;
    throw error;
  }
  throw new Error('expected a MusubiError');
}

// as Excel's "CSV UTF-8" writes a sheet: BOM, CRLF, every row as wide as the header
const head = '\uFEFF種別,名称（日本語）,国,備考\r\n';

describe('CSV rows: broken quoting never loses a row', () => {
  it('refuses a quote opened in a 備考 cell and never closed, naming the row where it opened', () => {
    const csv = `${head}region,甲,TH,通常\r\nregion,乙,TH,"締結は1973年\r\nregion,丙,BR,\r\nregion,丁,BR,\r\n`;
    for (const partial of [false, true]) {
      const network = createNetwork();
      const error = errorOf(() => importCsv(network, csv, 'entities', { partial }));
      expect(error.code).toBe('FORMAT');
      expect(error.details.reason).toBe('csv-quoting');
      expect(error.issues.map((i) => [i.path, i.code, i.params?.line])).toEqual([
        [[3, '備考'], 'quote-unclosed', 3],
      ]);
      expect(network.counts().entities).toBe(0);
      expect(network.log()).toHaveLength(0);
    }
  });

  it('refuses a stray quote in a name column as broken quoting, not as a name on several lines', () => {
    const csv = `${head}region,"甲,TH,\r\nregion,乙,TH,\r\n`;
    const error = errorOf(() => importCsv(createNetwork(), csv, 'entities'));
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([[[2, '名称（日本語）'], 'quote-unclosed']]);
    expect(error.message).not.toContain('one line');
  });

  it('refuses a quote closed by a later stray quote, which joins the rows between into one cell', () => {
    const csv = `${head}region,甲,TH,"メモ\r\nregion,乙,TH,\r\nregion,丙,BR,メモ"\r\nregion,丁,BR,\r\n`;
    const network = createNetwork();
    const error = errorOf(() => importCsv(network, csv, 'entities'));
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([[[2, '備考'], 'quote-spans-rows']]);
    expect(network.counts().entities).toBe(0);
  });

  it('refuses text after a closing quote', () => {
    const csv = `${head}region,"甲"乙,TH,\r\nregion,丙,TH,\r\n`;
    const error = errorOf(() => importCsv(createNetwork(), csv, 'entities'));
    expect(error.issues[0]?.code).toBe('quote-malformed');
    expect(error.issues[0]?.path[0]).toBe(2);
  });

  it('still reads quoted cells with line breaks, commas and doubled quotes that Excel writes', () => {
    const csv = `${head}region,"甲, ""本部""",TH,"1973年締結\r\n移民のつながり"\r\nregion,乙,BR,\r\n`;
    const network = createNetwork();
    expect(importCsv(network, csv, 'entities').imported).toBe(2);
    expect(network.entities()[0]).toMatchObject({
      name: { ja: '甲, "本部"' },
      notes: '1973年締結\r\n移民のつながり',
    });
  });

  it('refuses a row with a value beyond the last header, instead of dropping the value', () => {
    const csv = `${head}region,甲,TH,,迷子の値\r\nregion,乙,TH,,\r\n`;
    const error = errorOf(() => importCsv(createNetwork(), csv, 'entities'));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([[[2, 'E'], 'cell-without-header']]);
    const network = createNetwork();
    expect(importCsv(network, csv, 'entities', { partial: true }).imported).toBe(1);
  });
});

describe('CSV rows: spreadsheet row numbers', () => {
  it('counts blank lines and Excel blank rows (,,,) as rows, as the spreadsheet does', () => {
    const csv = `${head}region,甲,TH,\r\n\r\n,,,\r\nregion,乙,XX,\r\n`;
    const error = errorOf(() => importCsv(createNetwork(), csv, 'entities'));
    expect(error.issues.map((i) => i.path)).toEqual([[5, '国/country']]);
  });

  it('counts a quoted cell with line breaks as one row', () => {
    const csv = `${head}region,甲,TH,"一行目\r\n二行目\r\n三行目"\r\nregion,乙,XX,\r\n`;
    const error = errorOf(() => importCsv(createNetwork(), csv, 'entities'));
    expect(error.issues.map((i) => i.path)).toEqual([[3, '国/country']]);
  });

  it('takes the first non-blank row as the header and numbers from the top of the sheet', () => {
    const sheet = readCsvSheet('\r\n\r\nkind,name_ja\r\nregion,甲\r\n\r\nregion,乙\r\n');
    expect(sheet.header.row).toBe(3);
    expect(sheet.rows.map((r) => r.row)).toEqual([4, 6]);
  });

  it('refuses a file of blank rows as empty', () => {
    const error = errorOf(() => importCsv(createNetwork(), '\uFEFF\r\n,,\r\n', 'entities'));
    expect(error.issues[0]?.code).toBe('empty-file');
  });
});
