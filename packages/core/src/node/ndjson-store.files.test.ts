import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../changes/change.js';
import { createNetwork } from '../network/network.js';
import { openNetwork } from '../storage/open-network.js';
import { legacyLog, writeEndRecord } from './fixtures/log-files.js';
import { openNetworkFile, repairNetworkFile } from './index.js';
import { NdjsonFileStore } from './ndjson-store.js';

function tempLog(): string {
  return join(mkdtempSync(join(tmpdir(), 'musubi-file-')), 'network.ndjson');
}

/** A log file with a header and three changes (lines 2–4), written by the store itself. */
async function logWithThreeChanges(): Promise<{ path: string; lines: string[] }> {
  const path = tempLog();
  const network = await openNetworkFile(path, { create: true });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
  network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市', en: 'Tsu' } });
  network.addEntity({ id: 'ise', kind: 'municipality', name: { ja: '伊勢市', en: 'Ise' } });
  await network.close();
  return { path, lines: readFileSync(path, 'utf8').split('\n').slice(0, -1) };
}

function replaceLine(path: string, lines: string[], line: number, text: string | Buffer): void {
  const parts = lines.map((l) => Buffer.from(`${l}\n`));
  parts[line - 1] = Buffer.concat([Buffer.from(text), Buffer.from('\n')]);
  writeFileSync(path, Buffer.concat(parts));
}

