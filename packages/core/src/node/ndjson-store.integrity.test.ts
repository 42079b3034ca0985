import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNetwork } from '../network/network.js';
import { legacyLog, tempLog, writeEndRecord } from './fixtures/log-files.js';
import { inspectNetworkFile, openNetworkFile, repairNetworkFile } from './index.js';

/**
 * A checked log written by the store: change 1 adds mie, 2 adds tsu, 3 renames tsu, 4 adds ise
 * (lines 2–5). Change 3 builds on change 2; change 4 on nothing after 1.
 */
async function fourChanges(): Promise<{ path: string; lines: string[] }> {
  const path = tempLog();
  const network = await openNetworkFile(path, { create: true, now: () => new Date('2026-04-01T09:00:00Z') });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
  network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
  network.updateEntity('tsu', { name: { ja: '津市', en: 'Tsu' } });
  network.addEntity({ id: 'ise', kind: 'municipality', name: { ja: '伊勢市', en: 'Ise' } });
  await network.close();
  return { path, lines: readFileSync(path, 'utf8').split('\n').slice(0, -1) };
}

function writeLines(path: string, lines: readonly string[]): void {
  writeFileSync(path, lines.map((line) => `${line}\n`).join(''));
}

async function openError(path: string, options = {}): Promise<unknown> {
  return openNetworkFile(path, options).then(
    async (network) => {
      await network.close();
      return undefined;
    },
    (error: unknown) => error,
  );
}

