import type { Network } from '@musubi/core';
import type cytoscape from 'cytoscape';
import type { GeneratedNetwork } from '../generator.js';
import { measure } from '../measure.js';
import { against, type Reference, type Row } from '../results.js';
import { type SqlReference, sqlQueries } from './sql.js';

/** How many times each query runs (its median is reported). */
const RUNS = 15;

async function sqlTime(
  sql: SqlReference | undefined,
  query: string,
  param: string,
): Promise<number | undefined> {
  if (!sql) return undefined;
  const m = await measure(() => sql.db.query(query, [param]), {
    runs: RUNS,
    warmup: 2,
    gc: 'once',
    budgetMs: 2_000,
  });
  return m.ms;
}

async function row(
  task: string,
  run: () => unknown,
  references: { name: string; ms: number | undefined }[],
  firstNote?: string,
): Promise<Row> {
  // a query that builds an index on first use is timed apart the first time (`firstNote` says what)
  let note: string | undefined;
  if (firstNote) {
    const began = performance.now();
    run();
    note = `first call ${(performance.now() - began).toFixed(0)} ms (${firstNote})`;
  }
  const m = await measure(run, { runs: RUNS, warmup: 2, gc: 'once', budgetMs: 2_000 });
  const { result, ...musubi } = m;
  const refs: Reference[] = references
    .filter((r): r is { name: string; ms: number } => r.ms !== undefined)
    .map((r) => against(r.name, r.ms, musubi.ms));
  const size = Array.isArray(result) ? `${result.length} results` : undefined;
  return { group: 'query', task, musubi, references: refs, note: [size, note].filter(Boolean).join('; ') };
}

/** How many writes the row of the first `asOf` after a write samples. */
const WRITES = 7;

/**
 * The first `asOf(…).counts()` after one write (an engagement of the hub, acknowledged like the
 * others): the valid-time index takes the write in. Median of `WRITES` writes, each timed once.
 */
async function asOfAfterWriteRow(network: Network, generated: GeneratedNetwork): Promise<Row> {
  const { hub, self, midDate } = generated;
  network.asOf(midDate).counts();
  const times: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    network.recordEngagement({
      type: 'courtesy-visit',
      title: { ja: `表敬訪問 asOf ${i}`, en: `Courtesy visit asOf ${i}` },
      date: `2005-${String(1 + i).padStart(2, '0')}-15`,
      participants: [{ entity: self }, { entity: hub }],
    });
    const began = performance.now();
    network.asOf(midDate).counts();
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  return {
    group: 'query',
    task: `asOf(${midDate}).counts(), first call after one write`,
    musubi: {
      ms: times[Math.floor(times.length / 2)] as number,
      runs: times.length,
      heapMB: 0,
      rssMB: process.memoryUsage().rss / 1024 / 1024,
    },
    references: [],
    note: `the index takes the write in; slowest of ${WRITES}: ${(times[times.length - 1] as number).toFixed(2)} ms`,
  };
}

/** The query rows: Musubi against SQL on PGlite and, for neighbourhoods, cytoscape.js. */
export async function queryRows(
  network: Network,
  generated: GeneratedNetwork,
  sql: SqlReference | undefined,
  cy: cytoscape.Core | undefined,
): Promise<Row[]> {
  const { hub, busiest, midDate, searchText } = generated;
  const rows: Row[] = [];
  let cyMs: number | undefined;
  if (cy)
    cyMs = (
      await measure(() => cy.getElementById(hub).neighborhood('node').length, {
        runs: RUNS,
        warmup: 2,
        gc: 'once',
      })
    ).ms;
  rows.push(
    await row(`neighbors(hub, ${network.graph.degree(hub)} links)`, () => network.neighbors(hub), [
      { name: 'PGlite', ms: await sqlTime(sql, sqlQueries.neighbors, hub) },
      { name: 'cytoscape', ms: cyMs },
    ]),
  );
  rows.push(
    await row('timeline(busiest entity)', () => network.timeline(busiest), [
      { name: 'PGlite', ms: await sqlTime(sql, sqlQueries.timeline, busiest) },
    ]),
  );
  rows.push(
    await row(
      `asOf(${midDate}).counts()`,
      () => network.asOf(midDate).counts(),
      [
        {
          name: 'PGlite (active links + engagement count)',
          ms: await sqlTime(sql, sqlQueries.asOf, midDate),
        },
      ],
      'builds the valid-time index, then kept up to date by writes',
    ),
  );
  rows.push(await asOfAfterWriteRow(network, generated));
  rows.push(
    await row(
      `search('${searchText}')`,
      () => network.search(searchText),
      [
        {
          name: sql?.trigram ? 'PGlite (ILIKE, trigram index)' : 'PGlite (ILIKE)',
          ms: await sqlTime(sql, sqlQueries.search, searchText),
        },
      ],
      'builds the trigram index, then kept up to date by writes',
    ),
  );
  return rows;
}
