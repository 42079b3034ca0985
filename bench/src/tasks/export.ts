import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Network } from '@musubi/core';
import { networkToCsv } from '@musubi/core/csv';
import { networkToGexf } from '@musubi/core/graph-files';
import { networkToJson } from '@musubi/core/json';
import { networkFromJsonChunks, networkJsonChunks } from '@musubi/core/node';
import { measure } from '../measure.js';
import { against, type Row } from '../results.js';

const MB = 1024 * 1024;

/** Runs one export; a failure (a string too long for V8, say) becomes the row's note. */
async function exportRow(
  task: string,
  run: () => string,
  floor?: { name: string; run: () => string },
): Promise<Row> {
  try {
    const reference = floor
      ? await measure(floor.run, { runs: 3, gc: 'each', budgetMs: 10_000, minRuns: 1 })
      : undefined;
    const m = await measure(run, { runs: 3, gc: 'each', budgetMs: 10_000, minRuns: 1 });
    const { result, ...musubi } = m;
    return {
      group: 'export',
      task,
      musubi,
      references: reference && floor ? [against(floor.name, reference.ms, musubi.ms)] : [],
      note: `${(Buffer.byteLength(result) / MB).toFixed(1)} MB`,
    };
  } catch (error) {
    return { group: 'export', task, references: [], note: `failed: ${(error as Error).message}` };
  }
}

/**
 * Musubi JSON of the whole log (or of the current records) in chunks, written to a file (the way
 * the CLI exports it: no string of the whole text), then the network read back from that file in
 * chunks (every change or record validated).
 */
async function streamedRows(network: Network, kind: 'log' | 'state'): Promise<Row[]> {
  const what = kind === 'log' ? 'whole log' : 'current records';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'musubi-bench-json-'));
  const file = path.join(dir, 'network.json');
  try {
    let longest = 0;
    const written = await measure(
      async () => {
        longest = 0;
        const chunks = function* () {
          for (const chunk of networkJsonChunks(network, { kind })) {
            longest = Math.max(longest, chunk.length);
            yield chunk;
          }
        };
        await pipeline(Readable.from(chunks()), createWriteStream(file));
      },
      { runs: 3, gc: 'each', budgetMs: 10_000, minRuns: 1 },
    );
    const size = statSync(file).size / MB;
    const read = await measure(() => networkFromJsonChunks(createReadStream(file)), {
      runs: 1,
      gc: 'each',
    });
    const { result: copy, ...readBack } = read;
    const same =
      kind === 'log'
        ? copy.log().length === network.log().length
        : JSON.stringify(copy.counts()) === JSON.stringify(network.counts());
    const { result: _written, ...write } = written;
    return [
      {
        group: 'export',
        task: `Musubi JSON, ${what}, in chunks to a file (networkJsonChunks)`,
        musubi: write,
        references: [],
        note: `${size.toFixed(1)} MB; longest chunk ${(longest / 1024).toFixed(0)} kB`,
      },
      {
        group: 'export',
        task: `Musubi JSON, ${what}, read back from the file in chunks (networkFromJsonChunks)`,
        musubi: readBack,
        references: [],
        note: `every ${kind === 'log' ? 'change' : 'record'} validated; ${same ? `the same ${kind === 'log' ? 'log' : 'counts'}` : 'NOT the same'}`,
      },
    ];
  } catch (error) {
    return [
      {
        group: 'export',
        task: `Musubi JSON, ${what}, in chunks`,
        references: [],
        note: `failed: ${(error as Error).message}`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The exports users make: Musubi JSON (the whole log, and the current records only), CSV of
 * entities and of links (Excel), and GEXF (Gephi). The JSON rows are set against the floor of
 * `JSON.stringify` of the same data. With `whole: false` (scale L) the two JSON exports as one
 * string are left out: their text is longer than V8's longest string (they fail after building
 * gigabytes); the rows in chunks, which the CLI uses, are what a network that big exports with.
 */
export async function exportRows(network: Network, options: { whole?: boolean } = {}): Promise<Row[]> {
  const skipped = (task: string): Row => ({
    group: 'export',
    task,
    references: [],
    note: 'skipped: longer than the longest string V8 makes; see the rows in chunks',
  });
  const whole = options.whole ?? true;
  return [
    whole
      ? await exportRow('Musubi JSON, whole log', () => networkToJson(network), {
          name: 'JSON.stringify(log)',
          run: () => JSON.stringify(network.log()),
        })
      : skipped('Musubi JSON, whole log'),
    whole
      ? await exportRow('Musubi JSON, current records', () => networkToJson(network, { kind: 'state' }), {
          name: 'JSON.stringify(records)',
          run: () =>
            JSON.stringify({
              entities: network.entities(),
              links: network.links(),
              engagements: network.engagements(),
            }),
        })
      : skipped('Musubi JSON, current records'),
    await exportRow(
      'CSV, entities + links',
      () => networkToCsv(network, 'entities') + networkToCsv(network, 'links'),
    ),
    await exportRow('GEXF', () => networkToGexf(network)),
    ...(await streamedRows(network, 'log')),
    ...(await streamedRows(network, 'state')),
  ];
}
