import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../changes/change.js';
import { sameJson } from '../changes/proposed-change.js';
import { isMusubiError } from '../errors.js';
import type { Id } from '../model/ids.js';
import type { NetworkSnapshot } from '../network/network.js';
import { Sequencer } from './fixtures/sequencer.js';
import { Replica } from './replica.js';

/** Repeatable runs; set FC_SEED to explore other sequences. */
const runs = { seed: Number(process.env.FC_SEED ?? 20261202), numRuns: 100 };

const REPLICAS = 3;
const replicaIndex = fc.nat({ max: REPLICAS - 1 });
const pick = fc.nat({ max: 20 });
const text = fc.constantFrom('三重県', 'タイ', 'São Paulo', 'BOI', 'Embassy');

const step = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('addEntity' as const),
      r: replicaIndex,
      id: fc.nat({ max: 8 }),
      text,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('updateEntity' as const), r: replicaIndex, at: pick, text }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('removeEntity' as const),
      r: replicaIndex,
      at: pick,
      cascade: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('addLink' as const), r: replicaIndex, from: pick, to: pick }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('recordEngagement' as const), r: replicaIndex, at: pick, text }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('undo' as const), r: replicaIndex }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('push' as const), r: replicaIndex, replyLost: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('deliver' as const),
      r: replicaIndex,
      // which of the unseen changes arrive, in which order (a live stream and pushes' replies interleave)
      order: fc.array(fc.nat({ max: 30 }), { maxLength: 8 }),
    }),
  },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** The records of a snapshot, sorted by id in each collection, for comparing two of them. */
function recordsOf(snapshot: NetworkSnapshot): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [collection, records] of Object.entries(snapshot.records)) {
    if (!records || records.length === 0) continue;
    out[collection] = [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return out;
}

/** Pushes a replica's outbox; the server takes it, and the reply reaches the replica unless lost. */
function push(server: Sequencer, replica: Replica, author: string, replyLost: boolean): void {
  const outbox = replica.outbox(5);
  if (outbox.changes.length === 0) return;
  try {
    const accepted = server.push(outbox, author);
    if (!replyLost) replica.acknowledge(accepted);
  } catch (error) {
    if (!isMusubiError(error)) throw error;
    if (replyLost) return;
    replica.acknowledge((error.details.accepted ?? []) as Change[]);
    replica.refuse(error.details.changeId as Id, error);
  }
}

function deliver(server: Sequencer, replica: Replica, order: readonly number[]): void {
  const unseen = server.log().filter((c) => c.seq > replica.confirmedSeq);
  if (unseen.length === 0) return;
  replica.receive(order.map((i) => unseen[i % unseen.length] as Change));
}

function write(replica: Replica, s: Step): void {
  const entities = replica.entities();
  const entityAt = (i: number) => entities[i % Math.max(1, entities.length)]?.id;
  try {
    switch (s.op) {
      case 'addEntity':
        replica.addEntity({ id: `e${s.id}`, kind: 'region', name: { ja: s.text }, country: 'TH' });
        break;
      case 'updateEntity': {
        const id = entityAt(s.at);
        if (id) replica.updateEntity(id, { notes: `${s.text} (${replica.author})` });
        break;
      }
      case 'removeEntity': {
        const id = entityAt(s.at);
        if (id && id !== 'mie') replica.removeEntity(id, { cascade: s.cascade });
        break;
      }
      case 'addLink': {
        const [source, target] = [entityAt(s.from), entityAt(s.to)];
        if (source && target) replica.addLink({ kind: 'partner', source, target, events: [] });
        break;
      }
      case 'recordEngagement': {
        const id = entityAt(s.at);
        if (id) {
          replica.recordEngagement({
            type: 'courtesy-visit',
            date: '2026-12-02',
            title: { ja: s.text },
            participants: [{ entity: id }],
          });
        }
        break;
      }
      case 'undo':
        replica.undo();
        break;
      default:
        break;
    }
  } catch (error) {
    // a write the replica refuses (an id taken, a record still referred to) lands nothing
    if (!isMusubiError(error)) throw error;
  }
}

describe('Replicas of one sequencer', () => {
  it('converge to the sequencer’s records whatever the order of delivery and the lost replies; nothing acknowledged is lost or doubled, conflicts are kept', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 60, size: 'medium' }), (steps) => {
        const server = new Sequencer({ author: 'admin' });
        server.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' }, country: 'JP' });
        for (const id of ['e0', 'e1', 'e2'])
          server.addEntity({ id, kind: 'region', name: { ja: id }, country: 'TH' });
        const authors = Array.from({ length: REPLICAS }, (_, i) => `user${i}`);
        const replicas = authors.map((author) => new Replica({ snapshot: server.snapshot(), author }));
        const made = replicas.map(() => new Set<Id>());
        replicas.forEach((replica, i) => {
          replica.subscribe((change) => {
            if (change.seq > replica.confirmedSeq && change.operation !== 'setAside') made[i]?.add(change.id);
          });
        });

        for (const s of steps) {
          const replica = replicas[s.r] as Replica;
          if (s.op === 'push') push(server, replica, authors[s.r] as string, s.replyLost);
          else if (s.op === 'deliver') deliver(server, replica, s.order);
          else write(replica, s);
          // the projection is always the confirmed log with the pending changes (but the stalled) on top
          expect(replica.log().length).toBe(
            replica.confirmedSeq - 4 + replica.pending().length - replica.stalled().length,
          );
        }

        // the network comes back: every replica pushes and hears everything until nothing is left
        for (let round = 0; round < 50 && replicas.some((r) => r.pending().length > 0); round++) {
          replicas.forEach((replica, i) => {
            push(server, replica, authors[i] as string, false);
            deliver(server, replica, [...Array(server.log().length).keys()]);
          });
        }
        for (const replica of replicas) deliver(server, replica, [...Array(server.log().length).keys()]);

        const log = server.log();
        expect(new Set(log.map((c) => c.id)).size).toBe(log.length); // none doubled
        const expected = recordsOf(server.snapshot());
        replicas.forEach((replica, i) => {
          expect(replica.pending()).toEqual([]);
          expect(replica.confirmedSeq).toBe(log.length);
          expect(sameJson(recordsOf(replica.snapshot()), expected)).toBe(true);
          expect(replica.log()).toEqual(log.slice(4));
          // every change made here is on the server once, or kept aside; never both, never neither
          const onServer = new Set(log.map((c) => c.id));
          const aside = new Set(replica.setAside().map((s) => s.change.id));
          for (const id of made[i] ?? []) expect(onServer.has(id) !== aside.has(id)).toBe(true);
          for (const { error } of replica.setAside()) expect(isMusubiError(error)).toBe(true);
        });
      }),
      runs,
    );
  });
});

