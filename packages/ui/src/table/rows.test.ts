import { describe, expect, it } from 'vitest';
import { defaultExploreState } from '../app/explore-state.js';
import { visibleNetwork } from '../filters/visible.js';
import { buildSmallNetwork } from '../testing/small-network.js';
import { engagementRows, entityRows, linkRows } from './rows.js';

const today = '2026-11-24';

describe('the rows of the table view', () => {
  it('lists what the maps show, with the same counts', () => {
    const visible = visibleNetwork(buildSmallNetwork(), defaultExploreState, today);
    const entities = entityRows(visible, 'en');
    expect(entities.map((r) => r.id).sort()).toEqual([...visible.entities].sort());
    expect(linkRows(visible, 'en')).toHaveLength(visible.counts.links);
    expect(engagementRows(visible, 'en')).toHaveLength(visible.counts.engagements);
    const boi = entities.find((r) => r.id === 'thai-boi');
    expect(boi).toMatchObject({
      name: 'Thailand Board of Investment',
      kind: 'government',
      country: 'Thailand',
    });
    expect(boi?.links).toBe(1);
  });

  it('follows the point in time and the filters: a link before it started is not a row', () => {
    const network = buildSmallNetwork();
    const fy2019 = visibleNetwork(network, { ...defaultExploreState, fiscalYear: 2019 }, today);
    const rows = engagementRows(fy2019, 'ja');
    expect(rows).toHaveLength(1);
    // the row opens the visitor's panel, not the prefecture's
    expect(rows[0]?.opens).not.toBe('mie');
    expect(rows[0]?.participants).toContain('三重県');
    const links = linkRows(
      visibleNetwork(network, { ...defaultExploreState, date: '1970-01-01' }, today),
      'en',
    );
    expect(links.map((r) => r.id)).not.toContain('mie-sao-paulo');
    const sister = linkRows(visibleNetwork(network, defaultExploreState, today), 'en').find(
      (r) => r.id === 'mie-sao-paulo',
    );
    expect(sister).toMatchObject({ since: '1973-11-07', status: 'active', opens: 'sao-paulo' });
  });
});
