import { createReadStream, createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fiscalYearOf, MusubiError, type Network, todayISO } from '@musubi/core';
import { briefing } from '@musubi/core/briefing';
import { connectNetwork } from '@musubi/core/client';
import { type CsvKind, columnLetter, type DateReading, importCsv, networkToCsv } from '@musubi/core/csv';
import { importGraphFile, networkToGexf, networkToGraphml } from '@musubi/core/graph-files';
import { report } from '@musubi/core/indicators';
import { briefingToMarkdown, reportToMarkdown } from '@musubi/core/markdown';
import {
  importJsonChunksInto,
  inspectNetworkFile,
  type LogInspection,
  networkJsonChunks,
  openNetworkFile,
  type RepairReport,
  repairNetworkFile,
} from '@musubi/core/node';
import { headerIn } from '@musubi/core/words';
import { importXlsx, networkToXlsx, reportToXlsx, type XlsxImportReport } from '@musubi/core/xlsx';
import { type CliLang, issueText, printWarnings, say } from './messages.js';
import { importProgressBar } from './progress.js';

const author = () => process.env.MUSUBI_AUTHOR ?? process.env.USER ?? 'cli';

/** Prints a line to stdout. */
function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** `musubi init <file>`: creates an empty network file; refuses to overwrite one (CONFLICT). */
export async function init(file: string, lang: CliLang): Promise<void> {
  if (existsSync(file)) {
    throw new MusubiError(
      'CONFLICT',
      say(lang, { ja: `${file} は既にあります`, en: `${file} already exists` }),
      {
        path: [file],
      },
    );
  }
  const network = await openNetworkFile(file, { create: true, author: author() });
  await network.close();
  print(say(lang, { ja: `作成しました: ${file}`, en: `created ${file}` }));
}

/** Each line a repair sets aside, and each run of changes known to be lost, one per line. */
function lossLines(found: Pick<LogInspection, 'setAside' | 'missing'>, lang: CliLang): string[] {
  const lines = found.setAside.map((line) => {
    const change =
      line.seq === undefined ? '' : say(lang, { ja: `（変更 ${line.seq}）`, en: ` (change ${line.seq})` });
    return `  ${say(lang, { ja: `${line.line} 行目`, en: `line ${line.line}` })}${change}: ${line.message[lang]}`;
  });
  for (const run of found.missing) {
    const which = run.from === run.to ? `${run.from}` : `${run.from}–${run.to}`;
    lines.push(
      `  ${say(lang, {
        ja: `変更 ${which} がありません（ファイルが切り詰められたか、行が消されています）`,
        en: `change ${which} is missing (the file was cut, or a line removed)`,
      })}`,
    );
  }
  return lines;
}

/**
 * `musubi validate <file>`: checks every line's integrity check and the file's end against its
 * end record, then replays the whole log, validating every change. Exits 1 naming every damaged
 * line when the file is damaged.
 */
