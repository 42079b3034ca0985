import { type Network, networkToJson } from '@musubi/core';
import { networkToCsv } from '@musubi/core/csv';
import { networkToGexf } from '@musubi/core/graph-files';
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
 * The exports users make: Musubi JSON (the whole log, and the current records only), CSV of
 * entities and of links (Excel), and GEXF (Gephi). The JSON rows are set against the floor of
 * `JSON.stringify` of the same data.
 */
export async function exportRows(network: Network): Promise<Row[]> {
  return [
    await exportRow('Musubi JSON, whole log', () => networkToJson(network), {
      name: 'JSON.stringify(log)',
      run: () => JSON.stringify(network.log()),
    }),
    await exportRow('Musubi JSON, current records', () => networkToJson(network, { kind: 'state' }), {
      name: 'JSON.stringify(records)',
      run: () =>
        JSON.stringify({
          entities: network.entities(),
          links: network.links(),
          engagements: network.engagements(),
        }),
    }),
    await exportRow(
      'CSV, entities + links',
      () => networkToCsv(network, 'entities') + networkToCsv(network, 'links'),
    ),
    await exportRow('GEXF', () => networkToGexf(network)),
  ];
}
