import { describe, expect, it } from 'vitest';
import { decodeRecord } from '../log/log-codec.js';
import type { Engagement, Link } from '../model/records.js';
import { collectionSpec, referencesOf } from './references.js';

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

  it('names what an indicator and a figure refer to', () => {
    const indicator = { id: 'ind_1', measure: { filter: { programmes: ['p-33101'] } } };
    expect(referencesOf('indicator', indicator)).toEqual([
      { collection: 'programme', id: 'p-33101', path: ['measure', 'filter', 'programmes', 0] },
    ]);
    const figure = { id: 'fig_1', indicator: 'ind_1' };
    expect(referencesOf('figure', figure)).toEqual([
      { collection: 'indicator', id: 'ind_1', path: ['indicator'] },
    ]);
  });
});

describe('the collections beside the graph', () => {
  // this file imports neither the indicators nor the main entry: the list does not depend on what
  // a program imported first (it was filled by an import of the indicators' module before)
  it('are known with their schemas without any other import', () => {
    expect(['programme', 'indicator', 'figure'].map((c) => collectionSpec(c as never)?.idPrefix)).toEqual([
      'prg',
      'ind',
      'fig',
    ]);
    expect(collectionSpec('entity')).toBeUndefined();
  });

  it('are read from a log with their own schema, not as loose records', () => {
    expect(() => decodeRecord('programme', { id: 'p-33101', name: 'x' }, [2], 'line 2')).toThrow(
      expect.objectContaining({ code: 'FORMAT' }),
    );
  });
});