export async function validate(file: string, lang: CliLang): Promise<void> {
  const inspection = inspectNetworkFile(file);
  const damage = inspection.setAside.filter((line) => line.reason !== 'torn');
  if (damage.length > 0 || inspection.missing.length > 0 || inspection.endRecord === 'wrong') {
    const lines = [
      say(lang, {
        ja: `${file} は壊れています:`,
        en: `${file} is damaged:`,
      }),
      ...lossLines(inspection, lang),
    ];
    if (inspection.endRecord === 'wrong' && inspection.missing.length === 0) {
      lines.push(
        `  ${say(lang, {
          ja: `終端記録（${file}.end）がファイルの最後の行と一致しません（置き換えか編集）`,
          en: `the end record (${file}.end) does not match the file's last line (replaced or edited)`,
        })}`,
      );
    }
    lines.push(
      say(lang, {
        ja: `musubi repair ${file} は変更 ${inspection.kept.length} 件を残し、上の行を別ファイルに移します。`,
        en: `musubi repair ${file} keeps ${inspection.kept.length} changes and moves the lines above to a side file.`,
      }),
    );
    process.stderr.write(`${lines.join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  const network = await openNetworkFile(file, { readOnly: true, fullReplay: true });
  try {
    printWarnings(network.warnings, lang);
    const c = network.counts();
    if (network.warnings.some((w) => w.code === 'torn-tail')) {
      process.stderr.write(
        `${say(lang, {
          ja: `完全な変更 ${network.changeCount} 件はすべて読めます。書き込みを再開するには musubi repair ${file} を実行してください。`,
          en: `all ${network.changeCount} complete changes are readable; run musubi repair ${file} to write to it again.`,
        })}\n`,
      );
      process.exitCode = 1;
      return;
    }
    print(
      say(lang, {
        ja: `正常です: 変更 ${network.changeCount} 件、組織等 ${c.entities}、つながり ${c.links}、交流 ${c.engagements}`,
        en: `valid: ${network.changeCount} changes, ${c.entities} entities, ${c.links} links, ${c.engagements} engagements`,
      }),
    );
    if (inspection.formatVersion < 2) {
      process.stderr.write(
        `${say(lang, {
          ja: `注意: このファイルは整合性チェックのない旧形式（形式 1）です。musubi repair ${file} でチェックを付けられます。`,
          en: `note: this file has no integrity checks (log format 1); musubi repair ${file} adds them.`,
        })}\n`,
      );
    }
  } finally {
    await network.close();
  }
}

/** Where a read command reads: a network file, or a team server (`--server`, `--token`). */
export interface SourceOptions {
  server?: string;
  token?: string;
}

/** A network opened for reading, with what its opening found and how to let it go. */
interface ReadSource {
  readonly network: Network;
  /** How many changes the network's log holds (on a server: its last seq). */
  readonly changes: number;
  close(): Promise<void>;
}

/**
 * Opens the network a read command works on: the file, or the network of the team server named by
 * `--server` (else MUSUBI_SERVER when no file is given) with `--token` (else MUSUBI_TOKEN), read
 * through `connectNetwork` from its snapshot (its whole log with `history`).
 */
export async function openForReading(
  file: string | undefined,
  options: SourceOptions,
  lang: CliLang,
  history = false,
): Promise<ReadSource> {
  const server = options.server ?? (file === undefined ? process.env.MUSUBI_SERVER : undefined);
  if (server !== undefined && server !== '') {
    if (file !== undefined) {
      throw new MusubiError(
        'VALIDATION',
        say(lang, {
          ja: 'ファイルと --server は同時に指定できません',
          en: 'give either a file or --server, not both',
        }),
        { path: ['server'] },
      );
    }
    const token = options.token ?? process.env.MUSUBI_TOKEN;
    const network = await connectNetwork(server, {
      ...(token ? { token } : {}),
      live: false,
      history,
    });
    return { network, changes: network.confirmedSeq, close: () => network.close() };
  }
  if (file === undefined) {
    throw new MusubiError(
      'VALIDATION',
      say(lang, {
        ja: 'ネットワークファイルか --server <URL> を指定してください',
        en: 'give a network file or --server <url>',
      }),
      { path: ['file'] },
    );
  }
  const network = await openNetworkFile(file, { readOnly: true });
  printWarnings(network.warnings, lang);
  return { network, changes: network.changeCount, close: () => network.close() };
}

/** `musubi stats <file>` (or `--server`): counts of the current network, as JSON. */
export async function stats(file: string | undefined, options: SourceOptions, lang: CliLang): Promise<void> {
  const source = await openForReading(file, options, lang);
  try {
    print(JSON.stringify({ ...source.network.counts(), changes: source.changes }));
  } finally {
    await source.close();
  }
}

export interface ImportOptions {
  kind?: CsvKind;
  partial?: boolean;
  /** false (`--no-shift-jis`): refuse a CSV that is not UTF-8 instead of reading it as Shift_JIS. */
  shiftJis?: boolean;
}

/**
 * `musubi repair <file>`: sets aside a torn last line, damaged lines and the changes that depend
 * on them (to a side file), keeps every change that can still be trusted, adds integrity checks to
 * a file of format 1, and says exactly what was set aside or lost.
 */
export function repair(file: string, lang: CliLang): void {
  const report = repairNetworkFile(file);
  if (!report) {
    print(
      say(lang, {
        ja: `${file} は壊れても途切れてもいません（何もしませんでした）`,
        en: `${file} is whole and sound; nothing to do`,
      }),
    );
    return;
  }
  print(repairText(file, report, lang));
}

function repairText(file: string, report: RepairReport, lang: CliLang): string {
  const [only] = report.setAside;
  if (report.setAside.length === 1 && only?.reason === 'torn' && report.missing.length === 0) {
    return say(lang, {
      ja: `${only.line} 行目の途切れた ${report.bytes} バイトを ${report.movedTo} に移しました。書き込みを再開できます。`,
      en: `moved the torn line ${only.line} (${report.bytes} bytes) to ${report.movedTo}; the file can be written again`,
    });
  }
  const lines: string[] = [];
  if (report.setAside.length > 0) {
    lines.push(
      say(lang, {
        ja: `${report.setAside.length} 行を ${report.movedTo} に移しました:`,
        en: `moved ${report.setAside.length} lines to ${report.movedTo}:`,
      }),
    );
  } else if (report.missing.length > 0) {
    lines.push(say(lang, { ja: '失われた変更:', en: 'lost changes:' }));
  }
  lines.push(...lossLines(report, lang));
  if (report.upgraded) {
    lines.push(
      say(lang, {
        ja: '各行に整合性チェックを付けました（形式 2）。',
        en: 'added an integrity check to every line (log format 2).',
      }),
    );
  }
  lines.push(
    say(lang, {
      ja: `${file} に変更 ${report.kept} 件を残しました（うち ${report.renumbered} 件は番号が繰り上がりました）。書き込みを再開できます。`,
      en: `${file} keeps ${report.kept} changes (${report.renumbered} of them under a new seq); the file can be written again`,
    }),
  );
  return lines.join('\n');
}

/**
 * `musubi import <file> <input>`: CSV (entities, links or engagements), the network workbook (XLSX),
 * Musubi JSON, GEXF or GraphML.
 * A CSV that is not UTF-8 is read as Shift_JIS (Excel's "CSV" on Japanese Windows), and said so.
 * The import is one change: when this prints "imported", it is on disk (fsynced).
 */
export async function importFile(
  file: string,
  input: string,
  options: ImportOptions,
  lang: CliLang,
): Promise<void> {
  const format = extname(input).slice(1).toLowerCase();
  // JSON is read as a stream (a network's JSON can be longer than the longest string); the rest whole
  const bytes = format === 'json' ? new Uint8Array(0) : new Uint8Array(readFileSync(input));
  const network = await openNetworkFile(file, { author: author() });
  try {
    printWarnings(network.warnings, lang);
    if (network.warnings.some((w) => w.code === 'torn-tail')) {
      throw new MusubiError(
        'STORAGE',
        say(lang, {
          ja: `${file} の最後の行が途切れているため書き込めません。先に musubi repair ${file} を実行してください`,
          en: `${file} ends with a torn line; run musubi repair ${file} first`,
        }),
        { path: [file] },
      );
    }
    if (format === 'csv') {
      if (options.kind === undefined) refuseOtherSheet(input, bytes, lang);
      const bar = importProgressBar(lang);
      let result: ReturnType<typeof importCsv>;
      try {
        result = importCsv(network, bytes, options.kind ?? 'entities', {
          ...(options.partial ? { partial: true } : {}),
          shiftJis: options.shiftJis !== false,
          onProgress: bar.onProgress,
        });
      } finally {
        bar.stop();
      }
      if (result.encoding === 'shift_jis') {
        process.stderr.write(
          `${say(lang, { ja: `${input} は UTF-8 ではないため Shift_JIS として読みました`, en: `${input} is not UTF-8; read it as Shift_JIS` })}\n`,
        );
      }
      print(
        say(lang, { ja: `${result.imported} 行を取り込みました`, en: `imported ${result.imported} rows` }),
      );
      for (const ignored of result.ignoredColumns) {
        const near = ignored.nearest;
        process.stderr.write(
          `${say(lang, {
            ja: `${columnLetter(ignored.column)} 列「${ignored.header}」は知らない見出しのため読みませんでした${near ? `（「${near}」のことですか）` : ''}`,
            en: `column ${columnLetter(ignored.column)} "${ignored.header}" is not a known header and was not read${near ? ` (did you mean "${near}"?)` : ''}`,
          })}\n`,
        );
      }
      for (const issue of result.rejected) {
        const column = String(issue.path[1] ?? '');
        process.stderr.write(
          `${say(lang, { ja: `${issue.path[0]}行目「${headerIn(column, 'ja')}」`, en: `row ${issue.path[0]}, ${headerIn(column, 'en')}` })}: ${issueText(issue, lang)}\n`,
        );
      }
      printDateReadings(result.dates, lang);
    } else if (format === 'xlsx') {
      const result = await importXlsx(network, bytes);
      printWorkbookReport(result, lang);
    } else if (format === 'json') {
      const counts = await importJsonChunksInto(network, createReadStream(input));
      print(
        say(lang, {
          ja: `取り込みました: ${JSON.stringify(counts)}`,
          en: `imported ${JSON.stringify(counts)}`,
        }),
      );
    } else if (format === 'gexf' || format === 'graphml') {
      const result = importGraphFile(network, bytes, format, {
        lang,
        ...(options.partial ? { partial: true } : {}),
      });
      print(
        say(lang, {
          ja: `組織等 ${result.entities}、つながり ${result.links} を取り込みました`,
          en: `imported ${result.entities} entities and ${result.links} links`,
        }),
      );
      const { nodes, edges } = result.defaultedCounts;
      if (nodes + edges > 0) {
        process.stderr.write(
          `${say(lang, {
            ja: `種別のない・知らない種別のノード ${nodes} 件を organization、辺 ${edges} 件を partner にしました`,
            en: `${nodes} nodes without a known kind became organization, ${edges} edges became partner`,
          })}\n`,
        );
      }
      for (const issue of result.skipped) {
        process.stderr.write(
          `${say(lang, { ja: '取り込まなかった辺', en: 'edge left out' })}: ${issueText(issue, lang)}\n`,
        );
      }
    } else {
      throw new MusubiError(
        'FORMAT',
        say(lang, {
          ja: `${input}: 対応していない形式です（csv, xlsx, json, gexf, graphml）`,
          en: `${input}: unsupported format (csv, xlsx, json, gexf, graphml)`,
        }),
        { path: [input] },
      );
    }
  } finally {
    await network.close();
  }
}

/** Columns that only one sheet has: a CSV with one of them is that sheet, not entities. */
const sheetMarks: { kind: CsvKind; columns: readonly string[] }[] = [
  { kind: 'engagements', columns: ['参加者', 'participants', '日付', 'date'] },
  { kind: 'links', columns: ['起点', 'source', '終点', 'target'] },
];

/**
 * Without `--kind` a CSV is read as entities; when its header names another sheet's columns, says
 * which `--kind` it needs instead of listing the entity columns it lacks.
 */
function refuseOtherSheet(input: string, bytes: Uint8Array, lang: CliLang): void {
  const firstLine =
    new TextDecoder()
      .decode(bytes.subarray(0, 4096))
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0] ?? '';
  const header = firstLine.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase());
  const other = sheetMarks.find((mark) => mark.columns.some((column) => header.includes(column)));
  if (!other) return;
  const what = { engagements: { ja: '活動', en: 'engagements' }, links: { ja: 'つながり', en: 'links' } }[
    other.kind as 'engagements' | 'links'
  ];
  throw new MusubiError(
    'VALIDATION',
    say(lang, {
      ja: `${input} は${what.ja}の表のようです（見出しに ${other.columns.filter((c) => header.includes(c.toLowerCase())).join('、')}）。--kind ${other.kind} を付けて取り込んでください`,
      en: `${input} looks like a sheet of ${what.en} (its header has ${other.columns.filter((c) => header.includes(c.toLowerCase())).join(', ')}): import it with --kind ${other.kind}`,
    }),
    { path: ['kind'] },
  );
}

