import { describe, expect, it } from 'vitest';
import { defaultExploreState } from '../app/explore-state.js';
import { networkTies, tieKey } from '../map/engagement-ties.js';
import { buildSmallNetwork } from '../testing/small-network.js';
import { visibleNetwork } from './visible.js';

const today = '2026-11-24';

describe('what the explore views show', () => {
  it('draws the ties of a visit from the day it happened, between shown entities only', () => {
    const network = buildSmallNetwork();
    const now = visibleNetwork(network, defaultExploreState, today);
    expect([...now.ties].sort()).toEqual([tieKey('mie', 'ambassador-b'), tieKey('mie', 'thai-embassy')]);
    // the day before the visit there is no tie yet
    const before = visibleNetwork(network, { ...defaultExploreState, date: '2019-06-09' }, today);
    expect(before.ties.size).toBe(0);
    // people hidden: their ties go with them
    const noPeople = visibleNetwork(network, { ...defaultExploreState, kinds: ['self', 'mission'] }, today);
    expect([...noPeople.ties]).toEqual([tieKey('mie', 'thai-embassy')]);
    // switched off: none, and the links stay as they were
    const off = visibleNetwork(network, { ...defaultExploreState, ties: false }, today);
    expect(off.ties.size).toBe(0);
    expect(off.links).toEqual(now.links);
  });

  it('counts links and engagements apart from the ties', () => {
    const network = buildSmallNetwork();
    const fy2019 = visibleNetwork(network, { ...defaultExploreState, fiscalYear: 2019 }, today);
    expect(fy2019.counts.engagements).toBe(1);
    expect(fy2019.activity.get('thai-embassy')).toBe(1);
    expect(fy2019.counts.links).toBe(fy2019.links.size);
  });

  it('gives each shown entity its degree: the shown links it is an end of', () => {
    const network = buildSmallNetwork();
    for (const state of [
      defaultExploreState,
      { ...defaultExploreState, kinds: ['self' as const, 'mission' as const] },
    ]) {
      const shown = visibleNetwork(network, state, today);
      const expected = new Map<string, number>();
      for (const id of shown.links) {
        const link = network.link(id);
        for (const end of [link?.source, link?.target]) {
          if (end !== undefined) expected.set(end, (expected.get(end) ?? 0) + 1);
        }
      }
      expect(shown.degree).toEqual(expected);
      expect(shown.degree.size).toBeGreaterThan(0);
    }
  });

  it('lets a person without a country follow the entities of their posts into a country or group filter', () => {
    const network = buildSmallNetwork();
    const asean = visibleNetwork(network, { ...defaultExploreState, group: 'asean' }, today);
    expect(asean.entities.has('thai-embassy')).toBe(true);
    expect(asean.entities.has('ambassador-b')).toBe(true);
    const thailand = visibleNetwork(network, { ...defaultExploreState, countries: ['TH'] }, today);
    expect(thailand.entities.has('ambassador-b')).toBe(true);
    // the link of the post is shown with both its ends
    expect([...thailand.links].some((id) => network.link(id)?.kind === 'role')).toBe(true);
    const brazil = visibleNetwork(network, { ...defaultExploreState, countries: ['BR'] }, today);
    expect(brazil.entities.has('ambassador-b')).toBe(false);
  });
});

describe('the ties shown, from the network’s ties of all time', () => {
  it('are those computed for the day, with an engagement planned after it or not', () => {
    const network = buildSmallNetwork();
    const states = [
      defaultExploreState,
      { ...defaultExploreState, date: '2019-06-09' },
      { ...defaultExploreState, kinds: ['self' as const, 'mission' as const] },
    ];
    const same = () => {
      for (const state of states) {
        const alone = visibleNetwork(network, state, today);
        expect(visibleNetwork(network, state, today, networkTies(network))).toEqual(alone);
      }
    };
    same();
    // planned: a tie of all time, not yet one of today
    network.recordEngagement({
      type: 'business-meeting',
      title: { en: 'Planned' },
      date: '2027-02-01',
      participants: [
        { entity: 'mie', role: 'host' },
        { entity: 'thai-boi', role: 'visitor' },
      ],
    });
    expect(networkTies(network).has(tieKey('mie', 'thai-boi'))).toBe(true);
    expect(
      visibleNetwork(network, defaultExploreState, today, networkTies(network)).ties.has(
        tieKey('mie', 'thai-boi'),
      ),
    ).toBe(false);
    same();
  });
});
