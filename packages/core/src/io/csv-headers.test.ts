import { describe, expect, it } from 'vitest';
import { isMusubiError, type MusubiError } from '../errors.js';
import { createNetwork } from '../network/network.js';
import { importCsv } from './csv.js';
import { columnLetter, entityColumns, nearestHeader } from './csv-columns.js';

function errorOf(fn: () => unknown): MusubiError {
  try {
    fn();
  } catch (error) {
    if (isMusubiError(error)) return error;
    throw error;
  }
  throw new Error('expected a MusubiError');
}

describe('CSV headers as offices write them', () => {
  it('reads width, bracket and case variants of known headers', () => {
    const csv =
      '\uFEFFＩＤ,種別,名称(日本語),名称（英語）/name_en,Country,ﾀｸﾞ\r\n' +
      'sp,region,サンパウロ州,São Paulo,br,姉妹\r\n';
    const network = createNetwork();
    const report = importCsv(network, csv, 'entities');
    expect(report.ignoredColumns).toEqual([]);
    expect(network.entity('sp')).toMatchObject({
      name: { ja: 'サンパウロ州', en: 'São Paulo' },
      country: 'BR',
      tags: ['姉妹'],
    });
  });

  it('reports every ignored column with the nearest known header, and still imports the rows', () => {
    const csv = '種別,名称（日本語）,国名,開始日,担当者\r\nregion,甲,TH,2019-05-01,山田\r\n';
    const network = createNetwork();
    const report = importCsv(network, csv, 'entities');
    expect(report.imported).toBe(1);
    expect(report.ignoredColumns).toEqual([
      { header: '国名', column: 3, nearest: '国/country' },
      { header: '開始日', column: 4, nearest: '開始/since' },
      { header: '担当者', column: 5 },
    ]);
    expect(network.entities()[0]?.country).toBeUndefined();
  });

  it('refuses a column named twice (in any form), instead of letting one silently win', () => {
    const csv = 'kind,名称（日本語）,name_ja,国\r\nregion,甲,乙,TH\r\n';
    const network = createNetwork();
    const error = errorOf(() => importCsv(network, csv, 'entities', { partial: true }));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues.map((i) => [i.path, i.code, i.params])).toEqual([
      [[1, 'name_ja'], 'duplicate-column', { column: '名称（日本語）/name_ja', first: 'B', second: 'C' }],
    ]);
    expect(network.counts().entities).toBe(0);
  });

  it('refuses a value under an empty header cell, and ignores empty columns Excel leaves', () => {
    const network = createNetwork();
    expect(importCsv(network, 'kind,name_ja,,\r\nregion,甲,,\r\n', 'entities').imported).toBe(1);
    const error = errorOf(() =>
      importCsv(createNetwork(), 'kind,name_ja,,\r\nregion,甲,,値\r\n', 'entities'),
    );
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([[[2, 'D'], 'cell-without-header']]);
  });

  it('names a sheet without any name column by the missing name, not by a schema message', () => {
    const error = errorOf(() => importCsv(createNetwork(), 'kind,country\r\nregion,TH\r\n', 'entities'));
    expect(error.issues.map((i) => i.path)).toEqual([[2, '名称（日本語）/name_ja']]);
    expect(error.issues[0]?.message).not.toContain('received undefined');
  });

  it('finds the nearest header and spells column letters as a spreadsheet does', () => {
    expect(nearestHeader(entityColumns, 'nmae_ja')).toBe('名称（日本語）/name_ja');
    expect(nearestHeader(entityColumns, 'まったく違う')).toBeUndefined();
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