export interface ExportOptions extends SourceOptions {
  format: 'json' | 'csv' | 'gexf' | 'graphml' | 'xlsx';
  output?: string;
  kind?: CsvKind;
  state?: boolean;
}

/**
 * `musubi export <file> --format …` (or `--server`): writes to `-o` or stdout. `xlsx` is the whole
 * network as one workbook for Excel users (it needs `-o`); the policy sheet is `musubi report --format xlsx`.
 */
export async function exportFile(
  file: string | undefined,
  options: ExportOptions,
  lang: CliLang,
): Promise<void> {
  // JSON with history needs the server's whole log; the other formats read the current records
  const source = await openForReading(file, options, lang, options.format === 'json' && !options.state);
  const network = source.network;
  try {
    let data: string | Uint8Array | Iterable<string>;
    // JSON in chunks: a network's JSON can be longer than the longest string
    if (options.format === 'json')
      data = networkJsonChunks(network, { kind: options.state ? 'state' : 'log' });
    else if (options.format === 'csv') data = networkToCsv(network, options.kind ?? 'entities');
    else if (options.format === 'gexf') data = networkToGexf(network, { lang });
    else if (options.format === 'graphml') data = networkToGraphml(network, { lang });
    else if (options.format === 'xlsx') {
      if (!options.output) {
        throw new MusubiError(
          'VALIDATION',
          say(lang, { ja: 'xlsx には -o が必要です', en: 'xlsx needs -o <file>' }),
          {
            path: ['output'],
          },
        );
      }
      data = await networkToXlsx(network, { lang });
    } else {
      throw new MusubiError('VALIDATION', say(lang, { ja: '形式が不正です', en: 'unknown format' }), {
        path: ['format'],
      });
    }
    if (options.output) {
      if (typeof data === 'string' || data instanceof Uint8Array) writeFileSync(options.output, data);
      else await pipeline(Readable.from(data), createWriteStream(options.output));
      const c = network.counts();
      print(
        say(lang, {
          ja: `書き出しました: ${options.output}（${options.format}、組織等 ${c.entities}、つながり ${c.links}、活動 ${c.engagements}）`,
          en: `wrote ${options.output} (${options.format}: ${c.entities} entities, ${c.links} links, ${c.engagements} engagements)`,
        }),
      );
    } else if (typeof data === 'string' || data instanceof Uint8Array) process.stdout.write(data);
    else await writeChunks(process.stdout, data);
  } finally {
    await source.close();
  }
}

