import { type Change, createNetwork, type StoredRecord } from '@musubi/core';
import { report } from '@musubi/core/indicators';
import {
  EngagementSchema,
  EntitySchema,
  IndicatorSchema,
  LinkSchema,
  ProgrammeSchema,
} from '@musubi/core/schemas';
import { describe, expect, it } from 'vitest';
import { generateNetwork, scales } from '../../bench/src/generator.js';

const small = { name: 'test', entities: 300, links: 900, engagements: 3_000 };

function createdRecords(log: readonly Change[], collection: string): StoredRecord[] {
  const out = new Map<string, StoredRecord>();
  for (const change of log)
    for (const effect of change.effects) {
      if (effect.collection !== collection) continue;
      if (effect.type === 'create') out.set(effect.record.id, effect.record);
      else if (effect.type === 'update') out.set(effect.after.id, effect.after);
    }
  return [...out.values()];
}

describe('the benchmark generator', () => {
  it('gives the same log for the same seed and another log for another seed', () => {
    const a = generateNetwork(small, { seed: 7 });
    const b = generateNetwork(small, { seed: 7 });
    const c = generateNetwork(small, { seed: 8 });
    expect(JSON.stringify(a.log)).toBe(JSON.stringify(b.log));
    expect(JSON.stringify(a.log)).not.toBe(JSON.stringify(c.log));
  });

  it('generates scale S as a log that replays into a network of the requested size', () => {
    const generated = generateNetwork(scales.S);
    const network = createNetwork({ log: generated.log });
    expect(network.counts()).toEqual({ entities: 1_000, links: 3_000, engagements: 10_000 });
    expect(network.entity(generated.hub)).toBeDefined();
    expect(network.entity(generated.busiest)).toBeDefined();
    expect(network.search(generated.searchText).length).toBeGreaterThan(0);
  });

  it('makes records that pass the core schemas unchanged', () => {
    const { log } = generateNetwork(small, { seed: 3 });
    for (const [collection, schema] of [
      ['entity', EntitySchema],
      ['link', LinkSchema],
      ['engagement', EngagementSchema],
      ['programme', ProgrammeSchema],
      ['indicator', IndicatorSchema],
    ] as const) {
      const records = createdRecords(log, collection);
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) expect(schema.parse(record)).toEqual(record);
    }
  });

  it('skews degrees: a few hubs hold many links while most entities hold few', () => {
    const { log } = generateNetwork(small, { seed: 5 });
    const network = createNetwork({ log });
    const degrees = network.graph.mapNodes((id) => network.graph.degree(id)).sort((a, b) => b - a);
    const total = degrees.reduce((s, d) => s + d, 0);
    const top = degrees.slice(0, Math.ceil(degrees.length / 20)).reduce((s, d) => s + d, 0);
    expect(top / total).toBeGreaterThan(0.3); // the top 5% hold over 30% of link ends
    expect(degrees[Math.floor(degrees.length / 2)]).toBeLessThanOrEqual(3);
  });

  it('rotates people through posts, one holder after another', () => {
    const { log } = generateNetwork(small, { seed: 2 });
    const network = createNetwork({ log });
    const posts = network.entities({ kind: ['mission', 'government', 'organization', 'region'] });
    const lines = posts.map((p) => network.roles(p.id)).filter((roles) => roles.length >= 3);
    expect(lines.length).toBeGreaterThan(0);
    const line = lines[0] ?? [];
    const ended = line.filter((r) => r.to !== undefined);
    expect(ended.length).toBeGreaterThan(0);
  });

  it('spreads engagements over thirty fiscal years and gives links dated histories', () => {
    const { log } = generateNetwork(small, { seed: 4 });
    const network = createNetwork({ log });
    const fiscalYears = new Set(
      network.engagements().map((e) => {
        const [y, m] = e.date.split('-').map(Number) as [number, number];
        return m >= 4 ? y : y - 1;
      }),
    );
    expect(fiscalYears.size).toBe(30);
    const types = new Set(network.links().flatMap((l) => l.events.map((e) => e.type)));
    expect([...types].sort()).toEqual(['ended', 'renewed', 'revised', 'signed']);
    expect(log.some((c) => c.effects.some((e) => e.type === 'update'))).toBe(true);
  });

  it('gives the indicator report work: every indicator counts generated engagements, growing year by year', () => {
    const { log } = generateNetwork(small, { seed: 6 });
    const network = createNetwork({ log });
    const fiscalYears = Array.from({ length: 30 }, (_, i) => 1996 + i);
    const result = report(network, { fiscalYears });
    expect(result.indicators.map((row) => row.id).sort()).toEqual([
      'ind-companies-supported',
      'ind-joint-initiatives',
      'ind-newly-international',
    ]);
    for (const row of result.indicators) {
      const actuals = row.years.map((y) => y.actual);
      expect(actuals.at(-1)).toBeGreaterThan(0);
      for (let i = 1; i < actuals.length; i++) expect(actuals[i]).toBeGreaterThanOrEqual(actuals[i - 1] ?? 0);
    }
    expect(network.engagements().some((e) => e.programme !== undefined)).toBe(true);
    expect(result.budget).toHaveLength(4);
  });

  it('batches records into fewer changes when asked, with the same network', () => {
    const one = generateNetwork(small, { seed: 9 });
    const batched = generateNetwork(small, { seed: 9, batch: 100 });
    expect(batched.log.length).toBeLessThan(one.log.length / 10);
    expect(createNetwork({ log: batched.log }).counts()).toEqual(createNetwork({ log: one.log }).counts());
  });
});
