import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../changes/change.js';
import { createNetwork } from '../network/network.js';
import { openStoredLog, readStoredLog, type StoredNetwork } from '../storage/open-network.js';
import { openNetworkFile } from './index.js';
import { NdjsonFileStore } from './ndjson-store.js';

// `openNetworkFile` replays each change as the store reads it (`Store.readChangesInto`); these
// tests hold it to the two steps it replaces: read and validate the whole log, then replay it.

function tempLog(): string {
  return join(mkdtempSync(join(tmpdir(), 'musubi-as-read-')), 'network.ndjson');
}

/** A clock that moves one hour per change from 2019-04-01. */
function hourlyClock(): () => Date {
  let hour = 0;
  return () => new Date(Date.UTC(2019, 3, 1, hour++));
}

/** The changes of a small network: entities, a link, engagements, an update and a removal. */
function changes(): Change[] {
  const network = createNetwork({ author: 'suzuki', now: hourlyClock() });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
  network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市', en: 'Tsu' } });
  network.addEntity({ id: 'th', kind: 'mission', name: { en: 'Royal Thai Embassy' }, country: 'TH' });
  network.addLink({ id: 'rep', kind: 'represents', source: 'th', target: 'mie' });
  for (const [id, date] of [
    ['visit-1', '2019-05-10'],
    ['visit-2', '2019-05-10'],
    ['visit-3', '2020-06-11'],
  ] as const) {
    network.recordEngagement({
      id,
      type: 'courtesy-visit',
      title: { en: 'Courtesy visit' },
      date,
      participants: [
        { entity: 'mie', role: 'host' },
        { entity: 'th', role: 'visitor' },
      ],
    });
  }
  network.updateEngagement('visit-1', { title: { en: 'Courtesy visit by the ambassador' } });
  network.removeEngagement('visit-2');
  network.updateEntity('tsu', { since: '1889' });
  return network.log();
}

/** Writes `log` (seqs renumbered 1, 2, 3…) through the store, as a network would. */
async function writeLog(log: readonly Change[]): Promise<{ path: string; lines: string[] }> {
  const path = tempLog();
  const store = NdjsonFileStore.open(path, { create: true });
  store.appendSync(log.map((change, i) => ({ ...change, seq: i + 1 })));
  await store.close();
  return { path, lines: readFileSync(path, 'utf8').split('\n').slice(0, -1) };
}

/** Opens the file in two steps: the whole log read and validated, then replayed. */
async function openInTwoSteps(path: string): Promise<StoredNetwork> {
  const store = NdjsonFileStore.open(path, { readOnly: true });
  try {
    return await openStoredLog(store, await readStoredLog(store, { fullReplay: true }));
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function outcome(open: () => Promise<StoredNetwork>) {
  try {
    const network = await open();
    const result = {
      log: network.log(),
      entities: network.entities(),
      engagements: network.engagements(),
      timeline: network.timeline('mie'),
      warnings: network.warnings,
      since: network.changesSinceSnapshot,
    };
    await network.close();
    return result;
  } catch (error) {
    const e = error as { code?: string; message?: string; path?: unknown; details?: unknown };
    return { error: { code: e.code, message: e.message, path: e.path, details: e.details } };
  }
}

const bothWays = async (path: string) => ({
  asRead: await outcome(() => openNetworkFile(path, { readOnly: true, fullReplay: true })),
  inTwoSteps: await outcome(() => openInTwoSteps(path)),
});

describe('opening a log file replays each change as it is read', () => {
  it('gives the network that reading it all, then replaying it gives, torn tail and all', async () => {
    const { path } = await writeLog(changes());
    appendFileSync(path, '{"id":"chg_cut');
    const { asRead, inTwoSteps } = await bothWays(path);
    expect(asRead).toEqual(inTwoSteps);
    expect(asRead).toMatchObject({ since: 10, warnings: [expect.objectContaining({ code: 'torn-tail' })] });
  });

  it('refuses a change that cannot be replayed with the same FORMAT error, line and seq', async () => {
    const log = changes();
    // the embassy's creation is left out: its link, change 3 (line 4), cannot be replayed
    const { path } = await writeLog([log[0], log[1], log[3], log[4]] as Change[]);
    const { asRead, inTwoSteps } = await bothWays(path);
    expect(asRead).toEqual(inTwoSteps);
    expect(asRead).toMatchObject({ error: { code: 'FORMAT', path: [4], details: { seq: 3 } } });
  });

  it('refuses a damaged line after such a change as reading it all first does: by the damaged line', async () => {
    const log = changes();
    const { path, lines } = await writeLog([log[0], log[1], log[3], log[4], log[5]] as Change[]);
    // line 6 (change 5) changed after its check was written
    const damaged = lines.map((line, i) => (i === 5 ? line.replace('Courtesy', 'Curtesy!') : line));
    writeFileSync(path, `${damaged.join('\n')}\n`);
    const { asRead, inTwoSteps } = await bothWays(path);
    expect(asRead).toEqual(inTwoSteps);
    expect(asRead).toMatchObject({ error: { code: 'FORMAT', path: [6] } });
  });
});

describe('the number of changes the log file says it holds (room for the replay)', () => {
  it('is told before the first change: its end record, never more than the file could hold, nothing without one', async () => {
    const log = changes();
    const { path } = await writeLog(log);
    const told: string[] = [];
    const store = NdjsonFileStore.open(path);
    const read = await store.readChangesInto(
      (change) => told.push(`change ${change.seq}`),
      (count) => told.push(`count ${count}`),
    );
    await store.close();
    expect(read.lastSeq).toBe(log.length);
    expect(told).toEqual([`count ${log.length}`, ...log.map((_, i) => `change ${i + 1}`)]);

    // an end record that claims far more: the hint is what the file's bytes could hold
    const end = `${path}.end`;
    const record = JSON.parse(readFileSync(end, 'utf8')) as Record<string, unknown>;
    writeFileSync(end, `${JSON.stringify({ ...record, seq: 1e12 })}\n`);
    const counts: number[] = [];
    const again = NdjsonFileStore.open(path);
    await again
      .readChangesInto(
        () => undefined,
        (count) => counts.push(count),
      )
      .catch(() => undefined);
    await again.close();
    expect(counts).toEqual([Math.floor(readFileSync(path).length / 64)]);

    // a log copied without its end record: nothing is told, and it opens as before
    rmSync(end);
    const plain = NdjsonFileStore.open(path);
    const none: number[] = [];
    const whole = await plain.readChangesInto(
      () => undefined,
      (count) => none.push(count),
    );
    await plain.close();
    expect(none).toEqual([]);
    expect(whole.lastSeq).toBe(log.length);
  });

  it('opens the same network whether the replay made room for the changes or not', async () => {
    const log = changes();
    const { path } = await writeLog(log);
    const withRoom = await openNetworkFile(path, { snapshotEvery: Number.POSITIVE_INFINITY });
    const seen = {
      changes: withRoom.log(),
      entities: withRoom.entities(),
      engagements: withRoom.engagements(),
    };
    await withRoom.close();
    rmSync(`${path}.end`);
    const without = await openNetworkFile(path, { snapshotEvery: Number.POSITIVE_INFINITY });
    expect({
      changes: without.log(),
      entities: without.entities(),
      engagements: without.engagements(),
    }).toEqual(seen);
    // and both take the next write
    without.addEntity({ id: 'yokkaichi', kind: 'municipality', name: { ja: '四日市市', en: 'Yokkaichi' } });
    expect(without.log()).toHaveLength(log.length + 1);
    await without.close();
  });
});
