/**
 * The ties kept up to date with the log (`tiesKept`) equal the ties made from scratch
 * (`networkTies`), and a display graph given only the ties that changed equals one filled anew, after any writes, undos and redos, an entity becoming the organisation itself or
 * ceasing to be, and, in a replica, pending changes taken off and landed again under the server's.
 */
import { createNetwork, type Network, type ParticipantRole } from '@musubi/core';
import { Replica } from '@musubi/core/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliver, pushOutbox } from '../testing/replica-sync.js';
import { createDisplayGraph, type DisplayGraph, syncDisplayGraph } from './display-graph.js';
import { networkTies, type Ties, tiesKept } from './engagement-ties.js';

/** Repeatable runs; set FC_SEED to explore other sequences. */
const runs = { seed: Number(process.env.FC_SEED ?? 20261202), numRuns: 100 };

function clock(): () => Date {
  let t = Date.parse('2026-04-01T00:00:00Z');
  return () => {
    t += 60_000;
    return new Date(t);
  };
}

const role = fc.constantFrom<ParticipantRole>('host', 'visitor', 'organizer', 'participant');
const participants = fc.uniqueArray(fc.record({ at: fc.nat({ max: 7 }), role }), {
  minLength: 1,
  maxLength: 4,
  selector: (p) => p.at,
});
const pick = fc.nat({ max: 20 });
const step = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('addEntity' as const),
      id: fc.nat({ max: 7 }),
      self: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('toggleSelf' as const), at: pick }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('engage' as const), id: fc.nat({ max: 9 }), participants }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reengage' as const), at: pick, participants }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeEngagement' as const), at: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeEntity' as const), at: pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('undo' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('redo' as const) }) },
  // a colleague writes on the server; the replica pushes, hears the server (a plain network: nothing)
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('colleague' as const), id: fc.nat({ max: 9 }), participants }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('push' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deliver' as const) }) },
  // the UI reads the kept ties (between two reads, any number of changes land)
  { weight: 3, arbitrary: fc.record({ op: fc.constant('look' as const) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function engage(network: Network, id: string, who: readonly { at: number; role: ParticipantRole }[]): void {
  const entities = network.entities();
  const chosen = new Map<string, ParticipantRole>();
  for (const p of who) {
    const entity = entities[p.at % Math.max(1, entities.length)];
    if (entity) chosen.set(entity.id, p.role);
  }
  network.recordEngagement({
    id,
    type: 'courtesy-visit',
    date: '2026-11-20',
    title: { ja: `訪問${id}` },
    participants: [...chosen].map(([entity, role]) => ({ entity, role })),
  });
}

function write(network: Network, s: Step): void {
  const entities = network.entities();
  const engagements = network.engagements();
  const entityAt = (i: number) => entities[i % Math.max(1, entities.length)]?.id ?? 'mie';
  const engagementAt = (i: number) => engagements[i % Math.max(1, engagements.length)]?.id;
  try {
    if (s.op === 'addEntity')
      network.addEntity({ id: `e${s.id}`, kind: s.self ? 'self' : 'company', name: { en: `E${s.id}` } });
    else if (s.op === 'toggleSelf') {
      const id = entityAt(s.at);
      network.updateEntity(id, { kind: network.entity(id)?.kind === 'self' ? 'company' : 'self' });
    } else if (s.op === 'engage') engage(network, `g${s.id}`, s.participants);
    else if (s.op === 'reengage') {
      const id = engagementAt(s.at);
      if (!id) return;
      const participants = s.participants.map((p) => ({ entity: entityAt(p.at), role: p.role }));
      network.updateEngagement(id, {
        participants: [...new Map(participants.map((p) => [p.entity, p]))].map(([, p]) => p),
      });
    } else if (s.op === 'removeEngagement') {
      const id = engagementAt(s.at);
      if (id) network.removeEngagement(id);
    } else if (s.op === 'removeEntity') network.removeEntity(entityAt(s.at));
    else if (s.op === 'undo') network.undo();
    else if (s.op === 'redo') network.redo();
  } catch (error) {
    // a write the network refuses (an id taken, an entity still referred to) lands nothing
    if (!(error instanceof Error && 'code' in error)) throw error;
  }
}

/** The ties as comparable rows. */
function rows(ties: Ties): string[] {
  return [...ties].map(([key, t]) => `${key} ${t.source}>${t.target} ×${t.count}`).sort();
}

/** A display graph's edges and their looks, and its nodes (not where they are). */
function shapeOf(graph: DisplayGraph): string[] {
  const out: string[] = [];
  graph.forEachNode((id, a) => out.push(`node ${id} ${a.kind} ${a.label}`));
  graph.forEachEdge((key, a, source, target) =>
    out.push(`edge ${key} ${source}>${target} ${a.kind} ${a.size}`),
  );
  return out.sort();
}

/** A display graph that follows the reads of the ties as the map does: only the changed ties, when it missed no read. */
interface Followed {
  graph: DisplayGraph;
  serial: number | undefined;
}

/**
 * The kept ties read now equal those made from scratch; what the read says changed covers the
 * difference; a display graph updated with only the changed ties equals one filled anew.
 */
function expectSameAsFromScratch(network: Network, before: Map<string, number>, followed: Followed): void {
  const kept = tiesKept(network);
  const changed =
    followed.serial === kept.serial
      ? new Set<string>()
      : followed.serial === kept.serial - 1 && kept.changed !== 'all'
        ? kept.changed
        : undefined;
  syncDisplayGraph(followed.graph, network, {}, kept.ties, changed);
  followed.serial = kept.serial;
  const fresh = createDisplayGraph();
  syncDisplayGraph(fresh, network, {});
  expect(shapeOf(followed.graph)).toEqual(shapeOf(fresh));
  expect(rows(kept.ties)).toEqual(rows(networkTies(network)));
  if (kept.changed !== 'all') {
    const keys = new Set([...before.keys(), ...kept.ties.keys()]);
    for (const key of keys) {
      if (before.get(key) !== kept.ties.get(key)?.count) expect(kept.changed.has(key)).toBe(true);
    }
  }
  before.clear();
  for (const [key, tie] of kept.ties) before.set(key, tie.count);
}

function run(steps: readonly Step[], replicated: boolean): void {
  const server = createNetwork({ author: 'admin', now: clock() });
  server.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie' }, country: 'JP' });
  server.addEntity({ id: 'c0', kind: 'company', name: { en: 'C0' } });
  server.recordEngagement({
    id: 'g-first',
    type: 'courtesy-visit',
    date: '2026-05-01',
    title: { en: 'first' },
    participants: [{ entity: 'c0' }, { entity: 'mie' }],
  });
  const network: Network = replicated
    ? new Replica({ snapshot: server.snapshot(), author: 'suzuki', now: clock() })
    : createNetwork({ log: server.log(), author: 'suzuki', now: clock() });
  const replica = network instanceof Replica ? network : undefined;
  const seen = new Map<string, number>();
  const followed: Followed = { graph: createDisplayGraph(), serial: undefined };
  expectSameAsFromScratch(network, seen, followed);
  for (const s of steps) {
    if (s.op === 'look') expectSameAsFromScratch(network, seen, followed);
    else if (s.op === 'colleague') {
      try {
        engage(server, `s${s.id}`, s.participants);
      } catch {
        // the id is taken
      }
    } else if (s.op === 'push') {
      if (replica) pushOutbox(replica, server);
    } else if (s.op === 'deliver') {
      if (replica) deliver(replica, server);
    } else write(network, s);
  }
  expectSameAsFromScratch(network, seen, followed);
}

describe('ties kept up to date with the log', () => {
  it('equal the ties made from scratch after any writes, undos and redos (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => run(steps, false)),
      runs,
    );
  });

  it('equal the ties made from scratch in a replica whose pending changes land again under the server’s (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => run(steps, true)),
      runs,
    );
  });

  it('take in only what a change wrote: a new engagement changes its own ties', () => {
    const network = createNetwork({ author: 'test', now: clock() });
    network.addEntity({ id: 'mie', kind: 'self', name: { en: 'Mie' } });
    network.addEntity({ id: 'c1', kind: 'company', name: { en: 'C1' } });
    network.addEntity({ id: 'c2', kind: 'company', name: { en: 'C2' } });
    engage(network, 'g1', [
      { at: 1, role: 'participant' },
      { at: 0, role: 'participant' },
    ]);
    expect(tiesKept(network).changed).toBe('all');
    engage(network, 'g2', [
      { at: 0, role: 'host' },
      { at: 2, role: 'visitor' },
    ]);
    const kept = tiesKept(network);
    expect(kept.changed).toEqual(new Set(['tie:mie>c2']));
    expect(kept.ties.get('tie:mie>c1')?.count).toBe(1);
    // nothing new: the same answer
    expect(tiesKept(network)).toEqual(kept);
    network.updateEntity('c1', { kind: 'self' });
    expect(tiesKept(network).changed).toBe('all');
  });
});