describe('the integrity of the NDJSON log', () => {
  it('names a damaged line in the middle on open, and repair sets it and what depends on it aside', async () => {
    const { path, lines } = await fourChanges();
    const damaged = (lines[2] ?? '').replace('"津市"', '"津市#');
    writeLines(path, lines.with(2, damaged));
    expect(await openError(path)).toMatchObject({
      code: 'FORMAT',
      path: [3],
      details: { line: 3, problem: 'mismatch' },
    });

    const report = repairNetworkFile(path);
    expect(report?.setAside).toEqual([
      expect.objectContaining({ line: 3, seq: 2, reason: 'damaged' }),
      // the rename of tsu cannot be kept without tsu
      expect.objectContaining({ line: 4, seq: 3, reason: 'depends' }),
    ]);
    expect(report).toMatchObject({ kept: 2, renumbered: 1, missing: [], upgraded: false });
    expect(report?.movedTo).toMatch(/network\.ndjson\.damaged-/);
    // the side file holds the lines set aside, byte for byte
    expect(readFileSync(report?.movedTo ?? '', 'utf8')).toBe(`${damaged}\n${lines[3]}\n`);

    const network = await openNetworkFile(path, { fullReplay: true });
    expect(network.warnings).toEqual([]);
    expect(network.entities().map((e) => e.id)).toEqual(['mie', 'ise']);
    expect(network.log().map((c) => c.seq)).toEqual([1, 2]);
    network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
    await network.close();
    expect(inspectNetworkFile(path).sound).toBe(true);
  });

  it('names a flipped digit of a date that leaves valid JSON and a valid change', async () => {
    const { path, lines } = await fourChanges();
    const line = lines[3] ?? '';
    const flipped = line.replace('"recordedAt":"2026-04-01', '"recordedAt":"2025-04-01');
    expect(flipped).not.toBe(line);
    JSON.parse(flipped); // still valid JSON
    writeLines(path, lines.with(3, flipped));
    expect(await openError(path)).toMatchObject({
      code: 'FORMAT',
      path: [4],
      details: { problem: 'mismatch' },
    });
    // the whole chain is checked by validate too, and the line is named there
    expect(inspectNetworkFile(path).setAside).toEqual([
      expect.objectContaining({ line: 4, seq: 3, reason: 'damaged' }),
    ]);
  });

  it('names a file cut at a line boundary, and repair accepts it saying which changes are lost', async () => {
    const { path, lines } = await fourChanges();
    writeLines(path, lines.slice(0, 4)); // change 4 (line 5) gone, every line whole
    expect(await openError(path)).toMatchObject({
      code: 'FORMAT',
      path: [5],
      details: { problem: 'cut', lastSeq: 3, expectedSeq: 4 },
    });
    const report = repairNetworkFile(path);
    expect(report).toMatchObject({ setAside: [], kept: 3, missing: [{ from: 4, to: 4 }] });
    expect(report?.movedTo).toBeUndefined();
    const network = await openNetworkFile(path);
    expect(network.entities().map((e) => e.id)).toEqual(['mie', 'tsu']);
    await network.close();
  });

  it('keeps every change before a torn last line and moves the torn bytes aside', async () => {
    const { path, lines } = await fourChanges();
    const torn = (lines[4] ?? '').slice(0, 50);
    writeFileSync(path, `${lines.slice(0, 4).join('\n')}\n${torn}`);
    writeEndRecord(path, 3, lines[3] ?? ''); // a crash: the end record lags behind the torn write
    const reader = await openNetworkFile(path, { readOnly: true });
    expect(reader.warnings).toEqual([expect.objectContaining({ code: 'torn-tail', at: 5 })]);
    expect(reader.log()).toHaveLength(3);
    await reader.close();
    const report = repairNetworkFile(path);
    expect(report).toMatchObject({
      line: 5,
      bytes: Buffer.byteLength(torn),
      kept: 3,
      setAside: [expect.objectContaining({ line: 5, reason: 'torn' })],
    });
    expect(readFileSync(report?.movedTo ?? '', 'utf8')).toBe(torn);
    expect(report?.movedTo).toMatch(/network\.ndjson\.torn-/);
    expect(inspectNetworkFile(path).sound).toBe(true);
  });

  it('reads a file of format 1 (no checks) as before, and repair upgrades it to checked lines', async () => {
    const source = createNetwork({ now: () => new Date('2026-04-01T09:00:00Z') });
    source.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    source.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
    const path = legacyLog(source.log());
    const network = await openNetworkFile(path);
    expect(network.warnings).toEqual([]);
    network.addEntity({ id: 'ise', kind: 'municipality', name: { ja: '伊勢市' } });
    await network.close();
    const written = readFileSync(path, 'utf8').split('\n').slice(0, -1);
    // appended as the file's own format: no checks, no end record
    expect(written.map((line) => JSON.parse(line).check)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(existsSync(`${path}.end`)).toBe(false);
    expect(inspectNetworkFile(path)).toMatchObject({ formatVersion: 1, sound: false, setAside: [] });

    const report = repairNetworkFile(path);
    expect(report).toMatchObject({ upgraded: true, setAside: [], kept: 3, renumbered: 0 });
    const upgraded = readFileSync(path, 'utf8').split('\n').slice(0, -1);
    expect(JSON.parse(upgraded[0] ?? '')).toMatchObject({
      formatVersion: 2,
      createdAt: '2026-04-01T00:00:00.000Z',
    });
    for (const line of upgraded) expect(line).toMatch(/,"check":"[0-9a-f]{8}"\}$/);
    expect(inspectNetworkFile(path).sound).toBe(true);
    const reopened = await openNetworkFile(path);
    expect(reopened.entities().map((e) => e.id)).toEqual(['mie', 'tsu', 'ise']);
    await reopened.close();
    // the side files of a repair: none when nothing was set aside
    expect(readdirSync(dirname(path)).sort()).toEqual(['network.ndjson', 'network.ndjson.end']);
  });

  it('names a file replaced by another whose end does not match the end record', async () => {
    const { path, lines } = await fourChanges();
    const other = await fourChanges();
    // the same number of lines, another log: every line checks, but not the one the record names
    writeLines(path, other.lines);
    expect(lines).not.toEqual(other.lines);
    expect(await openError(path)).toMatchObject({
      code: 'FORMAT',
      path: [5],
      details: { problem: 'replaced' },
    });
  });

  it('reports a line removed from the middle as missing, and the line after it as damaged', async () => {
    const { path, lines } = await fourChanges();
    writeLines(path, lines.toSpliced(3, 1)); // line 4 (change 3) gone
    const inspection = inspectNetworkFile(path);
    expect(inspection.setAside).toEqual([expect.objectContaining({ line: 4, seq: 4, reason: 'damaged' })]);
    expect(inspection.missing).toEqual([{ from: 3, to: 3 }]);
  });
});
