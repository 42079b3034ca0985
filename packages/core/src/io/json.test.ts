import { describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import { addProgramme } from '../indicators/records.js';
import { createNetwork } from '../network/network.js';
import {
  importJsonInto,
  JSON_FORMAT_VERSION,
  networkFromJson,
  networkToJson,
  readMusubiJson,
} from './json.js';

function sample() {
  const network = createNetwork({ author: 'test' });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  network.addEntity({
    id: 'sp',
    kind: 'region',
    name: { ja: 'サンパウロ州', en: 'São Paulo' },
    country: 'BR',
  });
  network.addLink({
    id: 'l1',
    kind: 'sister',
    source: 'mie',
    target: 'sp',
    events: [{ type: 'signed', date: '1973-09' }],
  });
  return network;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isMusubiError(error) ? error.code : 'not a MusubiError';
  }
  return undefined;
}

describe('Musubi JSON', () => {
  it('round-trips a network as its log, keeping the history', () => {
    const network = sample();
    const copy = networkFromJson(networkToJson(network, { kind: 'log' }));
    expect(copy.log()).toEqual(network.log());
    expect(copy.entities()).toEqual(network.entities());
  });

  it('round-trips a network as its current state', () => {
    const network = sample();
    const text = networkToJson(network, { kind: 'state' });
    expect(JSON.parse(text)).toMatchObject({
      format: 'musubi',
      formatVersion: JSON_FORMAT_VERSION,
      kind: 'state',
    });
    const copy = networkFromJson(new TextEncoder().encode(text));
    expect(copy.entities()).toEqual(network.entities());
    expect(copy.links()).toEqual(network.links());
  });

  it('migrates the pre-release version-0 layout to the current state format', () => {
    const v0 = JSON.stringify({
      musubi: 0,
      entities: [{ id: 'mie', kind: 'self', name: { ja: '三重県' }, aliases: [], tags: [] }],
      links: [],
    });
    const document = readMusubiJson(v0);
    expect(document).toMatchObject({ format: 'musubi', formatVersion: 1, kind: 'state' });
    expect(networkFromJson(v0).entity('mie')?.name.ja).toBe('三重県');
  });

  it('refuses a file from a newer Musubi with VERSION', () => {
    const newer = JSON.stringify({
      format: 'musubi',
      formatVersion: JSON_FORMAT_VERSION + 1,
      kind: 'log',
      changes: [],
    });
    expect(codeOf(() => readMusubiJson(newer))).toBe('VERSION');
  });

  it('refuses what is not Musubi JSON, and prototype keys anywhere, with FORMAT', () => {
    expect(codeOf(() => readMusubiJson('{"hello": 1}'))).toBe('FORMAT');
    expect(codeOf(() => readMusubiJson('not json'))).toBe('FORMAT');
    const proto =
      '{"format":"musubi","formatVersion":1,"kind":"state","seq":0,"changeId":null,"records":{"entity":[{"__proto__":{"x":1}}]}}';
    expect(codeOf(() => readMusubiJson(proto))).toBe('FORMAT');
    const ctor = '{"format":"musubi","formatVersion":1,"kind":"log","changes":[{"constructor":{}}]}';
    expect(codeOf(() => readMusubiJson(ctor))).toBe('FORMAT');
  });

  it('names the reason of each refusal in its details, for a UI to word it', () => {
    const details = (text: string) => {
      try {
        readMusubiJson(text);
      } catch (error) {
        if (isMusubiError(error)) return error.details;
      }
      throw new Error('expected a MusubiError');
    };
    expect(details('not json')).toEqual({ reason: 'not-json' });
    expect(details('[1]')).toEqual({ reason: 'not-musubi' });
    expect(details('{"hello": 1}')).toEqual({ reason: 'not-musubi' });
    expect(details('{"format":"musubi","kind":"log","changes":[]}')).toEqual({ reason: 'not-musubi' });
    expect(details('{"format":"musubi","formatVersion":1,"kind":"graph"}')).toEqual({ reason: 'not-musubi' });
    expect(details('{"format":"musubi","formatVersion":1,"kind":"log","changes":[{"prototype":1}]}')).toEqual(
      {
        reason: 'forbidden-key',
        key: 'prototype',
      },
    );
  });

  it('refuses a file over the size limit, and bytes that are not UTF-8', () => {
    expect(codeOf(() => readMusubiJson('x'.repeat(200), { maxBytes: 100 }))).toBe('FORMAT');
    expect(codeOf(() => readMusubiJson(new Uint8Array([0x7b, 0x82, 0xa0, 0x7d])))).toBe('FORMAT');
  });

  it('refuses a log whose change records are invalid', () => {
    const text = networkToJson(sample(), { kind: 'log' }).replace('"self"', '"planet"');
    expect(codeOf(() => networkFromJson(text))).toBe('FORMAT');
  });

  it('adds the records of a file to another network in one transaction, or nothing when one clashes', () => {
    const target = createNetwork();
    expect(importJsonInto(target, networkToJson(sample(), { kind: 'state' }))).toEqual({
      entity: 2,
      link: 1,
    });
    expect(target.counts()).toMatchObject({ entities: 2, links: 1 });
    const before = target.log().length;
    expect(codeOf(() => importJsonInto(target, networkToJson(sample())))).toBeDefined();
    expect(target.log().length).toBe(before);
  });

  it('adds programmes before the engagements that name them, whatever order the file lists them in', () => {
    const source = createNetwork();
    source.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    addProgramme(source, {
      id: 'prg-network',
      name: { ja: '国際ネットワーク強化推進事業' },
      basicProgramme: { code: '33101', name: { ja: '国際交流の推進' } },
    });
    source.recordEngagement({
      type: 'seminar',
      title: { ja: 'セミナー' },
      date: '2019-05',
      participants: [{ entity: 'mie' }],
      programme: 'prg-network',
    });
    const document = JSON.parse(networkToJson(source, { kind: 'state' }));
    const { programme, ...rest } = document.records;
    document.records = { ...rest, programme }; // programmes listed last
    const target = createNetwork();
    expect(importJsonInto(target, JSON.stringify(document))).toEqual({
      entity: 1,
      programme: 1,
      engagement: 1,
    });
    expect(target.engagements()[0]?.programme).toBe('prg-network');
  });
});
