import { createNetwork } from '@musubi/core';
import { JSON_FORMAT_VERSION, networkToJson } from '@musubi/core/json';
import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { readNetworkFile } from './open-file.js';

const now = () => new Date('2026-11-24T00:00:00Z');

describe('opening a network file', () => {
  it('takes a saved network with its whole history, authors and all', () => {
    const network = buildSmallNetwork();
    network.setAuthor('suzuki');
    network.updateEntity('mie', { notes: 'changed before saving' });
    const file = readNetworkFile(networkToJson(network), 'someone-else', now);
    expect(file.log).toEqual(network.log());
    expect(file.counts).toEqual(network.counts());
    const reopened = createNetwork({ log: file.log });
    expect(reopened.entity('mie')?.notes).toBe('changed before saving');
    expect(reopened.log().at(-1)?.author).toBe('suzuki');
  });

  it('turns a file of current records only into one change by the person opening it', () => {
    const network = buildSmallNetwork();
    const file = readNetworkFile(networkToJson(network, { kind: 'state' }), 'tanaka', now);
    expect(file.log).toHaveLength(1);
    expect(file.log[0]?.author).toBe('tanaka');
    expect(file.counts).toEqual(network.counts());
  });

  it('refuses a newer, hostile, empty or foreign file with the core’s error', () => {
    const refusal = (text: string) => {
      try {
        readNetworkFile(text, 'tanaka', now);
      } catch (error) {
        return (error as { code: string; details: Record<string, unknown> }).code;
      }
      return 'opened';
    };
    expect(
      refusal(`{"format":"musubi","formatVersion":${JSON_FORMAT_VERSION + 1},"kind":"log","changes":[]}`),
    ).toBe('VERSION');
    expect(refusal('{"format":"musubi","formatVersion":1,"kind":"log","changes":[{"__proto__":{}}]}')).toBe(
      'FORMAT',
    );
    expect(refusal('{"format":"musubi","formatVersion":1,"kind":"log","changes":[]}')).toBe('VALIDATION');
    expect(refusal('ID,種別\nx,region\n')).toBe('FORMAT');
  });
});