/** What a reader keeps of a log it follows by `logMark` and `firstChangedSince`: each change's id and seq. */
class Follower {
  readonly kept: string[] = [];
  #mark = 0;
  /** The positions read again at the last catch-up. */
  readAgain = 0;

  catchUp(network: Replica): void {
    const from = Math.min(this.kept.length, network.firstChangedSince(this.#mark));
    this.kept.length = from;
    for (let i = from; i < network.changeCount; i++) {
      const change = network.changeAt(i) as Change;
      this.kept.push(`${change.id}@${change.seq}`);
    }
    this.readAgain = network.changeCount - from;
    this.#mark = network.logMark();
  }
}

describe('Following a replica’s log by position', () => {
  it('reads, from the position firstChangedSince gives, exactly what log() holds after any steps: pending changes taken off and landed again under the server’s, set aside, stalled', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 60, size: 'medium' }), (steps) => {
        const server = new Sequencer({ author: 'admin' });
        server.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' }, country: 'JP' });
        const authors = Array.from({ length: REPLICAS }, (_, i) => `user${i}`);
        const replicas = authors.map((author) => new Replica({ snapshot: server.snapshot(), author }));
        const followers = replicas.map(() => new Follower());
        for (const s of steps) {
          const replica = replicas[s.r] as Replica;
          const before = replica.log().map((c) => `${c.id}@${c.seq}`);
          if (s.op === 'push') push(server, replica, authors[s.r] as string, s.replyLost);
          else if (s.op === 'deliver') deliver(server, replica, s.order);
          else write(replica, s);
          const follower = followers[s.r] as Follower;
          follower.catchUp(replica);
          const now = replica.log().map((c) => `${c.id}@${c.seq}`);
          expect(follower.kept).toEqual(now);
          // it reads again no more than what differs: the first difference is at or after its start
          let same = 0;
          while (same < before.length && same < now.length && before[same] === now[same]) same++;
          expect(now.length - follower.readAgain).toBeLessThanOrEqual(same);
        }
      }),
      runs,
    );
  });
});
