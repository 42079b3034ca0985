/**
 * The team server under load: 50 clients × 200 changes pushed over loopback HTTP, each change its
 * own push, acknowledged after its transaction commits; a 51st client follows the live stream.
 * Beside it, the floor: the same inserts made directly in the database, one transaction each, from
 * 50 concurrent workers. On PGlite (in a data folder) and on a throwaway PostgreSQL cluster.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Change, createNetwork } from '@musubi/core';
import { createServer, type Database, openDatabase } from '@musubi/server';
import { insertChanges } from '../../../packages/server/src/store/postgres-store.ts';
import { postgresInstalled, startCluster } from '../../../packages/server/src/testing/postgres-cluster.ts';
import { median } from '../measure.js';

export interface ServerFigures {
  readonly engine: string;
  readonly clients: number;
  readonly changes: number;
  readonly changesPerSecond: number;
  readonly ackP50: number;
  readonly ackP99: number;
  readonly liveP50: number;
  readonly liveP99: number;
  readonly floorChangesPerSecond: number;
  readonly floorP50: number;
  readonly floorP99: number;
  readonly note?: string;
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))] ?? 0;

/** Each client's changes, made on a replica of its own (ids unique across clients). */
function changesOf(clients: number, perClient: number, tag: string): Change[][] {
  return Array.from({ length: clients }, (_, client) => {
    const replica = createNetwork({ author: `client-${client}` });
    for (let k = 0; k < perClient; k++) {
      replica.addEntity({
        id: `${tag}-${client}-${k}`,
        kind: 'organization',
        name: { en: `Client ${client} #${k}` },
      });
    }
    return replica.log();
  });
}

/** Follows `/api/events`, calling `seen(id, at)` for each change as it arrives. */
function follow(url: string, token: string, seen: (id: string, at: number) => void) {
  const controller = new AbortController();
  const done = (async () => {
    const response = await fetch(`${url}/api/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) return;
      const at = performance.now();
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((line) => line.startsWith('data: '));
        if (data) seen((JSON.parse(data.slice(6)) as Change).id, at);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch((error: Error) => {
    if (error.name !== 'AbortError') throw error;
  });
  return { stop: () => controller.abort(), done };
}

async function loadServer(db: Database, clients: number, perClient: number) {
  const server = await createServer({ db, network: 'bench' });
  const write = (await server.accounts.createToken({ name: 'bench writer', scope: 'write' })).token;
  const read = (await server.accounts.createToken({ name: 'bench reader', scope: 'read' })).token;
  const url = await server.listen({ port: 0 });
  const sentAt = new Map<string, number>();
  const live: number[] = [];
  const follower = follow(url, read, (id, at) => {
    const sent = sentAt.get(id);
    if (sent !== undefined) live.push(at - sent);
  });
  const work = changesOf(clients, perClient, 'http');
  const acks: number[] = [];
  const began = performance.now();
  await Promise.all(
    work.map(async (changes) => {
      for (const change of changes) {
        const { seq: _s, recordedAt: _r, author: _a, ...proposed } = change;
        const start = performance.now();
        sentAt.set(change.id, start);
        const response = await fetch(`${url}/api/changes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${write}`, 'content-type': 'application/json' },
          body: JSON.stringify({ baseSeq: 0, changes: [proposed] }),
        });
        if (response.status !== 200)
          throw new Error(`push answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
        acks.push(performance.now() - start);
      }
    }),
  );
  const wall = performance.now() - began;
  // every change reaches the follower: wait for the last ones (a signal, not a sleep)
  const total = clients * perClient;
  while (live.length < total) await new Promise((resolve) => setImmediate(resolve));
  follower.stop();
  await follower.done;
  await server.close();
  acks.sort((a, b) => a - b);
  live.sort((a, b) => a - b);
  return { wall, acks, live, total };
}

/** The floor: the same rows inserted directly, one transaction per change, 50 workers at once. */
async function loadFloor(db: Database, clients: number, perClient: number) {
  const work = changesOf(clients, perClient, 'floor');
  let seq = 0;
  const times: number[] = [];
  const began = performance.now();
  await Promise.all(
    work.map(async (changes) => {
      for (const change of changes) {
        const start = performance.now();
        const placed = { ...change, seq: ++seq };
        await db.transaction((tx) => insertChanges(tx, 'floor', [placed]));
        times.push(performance.now() - start);
      }
    }),
  );
  const wall = performance.now() - began;
  times.sort((a, b) => a - b);
  return { wall, times };
}

async function figures(
  engine: string,
  db: Database,
  clients: number,
  perClient: number,
): Promise<ServerFigures> {
  const load = await loadServer(db, clients, perClient);
  const floor = await loadFloor(db, clients, perClient);
  return {
    engine,
    clients,
    changes: load.total,
    changesPerSecond: load.total / (load.wall / 1000),
    ackP50: median(load.acks),
    ackP99: quantile(load.acks, 0.99),
    liveP50: median(load.live),
    liveP99: quantile(load.live, 0.99),
    floorChangesPerSecond: load.total / (floor.wall / 1000),
    floorP50: median(floor.times),
    floorP99: quantile(floor.times, 0.99),
  };
}

/** Runs the server task on PGlite and, when Debian's PostgreSQL is installed, on a real cluster. */
export async function serverBench(
  options: { clients?: number; perClient?: number; log?: (message: string) => void } = {},
): Promise<ServerFigures[]> {
  const clients = options.clients ?? 50;
  const perClient = options.perClient ?? 200;
  const out: ServerFigures[] = [];
  const folder = mkdtempSync(path.join(os.tmpdir(), 'musubi-bench-server-'));
  try {
    options.log?.('server: PGlite');
    const pglite = await openDatabase({ dataDir: path.join(folder, 'pglite') });
    out.push(await figures('PGlite (data folder)', pglite, clients, perClient));
    await pglite.close();
    if (postgresInstalled()) {
      options.log?.('server: PostgreSQL');
      const cluster = await startCluster();
      try {
        const pg = await openDatabase({ url: await cluster.createDatabase('bench') });
        out.push(await figures('PostgreSQL 15 (local cluster, fsync on)', pg, clients, perClient));
        await pg.close();
      } finally {
        cluster.stop();
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return out;
}

/** The figures as a Markdown table. */
export function formatServerTable(rows: readonly ServerFigures[]): string {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  return [
    `### Team server: ${rows[0]?.clients ?? 50} clients × ${(rows[0]?.changes ?? 0) / (rows[0]?.clients ?? 1)} changes over loopback HTTP`,
    '',
    '| database | acknowledged changes/s | ack p50 ms | ack p99 ms | live delivery p50 ms | live p99 ms | floor: direct inserts/s (one transaction each) | floor p50 / p99 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.engine} | ${f(r.changesPerSecond)} | ${f(r.ackP50)} | ${f(r.ackP99)} | ${f(r.liveP50)} | ${f(r.liveP99)} | ${f(r.floorChangesPerSecond)} | ${f(r.floorP50)} / ${f(r.floorP99)} |`,
    ),
  ].join('\n');
}
