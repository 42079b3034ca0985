import { describe, expect, it } from 'vitest';
import type { Engagement, Link } from '../model/records.js';
import { referencesOf } from './references.js';

describe('referencesOf', () => {
  it('names the entities a link joins, with where in the link they sit', () => {
    const link = {
      id: 'l1',
      kind: 'mou',
      source: 'mie',
      target: 'boi',
      events: [],
      tags: [],
    } as unknown as Link;
    expect(referencesOf('link', link)).toEqual([
      { collection: 'entity', id: 'mie', path: ['source'] },
      { collection: 'entity', id: 'boi', path: ['target'] },
    ]);
  });

  it('names the participants and the programme of an engagement', () => {
    const engagement = {
      id: 'e1',
      participants: [{ entity: 'mie' }, { entity: 'amb' }],
      programme: 'p-33101',
    } as unknown as Engagement;
    expect(referencesOf('engagement', engagement)).toEqual([
      { collection: 'entity', id: 'mie', path: ['participants', 0, 'entity'] },
      { collection: 'entity', id: 'amb', path: ['participants', 1, 'entity'] },
      { collection: 'programme', id: 'p-33101', path: ['programme'] },
    ]);
  });

  it('finds no reference in an entity', () => {
    expect(referencesOf('entity', { id: 'mie' })).toEqual([]);
  });
});
