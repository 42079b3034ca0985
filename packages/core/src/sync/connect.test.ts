import { afterEach, describe, expect, it } from 'vitest';
import { isMusubiError, type MusubiError } from '../errors.js';
import type { EngagementInput, Entity } from '../model/records.js';
import { type ConnectedNetwork, connectNetwork } from './connect.js';
import { ContractServer } from './fixtures/contract-server.js';
import { Sequencer } from './fixtures/sequencer.js';
import type { SyncState } from './replica.js';

const tokens = {
  'token-a': { username: 'suzuki', role: 'editor' },
  'token-b': { username: 'tanaka', role: 'editor' },
  'token-read': { username: 'reporter', role: 'viewer' },
} as const;

const open: { servers: ContractServer[]; networks: ConnectedNetwork[] } = { servers: [], networks: [] };

afterEach(async () => {
  await Promise.all(open.networks.map((n) => n.close()));
  await Promise.all(open.servers.map((s) => s.stop()));
  open.networks = [];
  open.servers = [];
});

async function startServer(): Promise<ContractServer> {
  let minutes = 0;
  const clock = () => new Date(Date.UTC(2026, 11, 2, 9, minutes++));
  const network = new Sequencer({ author: 'admin', now: clock });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  network.addEntity({ id: 'th-embassy', kind: 'mission', name: { ja: '在日タイ大使館' }, country: 'TH' });
  const server = new ContractServer(network, tokens);
  await server.start();
  open.servers.push(server);
  return server;
}

async function connect(server: ContractServer, token: string, live = true): Promise<ConnectedNetwork> {
  const network = await connectNetwork(server.url, { token, live, retryDelayMs: 10, maxRetryDelayMs: 100 });
  open.networks.push(network);
  return network;
}

/** Resolves when `ready` holds, checked now and after every change and sync state of the network. */
function until(network: ConnectedNetwork, ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const check = () => {
      if (!ready()) return;
      stopChanges();
      stopStates();
      resolve();
    };
    const stopChanges = network.subscribe(check);
    const stopStates = network.onSyncState(check);
  });
}

const visit: EngagementInput = {
  type: 'courtesy-visit',
  date: '2026-12-02',
  title: { ja: '駐日タイ大使の表敬訪問', en: 'Courtesy call by the Thai ambassador' },
  participants: [{ entity: 'th-embassy' }, { entity: 'mie' }],
};

