import { describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import type { Network } from '../network/network.js';
import { prefectureAndPartners } from './fixtures/partners.js';

/** The prefecture and its partners, with records dated (or not) at the edges that `asOf` must get right. */
function network(): Network {
  const n = prefectureAndPartners();
  n.addEntity({
    id: 'nfi-centre',
    kind: 'facility',
    name: { en: 'Mie-Thai Innovation Center' },
    since: '2018-11-14',
  });
  n.addEntity({
    id: 'closed',
    kind: 'organization',
    name: { en: 'Closed council' },
    since: '2010',
    until: '2015-03',
  });
  n.addEntity({ id: 'timeless', kind: 'organization', name: { en: 'JETRO' } });
  n.addEntity({ id: 'council', kind: 'organization', name: { en: 'Promotion council' } });
  n.addLink({
    id: 'suspended',
    kind: 'agreement',
    source: 'mie',
    target: 'council',
    events: [
      { type: 'signed', date: '2013-05' },
      { type: 'suspended', date: '2016' },
      { type: 'renewed', date: '2018-04-01' },
    ],
  });
  n.addLink({ id: 'undated', kind: 'partner', source: 'mie', target: 'timeless' });
  n.recordEngagement({
    id: 'visit',
    type: 'courtesy-visit',
    title: { en: 'Visit' },
    date: '2017-05',
    participants: [{ entity: 'boi' }, { entity: 'mie' }],
  });
  return n;
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

describe('asOf', () => {
  it('leaves out links not yet signed, and trims histories to the date', () => {
    const view = network().asOf('2017-01-01');
    expect(ids(view.links())).toEqual(['sister', 'mou', 'undated']);
    expect(view.link('mou')?.events.map((e) => e.type)).toEqual(['signed']);
    expect(
      network()
        .asOf('2018-07-31')
        .link('mou')
        ?.events.map((e) => e.type),
    ).toEqual(['signed', 'revised']);
    expect(network().asOf('2013-10-31').link('mou')).toBeUndefined();
  });

  it('counts a start from the first day of its partial date, an end until its last day', () => {
    const n = network();
    expect(n.asOf('2013-11-01').link('mou')).toBeDefined();
    expect(n.asOf('2016-12-31').link('suspended')).toBeDefined();
    expect(n.asOf('2017-01-01').link('suspended')).toBeUndefined();
    expect(n.asOf('2018-04-01').link('suspended')).toBeDefined();
    expect(n.asOf('2015-03-31').entity('closed')).toBeDefined();
    expect(n.asOf('2015-04-01').entity('closed')).toBeUndefined();
  });

  it('reads a partial date as its last day', () => {
    const n = network();
    expect(n.asOf('2013-11').link('mou')).toBeDefined();
    expect(n.asOf('2018-11').entity('nfi-centre')).toBeDefined();
    expect(n.asOf('2018-10').entity('nfi-centre')).toBeUndefined();
    expect(n.asOf(new Date('2018-11-14T12:00:00Z')).entity('nfi-centre')).toBeDefined();
  });

  it('keeps entities from their since, or from the first dated thing that touches them', () => {
    const n = network();
    expect(ids(n.asOf('1900').entities())).toEqual(['mie', 'timeless']);
    expect(ids(n.asOf('1973-11-07').entities())).toEqual(['mie', 'sp', 'timeless']);
    expect(ids(n.asOf('2013-04-30').entities())).toEqual(['mie', 'sp', 'closed', 'timeless']);
    expect(ids(n.asOf('2013-11').entities())).toEqual(['mie', 'sp', 'boi', 'closed', 'timeless', 'council']);
  });

  it('keeps only engagements up to the date', () => {
    const n = network();
    expect(n.asOf('2017-04-30').engagements()).toEqual([]);
    expect(ids(n.asOf('2017-05').engagements())).toEqual(['visit']);
  });

  it('is empty before everything, when everything is dated', () => {
    const n = network();
    n.removeEntity('timeless', { cascade: true });
    expect(n.asOf('1800').counts()).toEqual({ entities: 0, links: 0, engagements: 0 });
  });

  it('keeps a link known only to have ended active until its end', () => {
    const n = network();
    n.addLink({
      id: 'old',
      kind: 'friendship',
      source: 'mie',
      target: 'sp',
      events: [{ type: 'ended', date: '2000' }],
    });
    expect(n.asOf('1999-06-01').link('old')).toBeDefined();
    expect(n.asOf('2001').link('old')).toBeUndefined();
  });

  it('gives a read-only view with the same read methods', () => {
    const view = network().asOf('2017-01-01');
    expect(view.counts()).toEqual({ entities: 5, links: 3, engagements: 0 });
    expect(ids(view.neighbors('mie')).sort()).toEqual(['boi', 'sp', 'timeless']);
    expect(view.timeline('mie').map((i) => i.date)).toEqual(['1871', '1973-11-07', '2013-11']);
    expect(view.timeline('council')).toEqual([]);
    expect(ids(view.search('BOI'))).toEqual(['boi']);
    expect('addEntity' in view).toBe(false);
    let code: string | undefined;
    try {
      view.graph.addNode('x');
    } catch (error) {
      code = isMusubiError(error) ? error.code : 'other';
    }
    expect(code).toBe('READ_ONLY');
  });

  it('refuses a date that is not a date', () => {
    const n = network();
    for (const bad of ['2019-02-30', '2019-13', '19-01-01', 'soon']) {
      expect(() => n.asOf(bad), bad).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    }
    expect(() => n.asOf(new Date('not a date'))).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
