import { describe, expect, it } from 'vitest';
import { isMusubiError, MusubiError } from '../errors.js';
import type { Entity } from '../model/records.js';
import { Sequencer } from './fixtures/sequencer.js';
import { Replica, type SyncState } from './replica.js';

const thai = {
  id: 'th',
  kind: 'government',
  name: { ja: 'タイ投資委員会', en: 'Thailand BOI' },
  country: 'TH',
} as const;
const mie = { id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' } as const;

/** A server with Mie on it, and a replica of it for `author`. */
function serverAndReplica(author = 'suzuki') {
  const server = new Sequencer({ author: 'admin' });
  server.addEntity(mie);
  const replica = new Replica({ snapshot: server.snapshot(), author });
  return { server, replica };
}

/** Pushes the replica's outbox to the server and hands it the reply (or the refusal). */
function push(server: Sequencer, replica: Replica, author = replica.author): void {
  const outbox = replica.outbox();
  try {
    replica.acknowledge(server.push(outbox, author));
  } catch (error) {
    if (!isMusubiError(error)) throw error;
    const accepted = (error.details.accepted ?? []) as never[];
    replica.acknowledge(accepted);
    replica.refuse(error.details.changeId as string, error);
  }
}

/** Hands the replica the server's changes it has not seen. */
function deliver(server: Sequencer, replica: Replica): void {
  replica.receive(server.log().filter((c) => c.seq > replica.confirmedSeq));
}

describe('Replica', () => {
  it('lands a write at once as a pending change, and confirms it with the server’s seq, time and author', async () => {
    const { server, replica } = serverAndReplica();
    replica.addEntity(thai);
    expect(replica.entity('th')?.name.en).toBe('Thailand BOI');
    expect(replica.pending()).toHaveLength(1);
    expect(replica.syncState).toEqual({ status: 'pending', pending: 1 });
    const outbox = replica.outbox();
    expect(outbox.baseSeq).toBe(1);
    expect(outbox.changes.map((c) => c.operation)).toEqual(['addEntity']);

    const acknowledged = replica.whenAcknowledged(outbox.changes[0]?.id as string);
    push(server, replica, 'suzuki@office');
    const stored = await acknowledged;
    expect(stored.seq).toBe(2);
    expect(stored.author).toBe('suzuki@office');
    expect(replica.pending()).toEqual([]);
    expect(replica.confirmedSeq).toBe(2);
    expect(replica.log().at(-1)).toEqual(server.log().at(-1));
    expect(replica.syncState).toEqual({ status: 'saved' });
  });

  it('puts pending changes back on top of the server’s changes that come under them', () => {
    const { server, replica } = serverAndReplica();
    replica.addEntity(thai);
    server.updateEntity('mie', { notes: 'from a colleague' });
    deliver(server, replica);
    expect(replica.entity('mie')?.notes).toBe('from a colleague');
    expect(replica.entity('th')).toBeDefined();
    expect(replica.log().map((c) => c.operation)).toEqual(['updateEntity', 'addEntity']);
    expect(replica.log().map((c) => c.seq)).toEqual([2, 3]);
    expect(replica.outbox().baseSeq).toBe(2);
    push(server, replica);
    expect(replica.snapshot().records).toEqual(server.snapshot().records);
  });

  it('sets aside an update whose record moved on, with the record as it is now, and keeps it', async () => {
    const { server, replica } = serverAndReplica();
    replica.updateEntity('mie', { notes: 'mine' });
    const id = replica.pending()[0]?.id as string;
    const refused = replica.whenAcknowledged(id).catch((e: unknown) => e);
    server.updateEntity('mie', { notes: 'theirs' });
    deliver(server, replica);

    expect(replica.entity('mie')?.notes).toBe('theirs');
    expect(replica.pending()).toEqual([]);
    const [aside] = replica.setAside();
    expect(aside?.change.id).toBe(id);
    expect(aside?.error.code).toBe('CONFLICT');
    expect(aside?.error.details).toMatchObject({ changeId: id, collection: 'entity', id: 'mie' });
    expect((aside?.error.details.current as Entity | undefined)?.notes).toBe('theirs');
    expect(replica.syncState).toEqual({ status: 'conflict', conflicts: 1, pending: 0 });
    expect(isMusubiError(await refused, 'CONFLICT')).toBe(true);
  });

  it('re-applies a set-aside change on the current record: its fields over the colleague’s', () => {
    const { server, replica } = serverAndReplica();
    replica.updateEntity('mie', { notes: 'mine' });
    server.updateEntity('mie', { tags: ['asean'] });
    server.updateEntity('mie', { notes: 'theirs' });
    deliver(server, replica);
    push(server, replica);
    const [aside] = replica.setAside();

    const again = replica.reapply(aside?.change.id as string);
    expect(again?.id).not.toBe(aside?.change.id);
    expect(replica.setAside()).toEqual([]);
    expect(replica.entity('mie')).toMatchObject({ notes: 'mine', tags: ['asean'] });
    push(server, replica);
    expect(server.entity('mie')).toMatchObject({ notes: 'mine', tags: ['asean'] });
    expect(replica.syncState).toEqual({ status: 'saved' });
  });

  it('drops a set-aside change when the user keeps the record as it is', () => {
    const { server, replica } = serverAndReplica();
    replica.updateEntity('mie', { notes: 'mine' });
    server.updateEntity('mie', { notes: 'theirs' });
    deliver(server, replica);
    push(server, replica);
    replica.drop(replica.setAside()[0]?.change.id as string);
    expect(replica.setAside()).toEqual([]);
    expect(replica.entity('mie')?.notes).toBe('theirs');
    expect(() => replica.drop('chg_unknown')).toThrow(MusubiError);
  });

  it('sets aside a change the server refused, and a later one that needs it', () => {
    const { server, replica } = serverAndReplica();
    replica.transaction(() => {
      replica.addEntity(thai);
    });
    replica.updateEntity('th', { notes: 'needs the first' });
    replica.addEntity({ ...thai, id: 'vn', name: { en: 'Viet Nam' }, country: 'VN' });
    const [first] = replica.pending();
    replica.refuse(first?.id as string, new MusubiError('FORBIDDEN', 'a read-only token'));

    expect(replica.setAside().map((s) => s.error.code)).toEqual(['FORBIDDEN', 'CONFLICT']);
    expect(replica.entity('th')).toBeUndefined();
    expect(replica.entity('vn')).toBeDefined();
    push(server, replica);
    expect(server.entity('vn')).toBeDefined();
    expect(replica.setAside()[1]?.error.details).toMatchObject({
      collection: 'entity',
      id: 'th',
      current: null,
    });
    expect(replica.pending()).toEqual([]);
  });

  it('does not set aside a change the server stored after a change that a later one undid', () => {
    const { server, replica } = serverAndReplica();
    const colleague = new Replica({ snapshot: server.snapshot(), author: 'tanaka' });
    colleague.updateEntity('mie', { notes: 'by mistake' });
    push(server, colleague);
    colleague.undo();
    push(server, colleague);
    replica.updateEntity('mie', { notes: 'mine' });
    push(server, replica); // stored at seq 4, after the undo put the record back
    expect(replica.receive(server.log().slice(1, 2))).toBe(2); // only the mistake came so far
    expect(replica.setAside()).toEqual([]);
    expect(replica.stalled()).toHaveLength(1);
    deliver(server, replica);
    expect(replica.stalled()).toEqual([]);
    expect(replica.entity('mie')?.notes).toBe('mine');
    expect(replica.syncState).toEqual({ status: 'saved' });
  });

  it('takes back a set-aside change that turns up in the server’s log (stored after a lost reply)', () => {
    const { server, replica } = serverAndReplica();
    const colleague = new Replica({ snapshot: server.snapshot(), author: 'tanaka' });
    colleague.updateEntity('mie', { notes: 'by mistake' });
    push(server, colleague);
    colleague.undo();
    push(server, colleague);
    replica.updateEntity('mie', { notes: 'mine' });
    server.push(replica.outbox(), 'suzuki'); // stored; the reply is lost
    replica.receive(server.log().slice(1, 2));
    expect(replica.setAside()).toHaveLength(1); // as far as it can tell, the record moved on
    deliver(server, replica);
    expect(replica.setAside()).toEqual([]);
    expect(replica.entity('mie')?.notes).toBe('mine');
    expect(replica.syncState).toEqual({ status: 'saved' });
  });

  it('waits for the changes between the confirmed log and later ones, and ignores ones it has', () => {
    const { server, replica } = serverAndReplica();
    server.addEntity(thai);
    server.updateEntity('th', { notes: 'two' });
    const [, second, third] = server.log();
    expect(replica.receive([third as never])).toBe(1);
    expect(replica.entity('th')).toBeUndefined();
    expect(replica.receive([second as never, second as never])).toBeUndefined();
    expect(replica.entity('th')?.notes).toBe('two');
    expect(replica.confirmedSeq).toBe(3);
    expect(replica.receive(server.log())).toBeUndefined();
    expect(replica.log()).toHaveLength(2);
  });

  it('tells subscribers of the server’s changes and of what it set aside, and the sync state as it moves', async () => {
    const { server, replica } = serverAndReplica();
    const states: SyncState[] = [];
    const operations: string[] = [];
    replica.onSyncState((s) => states.push(s));
    replica.subscribe((c) => operations.push(c.operation));
    replica.updateEntity('mie', { notes: 'mine' });
    await Promise.resolve();
    replica.setConnection('offline');
    server.updateEntity('mie', { notes: 'theirs' });
    deliver(server, replica);
    expect(operations).toEqual(['updateEntity', 'updateEntity', 'setAside']);
    expect(states).toEqual([
      { status: 'pending', pending: 1 },
      { status: 'offline', pending: 1 },
      { status: 'conflict', conflicts: 1, pending: 0 },
    ]);
  });

  it('undoes the user’s own last change, not a colleague’s later one', () => {
    const { server, replica } = serverAndReplica();
    replica.addEntity(thai);
    push(server, replica);
    server.addEntity({ ...thai, id: 'vn', name: { en: 'Viet Nam' }, country: 'VN' });
    deliver(server, replica);

    expect(replica.nextUndo()?.operation).toBe('addEntity');
    const undo = replica.undo();
    expect(undo?.undoes).toBe(replica.log()[0]?.id);
    expect(replica.entity('th')).toBeUndefined();
    expect(replica.entity('vn')).toBeDefined();
    expect(replica.canRedo()).toBe(true);
    replica.redo();
    expect(replica.entity('th')).toBeDefined();
  });

  it('refuses to undo over a colleague’s change to the same record, naming who changed it', () => {
    const { server, replica } = serverAndReplica();
    replica.updateEntity('mie', { notes: 'mine' });
    push(server, replica);
    server.setAuthor('tanaka');
    server.updateEntity('mie', { notes: 'theirs' });
    deliver(server, replica);

    expect(replica.changedSince(replica.nextUndo() as never).map((c) => c.author)).toEqual(['tanaka']);
    let error: unknown;
    try {
      replica.undo();
    } catch (e) {
      error = e;
    }
    expect(isMusubiError(error, 'CONFLICT')).toBe(true);
    expect((error as MusubiError).details).toMatchObject({
      collection: 'entity',
      id: 'mie',
      changedBy: [{ author: 'tanaka' }],
    });
    expect(replica.entity('mie')?.notes).toBe('theirs');
    expect(replica.pending()).toEqual([]);
  });

  it('starts again from its confirmed snapshot, log and pending changes (what a browser keeps)', () => {
    const { server, replica } = serverAndReplica();
    replica.addEntity(thai);
    push(server, replica);
    replica.updateEntity('th', { notes: 'not sent yet' });
    const kept = { snapshot: replica.confirmedSnapshot(), pending: replica.pending() };
    expect(kept.snapshot.seq).toBe(2);
    expect(replica.entity('th')?.notes).toBe('not sent yet');

    const again = new Replica({ ...kept, author: 'suzuki' });
    expect(again.entity('th')?.notes).toBe('not sent yet');
    expect(again.pending().map((c) => c.id)).toEqual(kept.pending.map((c) => c.id));
    push(server, again);
    expect(server.entity('th')?.notes).toBe('not sent yet');
  });

  it('refuses a kept log whose seqs do not follow its snapshot', () => {
    const { server } = serverAndReplica();
    server.addEntity(thai);
    const log = server.log().slice(1);
    expect(() => new Replica({ log })).toThrow(MusubiError);
  });
});
