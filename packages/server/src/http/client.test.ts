import type { EngagementInput, Entity, MusubiError } from '@musubi/core';
import { isMusubiError } from '@musubi/core';
import { ConnectedNetwork, connectNetwork, Replica, ServerApi } from '@musubi/core/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type MusubiServer } from '../server.js';
import { databaseFor, engines } from '../testing/databases.js';
import { TestClock } from '../testing/test-server.js';

/** connectNetwork (the core's client) against the real server, on loopback, on each engine. */

const visit: EngagementInput = {
  type: 'courtesy-visit',
  date: '2026-12-02',
  title: { ja: '駐日タイ大使の表敬訪問', en: 'Courtesy call by the Thai ambassador' },
  participants: [{ entity: 'th-embassy' }, { entity: 'mie' }],
};

let counter = 0;
const running: { servers: MusubiServer[]; networks: ConnectedNetwork[] } = { servers: [], networks: [] };

afterEach(async () => {
  await Promise.all(running.networks.map((n) => n.close()));
  await Promise.all(running.servers.map((s) => s.close()));
  running.networks = [];
  running.servers = [];
});

/** Resolves when `ready` holds, checked now and after every change and sync state of the replica. */
function until(network: ConnectedNetwork, ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!ready()) return;
      stopChanges();
      stopStates();
      resolve();
    };
    const stopChanges = network.subscribe(check);
    const stopStates = network.onSyncState(check);
    check();
  });
}

for (const engine of engines) {
  const database = databaseFor(engine);

  /** A server with a network of its own (Mie and the Thai embassy on it) and two write tokens. */
  async function office() {
    const db = await database();
    const network = `client-${process.pid}-${++counter}`;
    const clock = new TestClock();
    const start = async (port = 0) => {
      const server = await createServer({ db, network, now: clock.now });
      running.servers.push(server);
      const url = await server.listen({ port });
      return { server, url };
    };
    const { server, url } = await start();
    const a = (await server.accounts.createToken({ name: `suzuki-${network}`, scope: 'write' })).token;
    const b = (await server.accounts.createToken({ name: `tanaka-${network}`, scope: 'write' })).token;
    const setup = await connectNetwork(url, { token: a });
    setup.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
    setup.addEntity({ id: 'th-embassy', kind: 'mission', name: { ja: '在日タイ大使館' }, country: 'TH' });
    await setup.sync();
    await setup.close();
    const connect = async (token: string, live = true) => {
      const replica = await connectNetwork(url, { token, live, retryDelayMs: 20, maxRetryDelayMs: 200 });
      running.networks.push(replica);
      return replica;
    };
    return { server, url, port: Number(new URL(url).port), start, tokens: { a, b }, connect };
  }

  describe(`connectNetwork against the team server on ${engine.name}`, () => {
    it('A records a visit and B sees it live, recorded by A’s token', async () => {
      const { tokens, connect } = await office();
      const a = await connect(tokens.a);
      const b = await connect(tokens.b);
      const seen = until(b, () => b.engagements().length === 1);

      const recorded = a.recordEngagement(visit);
      await a.sync();
      await seen;
      expect(b.engagement(recorded.id)?.title.ja).toBe('駐日タイ大使の表敬訪問');
      expect(b.log().at(-1)).toMatchObject({ seq: 3, author: expect.stringMatching(/suzuki/) });
      expect(a.syncState).toEqual({ status: 'saved' });
    });

    it('refuses B’s update of a record A changed since with CONFLICT, and keeps it on B’s side', async () => {
      const { server, tokens, connect } = await office();
      const a = await connect(tokens.a);
      const b = await connect(tokens.b, false);
      a.updateEntity('th-embassy', { notes: 'new ambassador since 2026-10' });
      await a.sync();

      b.updateEntity('th-embassy', { notes: 'stale view' });
      const error = (await b.sync().catch((e: unknown) => e)) as MusubiError;
      expect(isMusubiError(error, 'CONFLICT')).toBe(true);
      expect(error.details).toMatchObject({ collection: 'entity', id: 'th-embassy' });
      expect((error.details.current as Entity).notes).toBe('new ambassador since 2026-10');
      expect(b.setAside()).toHaveLength(1);
      expect(b.syncState).toMatchObject({ status: 'conflict', conflicts: 1 });
      expect(server.sequencer.head).toBe(3);

      // B has A's record already (the refusal made it catch up): it writes its notes over it, and
      // that lands
      expect(b.entity('th-embassy')?.notes).toBe('new ambassador since 2026-10');
      b.reapply(b.setAside()[0]?.change.id as string);
      await b.sync();
      await until(a, () => a.entity('th-embassy')?.notes === 'stale view');
    });

    it('a replica started from what was kept, behind the server, applies a refused change again on the current record', async () => {
      // what a browser does when a page is opened while the server cannot be reached: its kept
      // records and its pending change, made on them; a colleague changed the record meanwhile
      const { url, tokens, connect } = await office();
      const seen = await connect(tokens.b, false);
      const kept = seen.confirmedSnapshot();
      await seen.close();
      const offline = new Replica({ snapshot: kept, author: 'tanaka' });
      offline.updateEntity('th-embassy', { notes: 'tanaka, offline' });
      const a = await connect(tokens.a);
      a.updateEntity('th-embassy', { notes: 'suzuki, meanwhile' });
      await a.sync();

      // the page's first push goes before it has followed the server: refused, and set aside on
      // the record as it is now
      const b = new ConnectedNetwork(new ServerApi(url, { token: tokens.b }), {
        author: 'tanaka',
        snapshot: kept,
        pending: offline.pending(),
        live: false,
        retryDelayMs: 20,
        maxRetryDelayMs: 200,
      });
      running.networks.push(b);
      b.server.start();
      const error = (await b.sync().catch((e: unknown) => e)) as MusubiError;
      expect(isMusubiError(error, 'CONFLICT')).toBe(true);
      expect(b.entity('th-embassy')?.notes).toBe('suzuki, meanwhile');
      const [aside] = b.setAside();
      expect(aside?.change.effects[0]).toMatchObject({ after: { notes: 'tanaka, offline' } });

      // applied again, it lands at once (it was refused again when made on the kept record)
      b.reapply(aside?.change.id as string);
      await b.sync();
      expect(b.syncState).toEqual({ status: 'saved' });
      await until(a, () => a.entity('th-embassy')?.notes === 'tanaka, offline');
    });

    it('sends a write made while the server is down once it is back, stored once', async () => {
      const { server, port, start, tokens, connect } = await office();
      const a = await connect(tokens.a);
      await server.close();
      await until(a, () => a.syncState.status === 'offline');

      const recorded = a.recordEngagement(visit);
      expect(a.engagement(recorded.id)).toBeDefined();
      expect(a.syncState).toEqual({ status: 'offline', pending: 1 });
      const again = await start(port);
      await a.sync();
      expect(again.server.sequencer.head).toBe(3);
      const b = await connect(tokens.b);
      expect(b.engagement(recorded.id)?.title.en).toBe('Courtesy call by the Thai ambassador');
      expect(b.log()).toEqual([]); // started from the snapshot at seq 3
      expect(b.confirmedSeq).toBe(3);
    });
  });
}