async function openError(path: string, options = {}): Promise<unknown> {
  return openNetworkFile(path, options).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('NdjsonFileStore files', () => {
  it('writes a header line with the format and its version, then one change per line', async () => {
    const { lines } = await logWithThreeChanges();
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ format: 'musubi-log', formatVersion: 2 });
    expect(lines.slice(1).map((l) => JSON.parse(l).seq)).toEqual([1, 2, 3]);
    // each line ends with its integrity check
    for (const line of lines) expect(line).toMatch(/,"check":"[0-9a-f]{8}"\}$/);
  });

  it('refuses a missing file unless asked to create it', async () => {
    expect(await openError(join(tmpdir(), 'no-such-dir-musubi', 'x.ndjson'))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps every complete change of a file with a torn last line, reports the line, and waits for repair', async () => {
    const { path, lines } = await logWithThreeChanges();
    const torn = (lines[3] ?? '').slice(0, 40);
    writeFileSync(path, `${lines.slice(0, 3).join('\n')}\n${torn}`);
    // as a crash leaves it: the end record names the last change acknowledged before the torn write
    writeEndRecord(path, 2, lines[2] ?? '');
    const store = NdjsonFileStore.open(path);
    const network = await openNetwork(store);
    expect(network.entities().map((e) => e.id)).toEqual(['mie', 'tsu']);
    expect(network.warnings).toEqual([
      expect.objectContaining({ code: 'torn-tail', at: 4, bytes: Buffer.byteLength(torn) }),
    ]);
    expect(network.warnings[0]?.message.ja).toContain('4 行目');
    // nothing is cut silently: the torn bytes are still in the file
    expect(readFileSync(path, 'utf8').endsWith(torn)).toBe(true);
    expect(() => network.addEntity({ kind: 'company', name: { ja: '株式会社' } })).toThrow(
      expect.objectContaining({ code: 'STORAGE' }),
    );
    expect(network.entities()).toHaveLength(2);

    const report = store.repair();
    expect(report).toMatchObject({ line: 4, bytes: Buffer.byteLength(torn) });
    expect(readFileSync(report?.movedTo ?? '', 'utf8')).toBe(torn);
    expect(readdirSync(dirname(path)).some((f) => f.startsWith('network.ndjson.torn-'))).toBe(true);
    network.addEntity({ id: 'ise', kind: 'municipality', name: { ja: '伊勢市' } });
    await network.close();
    const reopened = await openNetworkFile(path);
    expect(reopened.warnings).toEqual([]);
    expect(reopened.entities().map((e) => e.id)).toEqual(['mie', 'tsu', 'ise']);
    await reopened.close();
  });

  it('repairs a file whose only line, the header, was torn', async () => {
    const path = tempLog();
    writeFileSync(path, '{"format":"musu');
    const reader = NdjsonFileStore.open(path, { readOnly: true });
    expect((await reader.readChanges()).warnings).toMatchObject([{ code: 'torn-tail', at: 1 }]);
    expect(repairNetworkFile(path)).toMatchObject({ line: 1, bytes: 15 });
    expect(repairNetworkFile(path)).toBeUndefined();
    const network = await openNetworkFile(path);
    network.addEntity({ kind: 'self', name: { ja: '三重県' } });
    await network.close();
    expect((await openNetworkFile(path)).log()).toHaveLength(1);
  });

  it('refuses a corrupt line in the middle with its line number', async () => {
    const { path, lines } = await logWithThreeChanges();
    replaceLine(path, lines, 3, '{"id": "chg_1", "seq": 2, ');
    expect(await openError(path)).toMatchObject({ code: 'FORMAT', path: [3] });
  });

  it('refuses a complete last line that is corrupt (only a cut-short line is a torn tail)', async () => {
    const { path, lines } = await logWithThreeChanges();
    replaceLine(path, lines, 4, 'garbage');
    expect(await openError(path)).toMatchObject({ code: 'FORMAT', path: [4] });
  });

  it('refuses an empty line in the middle', async () => {
    const { path, lines } = await logWithThreeChanges();
    replaceLine(path, lines, 2, '');
    expect(await openError(path)).toMatchObject({ code: 'FORMAT', path: [2] });
  });

  it('refuses a log written by a newer format version, and a file that is not a Musubi log', async () => {
    const { path, lines } = await logWithThreeChanges();
    replaceLine(path, lines, 1, '{"format":"musubi-log","formatVersion":3}');
    expect(await openError(path)).toMatchObject({ code: 'VERSION', path: [1] });
    replaceLine(path, lines, 1, '{"type":"FeatureCollection"}');
    expect(await openError(path)).toMatchObject({ code: 'FORMAT', path: [1] });
  });

  it('refuses a line with invalid UTF-8 with its line number', async () => {
    const { path, lines } = await logWithThreeChanges();
    const line = Buffer.from(lines[2] ?? '');
    const bad = Buffer.concat([line.subarray(0, 60), Buffer.from([0xff, 0xfe]), line.subarray(60)]);
    replaceLine(path, lines, 3, bad);
    expect(await openError(path)).toMatchObject({ code: 'FORMAT', path: [3] });
  });

  it('refuses raw control characters in a line, and escaped ones inside a record', async () => {
    const { path, lines } = await logWithThreeChanges();
    replaceLine(path, lines, 3, (lines[2] ?? '').replace('津市', '津\u0000市'));
    expect(await openError(path)).toMatchObject({ code: 'FORMAT', path: [3] });
    replaceLine(path, lines, 3, (lines[2] ?? '').replace('津市', '津\\u0007市'));
    expect(await openError(path)).toMatchObject({ code: 'FORMAT', path: [3] });
  });

  it('refuses a line longer than the limit without reading it whole, and a write that would exceed it', async () => {
    const { path, lines } = await logWithThreeChanges();
    replaceLine(path, lines, 3, `${lines[2]}${' '.repeat(5_000_000)}`);
    expect(await openError(path, { maxLineBytes: 1_000_000 })).toMatchObject({ code: 'FORMAT', path: [3] });
    const small = tempLog();
    const network = await openNetworkFile(small, { create: true, maxLineBytes: 1_000 });
    expect(() =>
      network.addEntity({ kind: 'company', name: { ja: '会社' }, notes: 'x'.repeat(2_000) }),
    ).toThrow(expect.objectContaining({ code: 'STORAGE' }));
    expect(network.entities()).toEqual([]);
    await network.close();
  });

  it('refuses prototype-polluting keys anywhere in a line, even when escaped', async () => {
    const { path, lines } = await logWithThreeChanges();
    for (const key of ['__proto__', 'constructor', '__pro\\u0074o__', 'prototype']) {
      replaceLine(
        path,
        lines,
        3,
        (lines[2] ?? '').replace('"effects":', `"x":{"${key}":{"admin":true}},"effects":`),
      );
      expect(await openError(path)).toMatchObject({ code: 'FORMAT', path: [3] });
      expect(({} as { admin?: unknown }).admin).toBeUndefined();
    }
  });

  it('accepts the words constructor and prototype as text', async () => {
    const path = tempLog();
    const network = await openNetworkFile(path, { create: true });
    network.addEntity({ kind: 'company', name: { en: 'prototype constructor Ltd' }, notes: '__proto__' });
    await network.close();
    expect((await openNetworkFile(path)).entities()[0]?.name.en).toBe('prototype constructor Ltd');
  });

  it('refuses a log whose replay breaks a reference, naming the line', async () => {
    const source = createNetwork();
    source.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    source.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
    source.addLink({ kind: 'supports', source: 'mie', target: 'tsu' });
    const [first, , third] = source.log();
    const path = legacyLog([first, { ...third, seq: 2 }]);
    expect(await openError(path)).toMatchObject({ code: 'FORMAT', path: [3] });
  });

  it('opens read-only without the lock and refuses writes then', async () => {
    const { path } = await logWithThreeChanges();
    const writer = NdjsonFileStore.open(path);
    const network = await openNetwork(NdjsonFileStore.open(path, { readOnly: true }));
    expect(network.entities()).toHaveLength(3);
    expect(() => network.addEntity({ kind: 'company', name: { ja: '会社' } })).toThrow(
      expect.objectContaining({ code: 'READ_ONLY' }),
    );
    await network.close();
    await writer.close();
  });

  it('refuses a snapshot file written by a newer version', async () => {
    const { path } = await logWithThreeChanges();
    const network = await openNetworkFile(path);
    await network.saveSnapshot();
    await network.close();
    const [header, ...records] = readFileSync(`${path}.snapshot`, 'utf8').split('\n');
    const newer = JSON.stringify({ ...JSON.parse(header ?? ''), formatVersion: 9 });
    writeFileSync(`${path}.snapshot`, [newer, ...records].join('\n'));
    await expect(NdjsonFileStore.open(path, { readOnly: true }).readSnapshot()).rejects.toMatchObject({
      code: 'VERSION',
    });
    expect(await openError(path)).toMatchObject({ code: 'VERSION' });
  });
});

