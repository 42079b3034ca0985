import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import { addProgramme } from '../indicators/records.js';
import { createNetwork, type Network } from '../network/network.js';
import { networkToJson } from './json.js';
import { importJsonChunksInto, networkFromJsonChunks, networkJsonChunks } from './json-stream.js';

const now = new Date('2026-04-01T00:00:00Z');

/** A network of every collection, with a history (updates, a removal) and non-ASCII names. */
function sample(engagements = 30): Network {
  const network = createNetwork({ author: 'test', now: () => now });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  network.addEntity({
    id: 'sp',
    kind: 'region',
    name: { ja: 'サンパウロ州', en: 'São Paulo' },
    country: 'BR',
  });
  network.addEntity({ id: 'gone', kind: 'company', name: { ja: '消える会社' } });
  network.removeEntity('gone');
  network.addLink({
    id: 'l1',
    kind: 'sister',
    source: 'mie',
    target: 'sp',
    events: [{ type: 'signed', date: '1973-09' }],
  });
  network.addLinkEvent('l1', { type: 'renewed', date: '2013-09-15' });
  addProgramme(network, {
    id: 'prg-network',
    name: { ja: '国際ネットワーク強化推進事業' },
    basicProgramme: { code: '33101', name: { ja: '国際交流の推進' } },
  });
  for (let i = 0; i < engagements; i++)
    network.recordEngagement({
      type: 'seminar',
      title: { ja: `セミナー「${i}」二部`, en: `Seminar "${i}" \\ 2` },
      date: `${2000 + (i % 25)}-0${1 + (i % 9)}`,
      participants: [{ entity: i % 2 === 0 ? 'mie' : 'sp' }],
      ...(i % 3 === 0 ? { programme: 'prg-network' } : {}),
    });
  return network;
}

/** Everything a network holds: its log and its current records. */
function contents(network: Network) {
  return { log: network.log(), records: network.snapshot().records };
}

/** The text's UTF-8 bytes in pieces of `size` (cutting characters of several bytes in two). */
function* bytesIn(text: string, size: number): Generator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isMusubiError(error) ? error.code : `not a MusubiError: ${String(error)}`;
  }
  return undefined;
}

const dir = mkdtempSync(join(tmpdir(), 'musubi-json-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Musubi JSON in chunks', () => {
  it('writes the text networkToJson writes, for the log and for the current state', () => {
    const network = sample();
    for (const kind of ['log', 'state'] as const) {
      const chunks = [...networkJsonChunks(network, { kind, now, chunkSize: 100 })];
      expect(chunks.length).toBeGreaterThan(10);
      expect(chunks.join('')).toBe(networkToJson(network, { kind, now }));
    }
    const empty = createNetwork();
    expect([...networkJsonChunks(empty, { now })].join('')).toBe(networkToJson(empty, { now }));
  });

  it('never holds the whole text in one chunk: each is at most the chunk size and one change', () => {
    const network = sample(2_000);
    const longestChange = Math.max(...network.log().map((c) => JSON.stringify(c, null, 1).length));
    const chunkSize = 4_096;
    let total = 0;
    let longest = 0;
    for (const chunk of networkJsonChunks(network, { chunkSize })) {
      total += chunk.length;
      longest = Math.max(longest, chunk.length);
    }
    // (each change is indented by two more spaces per line than JSON.stringify writes it alone)
    expect(longest).toBeLessThanOrEqual(chunkSize + 2 * longestChange);
    expect(total).toBeGreaterThan(100 * longest);
  });

  it('reads back the log and the state from bytes cut anywhere, also through a real file', async () => {
    const network = sample();
    for (const kind of ['log', 'state'] as const) {
      const text = [...networkJsonChunks(network, { kind })].join('');
      for (const size of [1, 7, 4096]) {
        const copy = await networkFromJsonChunks(bytesIn(text, size));
        if (kind === 'log') expect(contents(copy)).toEqual(contents(network));
        else expect(copy.snapshot().records).toEqual(network.snapshot().records);
      }
      const file = join(dir, `${kind}.json`);
      await pipeline(
        Readable.from(networkJsonChunks(network, { kind, chunkSize: 256 })),
        createWriteStream(file),
      );
      const fromFile = await networkFromJsonChunks(createReadStream(file, { highWaterMark: 300 }));
      expect(fromFile.snapshot().records).toEqual(network.snapshot().records);
      if (kind === 'log') expect(fromFile.log()).toEqual(network.log());
    }
  });

  it('reads what networkFromJson reads: a byte-order mark, other key orders, the version-0 layout', async () => {
    const network = sample(3);
    const document = JSON.parse(networkToJson(network, { kind: 'log' }));
    // the header after the changes
    const late = JSON.stringify({
      changes: document.changes,
      kind: 'log',
      formatVersion: 1,
      format: 'musubi',
    });
    expect((await networkFromJsonChunks([`\uFEFF${late}`])).log()).toEqual(network.log());
    const v0 = JSON.stringify({
      musubi: 0,
      entities: [{ id: 'mie', kind: 'self', name: { ja: '三重県' }, aliases: [], tags: [] }],
      links: [],
    });
    expect((await networkFromJsonChunks([v0])).entity('mie')?.name.ja).toBe('三重県');
  });

  it('refuses bad input with typed errors: not JSON, cut short, prototype keys, not UTF-8, newer, invalid records', async () => {
    const text = networkToJson(sample(3));
    expect(await codeOf(networkFromJsonChunks(['not json']))).toBe('FORMAT');
    expect(await codeOf(networkFromJsonChunks([text.slice(0, text.length / 2)]))).toBe('FORMAT');
    const proto =
      '{"format":"musubi","formatVersion":1,"kind":"state","seq":0,"changeId":null,"records":{"entity":[{"__proto__":{"x":1}}]}}';
    expect(await codeOf(networkFromJsonChunks([proto]))).toBe('FORMAT');
    const ctor = '{"format":"musubi","formatVersion":1,"kind":"log","changes":[{"constructor":{}}]}';
    expect(await codeOf(networkFromJsonChunks([ctor]))).toBe('FORMAT');
    expect(await codeOf(networkFromJsonChunks([new Uint8Array([0x7b, 0x82, 0xa0, 0x7d])]))).toBe('FORMAT');
    const newer = '{"format":"musubi","formatVersion":2,"kind":"log","changes":[]}';
    expect(await codeOf(networkFromJsonChunks([newer]))).toBe('VERSION');
    expect(await codeOf(networkFromJsonChunks([text.replace('"self"', '"planet"')]))).toBe('FORMAT');
    expect(await codeOf(networkFromJsonChunks(bytesIn(text, 64), { maxBytes: 100 }))).toBe('FORMAT');
  });

  it('adds the records of a file to another network in one transaction, or nothing when one clashes', async () => {
    const target = createNetwork();
    const state = [...networkJsonChunks(sample(4), { kind: 'state' })];
    expect(await importJsonChunksInto(target, state)).toEqual({
      entity: 2,
      link: 1,
      programme: 1,
      engagement: 4,
    });
    const before = target.log().length;
    expect(await codeOf(importJsonChunksInto(target, state))).toBe('CONFLICT');
    expect(target.log().length).toBe(before);
  });
});