/** Writes chunks to a stream that stays open (stdout), waiting whenever it asks to. */
async function writeChunks(stream: Writable, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
  }
}

/** Reads `--fy 2016..2019` or `--fy 2019`; default: the last four fiscal years up to the current one. */
export function fiscalYears(spec: string | undefined, lang: CliLang): number[] {
  if (spec === undefined) {
    const current = fiscalYearOf(todayISO()) ?? new Date().getFullYear();
    return [current - 3, current - 2, current - 1, current];
  }
  const match = /^(\d{4})(?:\.\.(\d{4}))?$/.exec(spec.trim());
  const from = Number(match?.[1]);
  const to = Number(match?.[2] ?? match?.[1]);
  if (!match || to < from || to - from > 50) {
    throw new MusubiError(
      'VALIDATION',
      say(lang, {
        ja: `--fy は 2016..2019 の形で指定してください: ${spec}`,
        en: `--fy takes the form 2016..2019: ${spec}`,
      }),
      { path: ['fy'] },
    );
  }
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** `musubi report <file>` (or `--server`): the policy-sheet report as Markdown, or with `--format xlsx` as a workbook. */
export async function reportCommand(
  file: string | undefined,
  options: SourceOptions & { fy?: string; output?: string; format?: 'md' | 'xlsx' },
  lang: CliLang,
): Promise<void> {
  const source = await openForReading(file, options, lang);
  try {
    if (
      source.network.records('indicator').length === 0 &&
      source.network.records('programme').length === 0
    ) {
      process.stderr.write(
        `${say(lang, {
          ja: `${file ?? options.server ?? ''} には指標も事業もまだ記録されていないため、表は空です。指標と事業は UI の「記録」や JSON の取り込みで加えられます（例: examples/ の三重県のネットワーク）。`,
          en: `${file ?? options.server ?? ''} records no indicators and no programmes yet, so the tables are empty. Add them in the UI (Record) or by importing JSON (see the prefecture's network in examples/).`,
        })}
`,
      );
    }
    const sheet = report(source.network, {
      fiscalYears: fiscalYears(options.fy, lang),
      asOfDate: todayISO(),
    });
    if (options.format === 'xlsx') {
      if (!options.output) {
        throw new MusubiError(
          'VALIDATION',
          say(lang, { ja: 'xlsx には -o が必要です', en: 'xlsx needs -o <file>' }),
          { path: ['output'] },
        );
      }
      writeFileSync(options.output, await reportToXlsx(sheet, { lang }));
      print(say(lang, { ja: `書き出しました: ${options.output}`, en: `wrote ${options.output}` }));
      return;
    }
    const text = reportToMarkdown(sheet, { lang });
    if (options.output) writeFileSync(options.output, text);
    else print(text);
  } finally {
    await source.close();
  }
}

/** What a workbook import added, and the sheets, columns and date cells it says something about. */
function printWorkbookReport(result: XlsxImportReport, lang: CliLang): void {
  const words: Record<string, { ja: string; en: string }> = {
    entity: { ja: '組織等', en: 'entities' },
    programme: { ja: '事業', en: 'programmes' },
    indicator: { ja: '指標', en: 'indicators' },
    figure: { ja: '実績値', en: 'figures' },
    link: { ja: 'つながり', en: 'links' },
    engagement: { ja: '交流', en: 'engagements' },
  };
  const counts = Object.entries(result.counts).map(([c, n]) => ({
    ja: `${words[c]?.ja ?? c} ${n}`,
    en: `${n} ${words[c]?.en ?? c}`,
  }));
  print(
    say(lang, {
      ja: `取り込みました: ${counts.map((c) => c.ja).join('、') || '0 件'}`,
      en: `imported ${counts.map((c) => c.en).join(', ') || 'nothing'}`,
    }),
  );
  for (const sheet of result.ignoredSheets) {
    process.stderr.write(
      `${say(lang, { ja: `シート「${sheet}」は知らないシートのため読みませんでした`, en: `the sheet "${sheet}" is not one Musubi knows and was not read` })}\n`,
    );
  }
  for (const c of result.ignoredColumns) {
    process.stderr.write(
      `${say(lang, {
        ja: `シート「${c.sheet}」の ${c.column} 列「${c.header}」は知らない見出しのため読みませんでした${c.nearest ? `（「${c.nearest}」のことですか）` : ''}`,
        en: `sheet "${c.sheet}", column ${c.column} "${c.header}" is not a known header and was not read${c.nearest ? ` (did you mean "${c.nearest}"?)` : ''}`,
      })}\n`,
    );
  }
  if (result.dates.length > 0) {
    process.stderr.write(
      `${say(lang, { ja: `${result.dates.length} 個の日付を次のように読みました:`, en: `read ${result.dates.length} dates as follows:` })}\n`,
    );
    for (const d of result.dates.slice(0, LISTED_DATES)) {
      const where = say(lang, {
        ja: `「${d.sheet}」${d.row}行目「${d.column}」`,
        en: `${d.sheet}, row ${d.row}, ${d.column}`,
      });
      process.stderr.write(`  ${where}: ${d.text} → ${d.date}\n`);
    }
  }
}

/** How many date readings the command lists; the library's report keeps them all. */
const LISTED_DATES = 20;

/** Says which date cells were read as which date (`2行目「開始」: 令和元年5月1日 → 2019-05-01`). */
function printDateReadings(dates: readonly DateReading[], lang: CliLang): void {
  if (dates.length === 0) return;
  process.stderr.write(
    `${say(lang, { ja: `${dates.length} 個の日付を次のように読みました:`, en: `read ${dates.length} dates as follows:` })}\n`,
  );
  for (const d of dates.slice(0, LISTED_DATES)) {
    const where = say(lang, {
      ja: `${d.row}行目「${headerIn(d.column, 'ja')}」`,
      en: `row ${d.row}, ${headerIn(d.column, 'en')}`,
    });
    process.stderr.write(`  ${where}: ${d.text} → ${d.date}\n`);
  }
  if (dates.length > LISTED_DATES) {
    const more = dates.length - LISTED_DATES;
    process.stderr.write(`${say(lang, { ja: `  ほか ${more} 件`, en: `  and ${more} more` })}\n`);
  }
}

/**
 * `musubi briefing <file> <entity>`: the one-page brief on an entity (by id, or the best match of
 * a name) as Markdown; `--date` sets the day it speaks of (default today).
 */
export async function briefingCommand(
  file: string,
  entity: string,
  options: { date?: string; output?: string },
  lang: CliLang,
): Promise<void> {
  const network = await openNetworkFile(file, { readOnly: true });
  try {
    printWarnings(network.warnings, lang);
    const id = network.entity(entity) ? entity : (network.search(entity, { limit: 1 })[0]?.id ?? entity);
    const text = briefingToMarkdown(briefing(network, id, options.date ? { today: options.date } : {}), {
      lang,
    });
    if (options.output) writeFileSync(options.output, text);
    else print(text);
  } finally {
    await network.close();
  }
}
