import { createNetwork } from '@musubi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNetwork } from '../../bench/src/generator.js';
import { indicatorActuals, sqlIndicatorActuals } from '../../bench/src/tasks/report.js';
import { loadSql, type SqlReference, sqlQueries } from '../../bench/src/tasks/sql.js';

// The benchmark sets Musubi's queries against SQL on PGlite: the ratios mean something only when
// both answer the same question. Checked on a small generated network (answers, never timings).
const small = { name: 'test', entities: 300, links: 900, engagements: 3_000 };
const generated = generateNetwork(small, { seed: 11 });
const network = createNetwork({ log: generated.log });
let sql: SqlReference;

beforeAll(async () => {
  sql = await loadSql(network.entities(), network.links(), network.engagements());
}, 120_000);
afterAll(async () => sql?.close());

describe('the SQL reference of the benchmark', () => {
  it('finds the same neighbours of the hub', async () => {
    const rows = (await sql.db.query<{ id: string }>(sqlQueries.neighbors, [generated.hub])).rows;
    const ours = network.neighbors(generated.hub).map((e) => e.id);
    expect(rows.map((r) => r.id).sort()).toEqual([...new Set(ours)].sort());
  });

  it('lists as many dated items in the timeline of the busiest entity', async () => {
    const rows = (await sql.db.query(sqlQueries.timeline, [generated.busiest])).rows;
    expect(rows.length).toBe(network.timeline(generated.busiest).length);
  });

  it('counts the same engagements up to the middle date', async () => {
    const rows = (await sql.db.query<{ engagements: number }>(sqlQueries.asOf, [generated.midDate])).rows;
    expect(Number(rows[0]?.engagements)).toBe(network.asOf(generated.midDate).counts().engagements);
  });

  it('finds the searched entities', async () => {
    const rows = (await sql.db.query<{ id: string }>(sqlQueries.search, [generated.searchText])).rows;
    const ours = network.search(generated.searchText).map((e) => e.id);
    expect(ours.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id).sort()).toEqual([...ours].sort());
  });

  it('computes the same indicator actuals for every fiscal year', async () => {
    const ours = indicatorActuals(network);
    expect(ours.every((years) => (years.at(-1) ?? 0) > 0)).toBe(true);
    expect(await sqlIndicatorActuals(sql)).toEqual(ours);
  });
});
