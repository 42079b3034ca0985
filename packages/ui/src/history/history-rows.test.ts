import { createNetwork, type Network } from '@musubi/core';
import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { describeChange } from './describe-change.js';
import { authorsOf, effectRows, fieldChanges, historyRows, matchesFilter } from './history-rows.js';

function clock(start: string): () => Date {
  let t = Date.parse(start);
  return () => {
    t += 60_000;
    return new Date(t);
  };
}

function edited(): Network {
  const network = createNetwork({ author: 'suzuki', now: clock('2026-04-01T00:00:00Z') });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  network.addEntity({ id: 'henan', kind: 'region', name: { ja: '河南省', en: 'Henan' }, country: 'CN' });
  network.setAuthor('tanaka');
  network.addLink({
    id: 'mie-henan',
    kind: 'friendship',
    source: 'mie',
    target: 'henan',
    events: [{ type: 'signed', date: '1986-11-19' }],
  });
  network.updateEntity('henan', {
    name: { ja: '河南省', en: 'Henan Province' },
    notes: '<script>x</script>',
  });
  network.undo();
  return network;
}

const say = (network: Network) => ({
  describe: (c: Parameters<typeof describeChange>[0]) => describeChange(c, network, 'en'),
  namesOf: (id: string) => {
    const name = network.entity(id)?.name;
    return name ? [name.ja ?? '', name.en ?? ''] : [];
  },
});

describe('the history rows', () => {
  it('lists every change newest first, with the undo as a change of its own', () => {
    const network = edited();
    const { rows, total } = historyRows(network.log(), {}, 'en', say(network), 50);
    expect(total).toBe(5);
    expect(rows.map((r) => r.change.operation)).toEqual([
      'undo',
      'updateEntity',
      'addLink',
      'addEntity',
      'addEntity',
    ]);
  });

  it('shows which fields an update changed, before and after, hostile text kept as text', () => {
    const network = edited();
    const update = network.log().find((c) => c.operation === 'updateEntity');
    if (!update) throw new Error('no update in the log');
    const [effect] = effectRows(update, 'ja');
    expect(effect?.type).toBe('update');
    expect(effect?.name).toBe('河南省');
    expect(effect?.fields.map((f) => f.field)).toEqual(['name', 'notes']);
    const notes = effect?.fields.find((f) => f.field === 'notes');
    expect(notes?.before).toBeUndefined();
    expect(notes?.after).toBe('<script>x</script>');
    const name = effect?.fields.find((f) => f.field === 'name');
    expect(name?.before).toEqual({ ja: '河南省', en: 'Henan' });
    expect(name?.after).toEqual({ ja: '河南省', en: 'Henan Province' });
  });

  it('narrows by author, kind of record, record, words and record time', () => {
    const network = edited();
    const log = network.log();
    const count = (filter: Parameters<typeof historyRows>[1]) =>
      historyRows(log, filter, 'en', say(network), 50).total;
    expect(count({ author: 'suzuki' })).toBe(2);
    expect(count({ author: 'tanaka' })).toBe(3);
    expect(count({ collection: 'link' })).toBe(1);
    // an entity's changes include the links that reach it
    expect(count({ recordId: 'mie' })).toBe(2);
    expect(count({ recordId: 'henan' })).toBe(4);
    expect(count({ text: 'henan province' })).toBe(2);
    expect(count({ text: '河南' })).toBe(4);
    const third = log[2];
    if (!third) throw new Error('short log');
    expect(count({ since: third.recordedAt })).toBe(3);
    expect(count({ author: 'nobody' })).toBe(0);
  });

  it('pages: at most the limit, and the total of all that match', () => {
    const network = buildSmallNetwork();
    const log = network.log();
    const { rows, total } = historyRows(log, {}, 'ja', say(network), 2);
    expect(rows).toHaveLength(2);
    expect(total).toBe(log.length);
    expect(rows[0]?.change.seq).toBe(log.at(-1)?.seq);
  });

  it('names the authors in order of their first change', () => {
    expect(authorsOf(edited().log())).toEqual(['suzuki', 'tanaka']);
  });

  it('compares fields by value and ignores fields that stayed the same', () => {
    expect(fieldChanges({ id: 'a', tags: ['x'], n: 1 }, { id: 'a', tags: ['x'], n: 2 })).toEqual([
      { field: 'n', before: 1, after: 2 },
    ]);
    expect(matchesFilter(edited().log()[0] as never, { text: '  ' }, { describe: () => '' })).toBe(true);
  });
});
