import type { Network } from '@musubi/core';
import type cytoscape from 'cytoscape';
import type { GeneratedNetwork } from '../generator.js';
import { collectGarbage, measure, settle } from '../measure.js';
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

/** How many writes the rows of a first call after a write sample. */
const WRITES = 7;

/** Wall and CPU time of one call, in milliseconds. */
function once(run: () => unknown): { ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const began = performance.now();
  run();
  const ms = performance.now() - began;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/** A row of calls each timed once (a first call): the median of them, the slowest in the note. */
function firstCallRow(task: string, times: { ms: number; cpuMs: number }[], note: string): Row {
  const byWall = [...times].sort((a, b) => a.ms - b.ms);
  const mid = byWall[Math.floor(byWall.length / 2)] as { ms: number; cpuMs: number };
  const slowest = byWall[byWall.length - 1] as { ms: number; cpuMs: number };
  return {
    group: 'query',
    task,
    musubi: {
      ms: mid.ms,
      cpuMs: mid.cpuMs,
      runs: times.length,
      heapMB: 0,
      rssMB: process.memoryUsage().rss / 1024 / 1024,
    },
    references: [],
    note: [
      `${note}; CPU ${mid.cpuMs.toFixed(2)} ms`,
      ...(times.length > 1
        ? [`slowest of ${times.length}: ${slowest.ms.toFixed(2)} ms (CPU ${slowest.cpuMs.toFixed(2)} ms)`]
        : []),
    ].join('; '),
  };
}

/**
 * The first call of each hub query after one write (an engagement of the hub, of the busiest
 * entity and of the prefecture, acknowledged like the others), as a user meets them: the first
 * `asOf(…).counts()` (the valid-time index takes the write in), `neighbors` (computed) and
 * `timeline` (its kept answer takes it in) and the same on a new `asOf` view. Median of `WRITES` writes, each
 * call timed once.
 */
function afterWriteRows(network: Network, generated: GeneratedNetwork): Row[] {
  const { hub, busiest, self, midDate } = generated;
  network.asOf(midDate).counts();
  const asOf: { ms: number; cpuMs: number }[] = [];
  const neighbors: { ms: number; cpuMs: number }[] = [];
  const timeline: { ms: number; cpuMs: number }[] = [];
  const asOfNeighbors: { ms: number; cpuMs: number }[] = [];
  const asOfTimeline: { ms: number; cpuMs: number }[] = [];
  const participants = [...new Set([self, hub, busiest])].map((entity) => ({ entity }));
  for (let i = 0; i < WRITES; i++) {
    network.recordEngagement({
      type: 'courtesy-visit',
      title: { ja: `表敬訪問 asOf ${i}`, en: `Courtesy visit asOf ${i}` },
      date: `2005-${String(1 + i).padStart(2, '0')}-15`,
      participants,
    });
    asOf.push(once(() => network.asOf(midDate).counts()));
    neighbors.push(once(() => network.neighbors(hub)));
    timeline.push(once(() => network.timeline(busiest)));
    asOfNeighbors.push(once(() => network.asOf(midDate).neighbors(hub)));
    asOfTimeline.push(once(() => network.asOf(midDate).timeline(busiest)));
  }
  const note = 'first call after one write';
  return [
    firstCallRow(
      `asOf(${midDate}).counts(), first call after one write`,
      asOf,
      'the index takes the write in',
    ),
    firstCallRow('neighbors(hub), first call after one write', neighbors, note),
    firstCallRow('timeline(busiest entity), first call after one write', timeline, note),
    firstCallRow(`asOf(${midDate}).neighbors(hub), first call after one write`, asOfNeighbors, note),
    firstCallRow(`asOf(${midDate}).timeline(busiest entity), first call after one write`, asOfTimeline, note),
  ];
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
  // the first calls on the network as opened (a timeline is kept: the rows below repeat it), after
  // a full gc as every row here: else they pay for the gc of PGlite's load of the same records
  // (24 ms instead of 10 for `neighbors(hub)` at L), which is not theirs; and after the gc's
  // sweeping in V8's threads, which is not theirs either (`settle`)
  collectGarbage();
  await settle();
  const firstNeighbors = once(() => network.neighbors(hub));
  collectGarbage();
  await settle();
  const firstTimeline = once(() => network.timeline(busiest));
  rows.push(
    firstCallRow(
      `neighbors(hub, ${network.graph.degree(hub)} links), first call`,
      [firstNeighbors],
      'after a full gc and its sweeping',
    ),
    firstCallRow(
      'timeline(busiest entity), first call',
      [firstTimeline],
      'computed, then kept; after a full gc and its sweeping',
    ),
  );
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
  const day = network.asOf(midDate);
  rows.push(
    await row(`asOf(${midDate}).neighbors(hub)`, () => day.neighbors(hub), []),
    await row(`asOf(${midDate}).timeline(busiest entity)`, () => day.timeline(busiest), []),
  );
  rows.push(...afterWriteRows(network, generated));
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
