import { createNetwork } from '@musubi/core';
import { networkToJson } from '@musubi/core/json';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { buildExport } from './exports.js';
import { importFormatOf } from './file-formats.js';
import { describeProblem } from './file-messages.js';
import { importChosenFile } from './imports.js';
import { translator } from './node-translator.js';

const now = new Date(2026, 10, 24, 9, 0);
const recordsOf = (network: Parameters<typeof networkToJson>[0]) => {
  const state = JSON.parse(networkToJson(network, { kind: 'state', now }));
  return Object.fromEntries(
    Object.entries(state.records as Record<string, { id: string }[]>).map(([c, list]) => [
      c,
      [...list].sort((a, b) => a.id.localeCompare(b.id)),
    ]),
  );
};

describe('the network workbook in the Files area', () => {
  it('exports the whole network as an XLSX workbook that imports back unchanged into a fresh network', async () => {
    const network = buildSmallNetwork();
    const file = await buildExport(network, 'workbook', { lang: 'ja', now });
    expect(file.name).toBe('musubi-network-2026-11-24.xlsx');
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = file.data as Uint8Array;
    // known by its name, and by its first bytes (a ZIP archive) when the name says nothing
    expect(importFormatOf(file.name, '')).toBe('xlsx');
    expect(importFormatOf('download', new TextDecoder().decode(bytes.subarray(0, 8)))).toBe('xlsx');
    const fresh = createNetwork();
    const outcome = await importChosenFile(fresh, { name: file.name, bytes }, { lang: 'ja' });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.summary.format).toBe('xlsx');
    expect(recordsOf(fresh)).toEqual(recordsOf(network));
  });

  it('refuses a workbook into a network that has its records, saying sheet, row and column, changing nothing', async () => {
    const network = buildSmallNetwork();
    const file = await buildExport(network, 'workbook', { lang: 'en', now });
    const before = network.log().length;
    const outcome = await importChosenFile(
      network,
      { name: file.name, bytes: file.data as Uint8Array },
      { lang: 'en' },
    );
    if (outcome.ok) throw new Error('expected a refusal');
    expect(network.log()).toHaveLength(before);
    const problem = describeProblem(outcome.error, 'en', translator('en'));
    expect(problem.lines[0]).toEqual({
      where: 'sheet Entities, row 2, ID',
      message: expect.stringMatching(/is already taken/),
    });
    const ja = describeProblem(outcome.error, 'ja', translator('ja'));
    expect(ja.lines[0]?.where).toBe('シート「Entities」2行目「ID」');
  });

  it('says which cell names a record that is not there, and what kind of record, in English and Japanese', async () => {
    const file = await buildExport(buildSmallNetwork(), 'workbook', { lang: 'en', now });
    // edited as in Excel: a link to an entity that is not there, a figure of an unknown indicator
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data as Uint8Array as never);
    const links = workbook.getWorksheet('Links');
    const figures = workbook.getWorksheet('Manual figures');
    if (!links || !figures) throw new Error('the workbook has no Links or Manual figures sheet');
    const headers = (links.getRow(1).values as unknown[]).map(String);
    links.getRow(2).getCell(headers.indexOf('Target')).value = 'gone';
    figures.addRow(['', 'no-such-indicator', 2019, 3]);
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const fresh = createNetwork();
    const outcome = await importChosenFile(fresh, { name: file.name, bytes }, { lang: 'en' });
    if (outcome.ok) throw new Error('expected a refusal');
    expect(fresh.log()).toHaveLength(0);
    expect(describeProblem(outcome.error, 'en', translator('en')).lines).toEqual([
      {
        where: 'sheet Manual figures, row 2, Indicator',
        message: 'No indicator has the id no-such-indicator',
      },
      { where: 'sheet Links, row 2, Target', message: 'No entity has the id gone' },
    ]);
    expect(describeProblem(outcome.error, 'ja', translator('ja')).lines.map((l) => l.message)).toEqual([
      'ID「no-such-indicator」の指標がありません',
      'ID「gone」の組織・人がありません',
    ]);
  });
});
