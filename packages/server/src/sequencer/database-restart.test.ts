import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database/open-database.js';
import { PostgresStore } from '../store/postgres-store.js';
import { startCluster } from '../testing/postgres-cluster.js';
import { testServer } from '../testing/test-server.js';
import { readLog, runWriters } from '../testing/writers.js';

describe('PostgreSQL restarted under load', () => {
  it('gives the clients errors while it is down; they retry and nothing acknowledged is lost', async () => {
    // a cluster of its own: restarting the run's shared one would cut the other test files
    const cluster = await startCluster();
    const db = await openDatabase({ url: await cluster.createDatabase('restart') });
    const t = await testServer(db);
    const url = await t.server.listen({ port: 0 });
    const target = { url, token: t.tokens.write };
    let restarted: () => void = () => {};
    let back = new Promise<void>((resolve) => {
      restarted = resolve;
    });
    let reachedRestartPoint: () => void = () => {};
    const restartPoint = new Promise<void>((resolve) => {
      reachedRestartPoint = resolve;
    });
    const writing = runWriters({
      clients: 10,
      perClient: 10,
      target: () => target,
      whenBroken: () => back,
      onAck: (count) => {
        if (count === 30) reachedRestartPoint();
      },
    });
    await restartPoint;
    await cluster.restartAsync();
    restarted();
    back = Promise.resolve();
    const report = await writing;

    const log = await readLog(target);
    const ids = log.map((change) => change.id);
    expect(log.map((change) => change.seq)).toEqual(log.map((_, i) => i + 1));
    expect(new Set(ids).size).toBe(ids.length);
    expect(report.acknowledged).toHaveLength(100);
    for (const id of report.acknowledged) expect(ids).toContain(id);
    expect(ids).toHaveLength(100);
    expect(report.errors).toBeGreaterThan(0);

    // what the server answered from memory is what the database holds
    const stored = await new PostgresStore(db, { network: t.network }).readChanges();
    expect(stored.changes.map((change) => change.id)).toEqual(ids);
    await t.server.close();
    await db.close();
    cluster.stop();
  });
});