describe('NdjsonFileStore snapshots', () => {
  /** A log of three entities with a snapshot after them, then one more change. */
  async function logWithSnapshot() {
    const { path } = await logWithThreeChanges();
    const network = await openNetworkFile(path);
    await network.saveSnapshot();
    network.addEntity({ id: 'nabari', kind: 'municipality', name: { ja: '名張市', en: 'Nabari' } });
    await network.close();
    return { path, lines: readFileSync(path, 'utf8').split('\n').slice(0, -1) };
  }

  it('writes a header line with the place of its change in the log, then one record per line', async () => {
    const { path, lines } = await logWithSnapshot();
    const [header, ...records] = readFileSync(`${path}.snapshot`, 'utf8').split('\n').slice(0, -1);
    const offset = Buffer.byteLength(`${lines.slice(0, 3).join('\n')}\n`);
    expect(JSON.parse(header ?? '')).toEqual({
      format: 'musubi-snapshot',
      formatVersion: 1,
      seq: 3,
      changeId: JSON.parse(lines[3] ?? '').id,
      log: { offset, line: 4, check: JSON.parse(lines[3] ?? '').check },
    });
    expect(records.map((r) => JSON.parse(r))).toEqual([
      ['entity', expect.objectContaining({ id: 'mie' })],
      ['entity', expect.objectContaining({ id: 'tsu' })],
      ['entity', expect.objectContaining({ id: 'ise' })],
    ]);
  });

  it('reads the log from the place of the snapshot on, not the lines before it', async () => {
    const { path, lines } = await logWithSnapshot();
    // line 2 (change 1) made unreadable: only a reading that starts at the snapshot's place opens
    replaceLine(path, lines, 2, 'x'.repeat(Buffer.byteLength(lines[1] ?? '')));
    const network = await openNetworkFile(path, { readOnly: true });
    expect(network.warnings).toEqual([]);
    expect(network.entities().map((e) => e.id)).toEqual(['mie', 'tsu', 'ise', 'nabari']);
    expect(network.log().map((c) => c.seq)).toEqual([4]);
    await network.close();
    // a full replay reads every line, and names the bad one
    expect(await openError(path, { fullReplay: true, readOnly: true })).toMatchObject({
      code: 'FORMAT',
      path: [2],
    });
  });

  it('reads the whole log when the place no longer holds the snapshot change', async () => {
    // a file without checks (format 1), which may be edited: with checks the edit is damage
    const source = createNetwork();
    for (const id of ['mie', 'tsu', 'ise', 'nabari'])
      source.addEntity({ id, kind: 'municipality', name: { ja: id } });
    const path = legacyLog(source.log().slice(0, 3));
    const network3 = await openNetworkFile(path);
    await network3.saveSnapshot();
    network3.store.appendSync?.([source.log()[3] as Change]);
    await network3.close();
    const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
    expect(lines.some((line) => line.includes('"check"'))).toBe(false);
    // the header grows by some bytes: the recorded offset now falls inside a line
    const header = JSON.stringify({ ...JSON.parse(lines[0] ?? ''), note: 'edited by hand' });
    replaceLine(path, lines, 1, header);
    const network = await openNetworkFile(path, { readOnly: true });
    expect(network.warnings).toEqual([]);
    expect(network.entities().map((e) => e.id)).toEqual(['mie', 'tsu', 'ise', 'nabari']);
    expect(network.log().map((c) => c.seq)).toEqual([4]);
    await network.close();
  });

  it('sets aside a snapshot with a line that is not a record, an invalid record, or a cut', async () => {
    for (const damage of [
      (records: string[]) => [...records, '{"not":"a pair"}'],
      (records: string[]) => [...records, '["entity",{"id":"x","kind":"planet"}]'],
      (records: string[]) => [...records, '["nowhere",{"id":"x"}]'],
      (records: string[]) => records.slice(0, 1),
    ]) {
      const { path } = await logWithSnapshot();
      const [header, ...records] = readFileSync(`${path}.snapshot`, 'utf8').split('\n').slice(0, -1);
      const damaged = damage(records);
      // the last case drops the final newline too: the snapshot is cut short
      const end = damaged.length === 1 ? '' : '\n';
      writeFileSync(`${path}.snapshot`, `${[header, ...damaged].join('\n')}${end}`);
      const network = await openNetworkFile(path, { readOnly: true });
      expect(network.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
      expect(network.entities().map((e) => e.id)).toEqual(['mie', 'tsu', 'ise', 'nabari']);
      expect(network.log().map((c) => c.seq)).toEqual([1, 2, 3, 4]);
      await network.close();
    }
  });

  it('keeps a snapshot on closing after enough changes, and never fails a close for it', async () => {
    const { path } = await logWithThreeChanges();
    const reader = await openNetworkFile(path, { readOnly: true, snapshotEvery: 1 });
    await reader.close(); // read-only: no snapshot, no error
    expect(existsSync(`${path}.snapshot`)).toBe(false);
    const few = await openNetworkFile(path, { snapshotEvery: 5 });
    few.addEntity({ id: 'nabari', kind: 'municipality', name: { ja: '名張市', en: 'Nabari' } });
    await few.close(); // 3 replayed + 1 written < 5
    expect(existsSync(`${path}.snapshot`)).toBe(false);
    const enough = await openNetworkFile(path, { snapshotEvery: 4 });
    await enough.close(); // 4 replayed
    const again = await openNetworkFile(path, { readOnly: true });
    expect(again.log().map((c) => c.seq)).toEqual([]);
    expect(again.entities()).toHaveLength(4);
    await again.close();
  });

  it('still reads a snapshot of the first format (one JSON object)', async () => {
    const { path, lines } = await logWithSnapshot();
    const first = await openNetworkFile(path, { readOnly: true, fullReplay: true });
    const { seq, changeId, records } = {
      seq: 3,
      changeId: JSON.parse(lines[3] ?? '').id as string,
      records: { entity: first.entities().slice(0, 3) },
    };
    await first.close();
    writeFileSync(
      `${path}.snapshot`,
      JSON.stringify({ format: 'musubi-snapshot', formatVersion: 1, seq, changeId, records }),
    );
    const network = await openNetworkFile(path, { readOnly: true });
    expect(network.warnings).toEqual([]);
    expect(network.entities().map((e) => e.id)).toEqual(['mie', 'tsu', 'ise', 'nabari']);
    expect(network.log().map((c) => c.seq)).toEqual([4]);
    await network.close();
  });
});
