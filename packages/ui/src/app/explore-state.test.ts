import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultExploreState,
  type ExploreState,
  parseExploreState,
  serializeExploreState,
} from './explore-state.js';

describe('explore state in the URL', () => {
  it('reads back what it wrote', () => {
    const state: ExploreState = {
      ...defaultExploreState,
      view: 'map',
      kinds: ['region', 'government'],
      linkKinds: ['mou'],
      countries: ['TH', 'US'],
      group: 'asean',
      activeOnly: true,
      ties: false,
      fiscalYear: 2012,
      sizeBy: 'activity',
      era: true,
      entity: 'thai-boi',
    };
    expect(parseExploreState(serializeExploreState(state))).toEqual(state);
  });

  it('writes nothing for the defaults and keeps the language', () => {
    expect(serializeExploreState(defaultExploreState, '?lang=en')).toBe('?lang=en');
  });

  it('ignores unknown kinds, bad years and bad dates', () => {
    const state = parseExploreState('?kinds=region,dragon&fy=abc&date=2012-13&group=nato&view=nowhere');
    expect(state.kinds).toEqual(['region']);
    expect(state.fiscalYear).toBeUndefined();
    expect(state.date).toBeUndefined();
    expect(state.group).toBeUndefined();
    expect(state.view).toBe('start');
  });

  it('never throws on any query string', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseExploreState(s);
      }),
    );
  });
});
