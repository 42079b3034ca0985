import { createNetwork } from '@musubi/core';
import { Replica } from '@musubi/core/client';
import { describe, expect, it } from 'vitest';
import { KeptReplicaStore, keptName } from './kept-replica.js';

const now = () => new Date('2026-12-02T00:00:00Z');

function server() {
  const network = createNetwork({ author: 'admin', now });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  network.addEntity({
    id: 'jetro',
    kind: 'organization',
    name: { ja: 'ジェトロ', en: 'JETRO' },
    country: 'JP',
  });
  network.setAuthor('tanaka');
  return network;
}

let round = 0;
const freshName = () => keptName(`http://kept.test:${++round}/`, 'suzuki');

describe('a team replica kept in IndexedDB', () => {
  it('starts again from what it kept: the server’s changes, pending and set-aside changes, across a close', async () => {
    const team = server();
    const name = freshName();
    const kept = await KeptReplicaStore.open(name);
    await kept.startFrom(team.snapshot());
    const replica = new Replica({ snapshot: team.snapshot(), author: 'suzuki', now });
    const stop = kept.keep(replica);

    // a colleague's change arrives, then suzuki writes twice while offline
    team.updateEntity('jetro', { notes: '田中のメモ' });
    replica.receive(team.log().slice(-1));
    replica.updateEntity('mie', { notes: '鈴木のメモ' });
    replica.updateEntity('jetro', { notes: '鈴木が上書き' });
    // the colleague changes jetro again: suzuki's second change no longer applies
    team.updateEntity('jetro', { notes: '田中の二度目' });
    replica.receive(team.log().slice(-1));
    replica.setConnection('offline');
    expect(replica.syncState).toEqual({ status: 'conflict', conflicts: 1, pending: 1 });
    await kept.whenKept();
    stop();
    await kept.close();

    const again = await KeptReplicaStore.open(name);
    const read = await again.read();
    expect(read.snapshot?.seq).toBe(2);
    expect(read.log.map((c) => c.seq)).toEqual([3, 4]);
    expect(read.pending.map((c) => c.operation)).toEqual(['updateEntity']);
    expect(read.setAside).toHaveLength(1);
    expect(read.setAside[0]?.error.code).toBe('CONFLICT');
    expect(read.setAside[0]?.error.details.id).toBe('jetro');

    const restarted = new Replica({ ...read, snapshot: read.snapshot, author: 'suzuki', now });
    expect(restarted.entity('mie')?.notes).toBe('鈴木のメモ');
    expect(restarted.entity('jetro')?.notes).toBe('田中の二度目');
    expect(restarted.confirmedSeq).toBe(4);
    expect(restarted.syncState).toEqual({ status: 'conflict', conflicts: 1, pending: 1 });
    expect(restarted.outbox().changes.map((c) => c.id)).toEqual(replica.outbox().changes.map((c) => c.id));
    await again.close();
  });

  it('keeps a snapshot in place of the changes it covers when compacted', async () => {
    const team = server();
    const name = freshName();
    const kept = await KeptReplicaStore.open(name);
    await kept.startFrom(team.snapshot());
    const replica = new Replica({ snapshot: team.snapshot(), author: 'suzuki', now });
    const stop = kept.keep(replica);
    for (const notes of ['一', '二', '三']) team.updateEntity('jetro', { notes });
    replica.receive(team.log().slice(2));
    replica.updateEntity('mie', { notes: '未送信' });
    await kept.compact(replica);
    stop();
    const read = await kept.read();
    expect(read.snapshot?.seq).toBe(5);
    expect(read.log).toEqual([]);
    expect(read.pending).toHaveLength(1);
    const restarted = new Replica({ ...read, snapshot: read.snapshot, author: 'suzuki', now });
    expect(restarted.entity('jetro')?.notes).toBe('三');
    expect(restarted.entity('mie')?.notes).toBe('未送信');
    await kept.close();
  });
});
