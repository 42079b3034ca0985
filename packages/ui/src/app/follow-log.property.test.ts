/**
 * The data the UI keeps up to date change by change (the history index, who recorded each
 * engagement) equals the same data made from the whole log, after any writes, undos, redos, and,
 * in a replica, pending changes taken off and landed again under the server's.
 */
import { type Collection, collections, createNetwork, type Network } from '@musubi/core';
import { Replica } from '@musubi/core/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engagementOwners, engagementOwnersOf } from '../follow-ups/follow-up-list.js';
import { historyLogOf } from '../history/history-index.js';
import { authorsOf, type HistoryFilter, historyRows } from '../history/history-rows.js';
import { deliver, pushOutbox } from '../testing/replica-sync.js';

/** Repeatable runs; set FC_SEED to explore other sequences. */
const runs = { seed: Number(process.env.FC_SEED ?? 20261202), numRuns: 80 };

function clock(): () => Date {
  let t = Date.parse('2026-04-01T00:00:00Z');
  return () => {
    t += 60_000;
    return new Date(t);
  };
}

const author = fc.constantFrom('suzuki', 'tanaka', 'sato');
const pick = fc.nat({ max: 20 });
const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('addEntity' as const), id: fc.nat({ max: 6 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('engage' as const), id: fc.nat({ max: 6 }), at: pick }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('update' as const), at: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeEngagement' as const), at: pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('undo' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('redo' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('setAuthor' as const), author }) },
  // a colleague writes on the server; the replica pushes, hears the server (a plain network: nothing)
  { weight: 1, arbitrary: fc.record({ op: fc.constant('colleague' as const), id: fc.nat({ max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('push' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deliver' as const) }) },
  // the UI reads the kept data (between two reads, any number of changes land)
  { weight: 3, arbitrary: fc.record({ op: fc.constant('look' as const) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function write(network: Network, s: Step): void {
  const entities = network.entities();
  const engagements = network.engagements();
  const entityAt = (i: number) => entities[i % Math.max(1, entities.length)]?.id ?? 'mie';
  try {
    if (s.op === 'addEntity')
      network.addEntity({
        id: `e${s.id}`,
        kind: 'region',
        name: { ja: `地域${s.id}`, en: `Region ${s.id}` },
        country: 'TH',
      });
    else if (s.op === 'engage')
      network.recordEngagement({
        id: `g${s.id}`,
        type: 'courtesy-visit',
        date: '2026-11-20',
        title: { ja: `訪問${s.id}` },
        participants: [{ entity: entityAt(s.at) }],
      });
    else if (s.op === 'update') network.updateEntity(entityAt(s.at), { notes: `note ${s.at}` });
    else if (s.op === 'removeEngagement') {
      const id = engagements[s.at % Math.max(1, engagements.length)]?.id;
      if (id) network.removeEngagement(id);
    } else if (s.op === 'undo') network.undo();
    else if (s.op === 'redo') network.redo();
    else if (s.op === 'setAuthor') network.setAuthor(s.author);
  } catch (error) {
    // a write the network refuses (an id taken, a conflict) lands nothing
    if (!(error instanceof Error && 'code' in error)) throw error;
  }
}

/** The kept data read now equals the same made from the whole log. */
function expectSameAsFromWholeLog(network: Network): void {
  const log = network.log();
  const kept = historyLogOf(network);
  expect(kept.length).toBe(log.length);
  expect(kept.authors).toEqual(authorsOf(log));
  expect([...engagementOwnersOf(network)].sort()).toEqual([...engagementOwners(log)].sort());
  // before its first change, a replica's records are its snapshot's: Mie alone
  if (network instanceof Replica) {
    expect(kept.recordedCounts('2000-01-01T00:00:00.000Z')).toEqual({ entity: 1, link: 0, engagement: 0 });
  }
  // a replica starts from a snapshot, which asRecordedAt does not replay
  const times = network instanceof Replica ? [] : [...new Set(log.map((c) => c.recordedAt))];
  for (const at of times.filter((_, i) => i % 3 === 0)) {
    const past = network.asRecordedAt(at);
    expect(kept.recordedCounts(at)).toEqual({
      entity: past.entities().length,
      link: past.links().length,
      engagement: past.engagements().length,
    });
  }
  const words = { describe: (c: { operation: string }) => c.operation };
  const filters: HistoryFilter[] = [
    {},
    ...authorsOf(log).map((a) => ({ author: a })),
    ...collections.map((c: Collection) => ({ collection: c })),
    { since: log[Math.floor(log.length / 2)]?.recordedAt ?? '2026-04-01T00:00:00.000Z' },
    { author: 'tanaka', collection: 'engagement' },
    { text: 'region 3' },
    { text: '  ' },
  ];
  for (const filter of filters) {
    const rows = (l: Parameters<typeof historyRows>[0]) => {
      const { rows, total } = historyRows(l, filter, 'en', words, 7);
      return { ids: rows.map((r) => `${r.change.id}@${r.change.seq}`), total };
    };
    expect(rows(kept)).toEqual(rows(log));
  }
}

function run(steps: readonly Step[], replicated: boolean): void {
  const server = createNetwork({ author: 'admin', now: clock() });
  server.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie' }, country: 'JP' });
  const network: Network = replicated
    ? new Replica({ snapshot: server.snapshot(), author: 'suzuki', now: clock() })
    : createNetwork({ log: server.log(), author: 'suzuki', now: clock() });
  const replica = network instanceof Replica ? network : undefined;
  for (const s of steps) {
    if (s.op === 'look') expectSameAsFromWholeLog(network);
    else if (s.op === 'colleague') {
      try {
        server.addEntity({ id: `c${s.id}`, kind: 'company', name: { en: `Company ${s.id}` } });
      } catch {
        // the id is taken
      }
    } else if (s.op === 'push') {
      if (replica) pushOutbox(replica, server);
    } else if (s.op === 'deliver') {
      if (replica) deliver(replica, server);
    } else write(network, s);
  }
  expectSameAsFromWholeLog(network);
}

describe('data kept up to date with the log', () => {
  it('equals the same made from the whole log after any writes, undos and redos (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 50 }), (steps) => run(steps, false)),
      runs,
    );
  });

  it('equals the same made from the whole log in a replica whose pending changes land again under the server’s (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 50 }), (steps) => run(steps, true)),
      runs,
    );
  });
});
