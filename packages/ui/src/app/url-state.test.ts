import { describe, expect, it } from 'vitest';
import { isHistoryStep } from './url-state.js';

describe('which changes of the explore state are history entries', () => {
  it('makes views, panels and filters steps that Back returns from', () => {
    expect(isHistoryStep({ view: 'map' })).toBe(true);
    expect(isHistoryStep({ entity: 'thai-boi' })).toBe(true);
    expect(isHistoryStep({ group: 'asean' })).toBe(true);
    expect(isHistoryStep({ table: 'links' })).toBe(true);
  });

  it('replaces the entry while moving through time (the slider, playing the years)', () => {
    expect(isHistoryStep({ fiscalYear: 2015, date: undefined })).toBe(false);
    expect(isHistoryStep({ date: '2019-06-10' })).toBe(false);
  });
});
