/**
 * What each export writes: the core's writers (`networkToJson`, `networkToCsv`, `networkToGexf`,
 * `networkToGraphml`, `networkToXlsx`, `reportToXlsx` of `report`) with the UI's language and a file name. Pure but
 * for the clock; the download itself is in download.ts.
 */

import { fiscalYearOf, type Lang, type Network, type NetworkView } from '@musubi/core';
import {
  type CsvColumn,
  type CsvKind,
  engagementColumns,
  entityColumns,
  linkColumns,
} from '@musubi/core/csv';
import { indicators, report } from '@musubi/core/indicators';
import { networkToJson } from '@musubi/core/json';
import { type ExportKind, exportFileName, localDay, mimeTypes } from './file-names.js';

/** A file ready to download. */
export interface ExportFile {
  readonly name: string;
  readonly type: string;
  readonly data: string | Uint8Array;
}

/** The fiscal years of the policy sheet, first and last (inclusive). */
export type FiscalYearSpan = readonly [number, number];

/** The longest policy sheet the menu writes, in fiscal years. */
export const MAX_SHEET_YEARS = 30;

/**
 * Replaces the core's bilingual CSV header (`名称（日本語）/name_ja`) by the one of `lang`
 * (`名称（日本語）` or `name_ja`); the core's importer reads either, so the file goes back in.
 */
export function localiseCsvHeader(csv: string, kind: CsvKind, lang: Lang): string {
  const columns = (
    kind === 'entities' ? entityColumns : kind === 'links' ? linkColumns : engagementColumns
  ) as readonly CsvColumn<unknown>[];
  const bom = csv.startsWith('\uFEFF') ? '\uFEFF' : '';
  const end = csv.indexOf('\r\n');
  const rest = end === -1 ? '' : csv.slice(end);
  return `${bom}${columns.map((c) => (lang === 'ja' ? c.ja : c.en)).join(',')}${rest}`;
}

/**
 * The fiscal years the policy sheet covers by default: those the indicators have targets for, or
 * else the last four up to the current one.
 */
export function defaultSheetYears(view: NetworkView, today: string): FiscalYearSpan {
  const years = indicators(view)
    .flatMap((indicator) => Object.keys(indicator.targets).map(Number))
    .filter((fy) => Number.isInteger(fy));
  if (years.length > 0) return [Math.min(...years), Math.max(...years)];
  const current = fiscalYearOf(today) ?? Number(today.slice(0, 4));
  return [current - 3, current];
}

/** Why a span of fiscal years cannot be written, or undefined when it can. */
export function sheetYearsProblem(span: readonly [number, number]): 'order' | 'range' | 'length' | undefined {
  const [from, to] = span;
  if (![from, to].every((fy) => Number.isInteger(fy) && fy >= 1900 && fy <= 2200)) return 'range';
  if (from > to) return 'order';
  if (to - from + 1 > MAX_SHEET_YEARS) return 'length';
  return undefined;
}

function yearsOf([from, to]: FiscalYearSpan): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Builds the file of an export, in `lang` (CSV headers, GEXF/GraphML labels, the policy sheet). */
export async function buildExport(
  network: Network,
  kind: ExportKind,
  options: { lang: Lang; now?: Date; sheetYears?: FiscalYearSpan },
): Promise<ExportFile> {
  const now = options.now ?? new Date();
  const day = localDay(now);
  const type = mimeTypes[kind];
  const { lang } = options;
  switch (kind) {
    case 'json':
      return { name: exportFileName(kind, day), type, data: networkToJson(network, { kind: 'log', now }) };
    case 'csv-entities':
    case 'csv-links':
    case 'csv-engagements': {
      const sheet: CsvKind =
        kind === 'csv-entities' ? 'entities' : kind === 'csv-links' ? 'links' : 'engagements';
      // the writers load when a file is written: the menu's first chunk stays small
      const { networkToCsv } = await import('@musubi/core/csv');
      return {
        name: exportFileName(kind, day),
        type,
        data: localiseCsvHeader(networkToCsv(network, sheet), sheet, lang),
      };
    }
    case 'gexf': {
      const { networkToGexf } = await import('@musubi/core/graph-files');
      return { name: exportFileName(kind, day), type, data: networkToGexf(network, { lang }) };
    }
    case 'graphml': {
      const { networkToGraphml } = await import('@musubi/core/graph-files');
      return { name: exportFileName(kind, day), type, data: networkToGraphml(network, { lang }) };
    }
    case 'workbook': {
      const { networkToXlsx } = await import('@musubi/core/xlsx');
      return { name: exportFileName(kind, day), type, data: await networkToXlsx(network, { lang }) };
    }
    case 'xlsx': {
      const { reportToXlsx } = await import('@musubi/core/xlsx');
      const span = options.sheetYears ?? defaultSheetYears(network, day);
      const sheet = report(network, { fiscalYears: yearsOf(span), asOfDate: day });
      return { name: exportFileName(kind, day, span), type, data: await reportToXlsx(sheet, { lang }) };
    }
  }
}