describe('connectNetwork', () => {
  it('starts from the server’s records, and B sees live the visit A records', async () => {
    const server = await startServer();
    const a = await connect(server, 'token-a');
    const b = await connect(server, 'token-b');
    expect(b.entity('mie')?.name.en).toBe('Mie Prefecture');
    expect(b.confirmedSeq).toBe(2);

    const seen = until(b, () => b.engagements().length === 1);
    const recorded = a.recordEngagement(visit);
    await a.sync();
    await seen;
    expect(b.engagement(recorded.id)?.title.ja).toBe('駐日タイ大使の表敬訪問');
    const stored = b.log().at(-1);
    expect(stored?.author).toBe('suzuki');
    expect(stored?.seq).toBe(3);
    expect(a.syncState).toEqual({ status: 'saved' });
    expect(server.network.log().filter((c) => c.id === stored?.id)).toHaveLength(1);
  });

  it('refuses B’s update of a record A changed since with CONFLICT, and keeps it on B’s side', async () => {
    const server = await startServer();
    const a = await connect(server, 'token-a');
    const b = await connect(server, 'token-b', false);
    a.updateEntity('th-embassy', { notes: 'new ambassador since 2026-10' });
    await a.sync();

    b.updateEntity('th-embassy', { notes: 'stale view' });
    const error = (await b.sync().catch((e: unknown) => e)) as MusubiError;
    expect(isMusubiError(error, 'CONFLICT')).toBe(true);
    expect(error.details).toMatchObject({ collection: 'entity', id: 'th-embassy' });
    expect((error.details.current as Entity).notes).toBe('new ambassador since 2026-10');
    const [aside] = b.setAside();
    expect((aside?.change.effects[0] as { after: Entity } | undefined)?.after.notes).toBe('stale view');
    expect(b.syncState).toMatchObject({ status: 'conflict', conflicts: 1 });
    expect(server.network.entity('th-embassy')?.notes).toBe('new ambassador since 2026-10');
  });

  it('sends a write made while the server is down once it is back', async () => {
    const server = await startServer();
    const a = await connect(server, 'token-a');
    const states: SyncState['status'][] = [];
    a.onSyncState((s) => states.push(s.status));
    await server.stop();
    await until(a, () => a.syncState.status === 'offline');

    const recorded = a.recordEngagement(visit);
    expect(a.engagement(recorded.id)).toBeDefined(); // at once, locally
    expect(a.syncState).toEqual({ status: 'offline', pending: 1 });
    await server.start();
    await a.sync();
    expect(server.network.engagement(recorded.id)).toBeDefined();
    await until(a, () => a.syncState.status === 'saved');
    expect(states).toContain('offline');
  });

  it('retries a push whose reply was lost with the same change id: stored once', async () => {
    const server = await startServer();
    const a = await connect(server, 'token-a');
    server.loseNextReplies = 1;
    a.recordEngagement(visit);
    const id = a.pending()[0]?.id;
    await a.sync();
    expect(server.network.log().filter((c) => c.id === id)).toHaveLength(1);
    expect(a.log().filter((c) => c.id === id)).toHaveLength(1);
  });

  it('rejects the writes of a read-only token with FORBIDDEN and keeps them aside', async () => {
    const server = await startServer();
    const reader = await connect(server, 'token-read');
    reader.updateEntity('mie', { notes: 'not allowed' });
    const error = await reader.sync().catch((e: unknown) => e);
    expect(isMusubiError(error, 'FORBIDDEN')).toBe(true);
    expect(reader.setAside().map((s) => s.error.code)).toEqual(['FORBIDDEN']);
    expect(reader.entity('mie')?.notes).toBeUndefined();
    expect(server.network.log()).toHaveLength(2);
  });

  it('rejects a sync still waiting when the connection is closed, with UNAVAILABLE', async () => {
    const server = await startServer();
    const a = await connect(server, 'token-a');
    await server.stop();
    a.recordEngagement(visit);
    const waiting = a.sync().catch((e: unknown) => e);
    await a.close();
    expect(isMusubiError(await waiting, 'UNAVAILABLE')).toBe(true);
    expect(a.pending()).toHaveLength(1); // kept, for a later session
  });

  it('reads the server’s whole log with history: true, from the first change on', async () => {
    const server = await startServer();
    server.network.updateEntity('mie', { notes: 'since 1973' });
    const fromSnapshot = await connect(server, 'token-a');
    expect(fromSnapshot.log()).toEqual([]);
    const whole = await connectNetwork(server.url, { token: 'token-a', history: true });
    open.networks.push(whole);
    expect(whole.log()).toEqual(server.network.log());
    expect(whole.entity('mie')?.notes).toBe('since 1973');
    expect(whole.asRecordedAt(server.network.log()[0]?.recordedAt as string).entities()).toHaveLength(1);
  });

  it('refuses a token the server does not know with UNAUTHENTICATED, and an unreachable server with UNAVAILABLE', async () => {
    const server = await startServer();
    const refused = await connectNetwork(server.url, { token: 'forged' }).catch((e: unknown) => e);
    expect(isMusubiError(refused, 'UNAUTHENTICATED')).toBe(true);
    const url = server.url;
    await server.stop();
    const down = await connectNetwork(url, { token: 'token-a' }).catch((e: unknown) => e);
    expect(isMusubiError(down, 'UNAVAILABLE')).toBe(true);
    const bad = await connectNetwork('ftp://example.org', {}).catch((e: unknown) => e);
    expect(isMusubiError(bad, 'VALIDATION')).toBe(true);
  });
});
