import { describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import {
  EngagementInputSchema,
  EntityInputSchema,
  EntityPatchSchema,
  LinkInputSchema,
  LinkPatchSchema,
} from './records.js';
import { parseOrThrow } from './validate.js';

describe('record schemas', () => {
  it('fill in defaults: no aliases, tags, events, topics or follow-ups', () => {
    expect(EntityInputSchema.parse({ kind: 'self', name: { ja: '三重県' } })).toEqual({
      kind: 'self',
      name: { ja: '三重県' },
      aliases: [],
      tags: [],
    });
    expect(LinkInputSchema.parse({ kind: 'sister', source: 'a', target: 'b' }).events).toEqual([]);
    const e = EngagementInputSchema.parse({
      type: 'seminar',
      title: { en: 'S' },
      date: '2019',
      participants: [{ entity: 'a' }],
    });
    expect(e).toMatchObject({
      topics: [],
      followUps: [],
      tags: [],
      participants: [{ entity: 'a', role: 'participant' }],
    });
  });

  it('trim free text and keep line breaks in notes', () => {
    expect(
      EntityInputSchema.parse({ kind: 'self', name: { en: 'Mie' }, notes: '  line 1\nline 2  ' }).notes,
    ).toBe('line 1\nline 2');
  });

  it('let a patch clear optional fields with null but not required ones', () => {
    expect(EntityPatchSchema.parse({ country: null, notes: null })).toEqual({ country: null, notes: null });
    expect(EntityPatchSchema.safeParse({ name: null }).success).toBe(false);
    expect(EntityPatchSchema.safeParse({ kind: null }).success).toBe(false);
    expect(LinkPatchSchema.safeParse({ source: 'x' }).success).toBe(false);
  });
});

describe('periods with partial dates', () => {
  it('refuse only an end or an event that is certainly before the start', () => {
    const entity = { kind: 'organization', name: { en: 'Council' } } as const;
    expect(EntityInputSchema.safeParse({ ...entity, since: '2000-05', until: '2000' }).success).toBe(true);
    expect(EntityInputSchema.safeParse({ ...entity, since: '2000-05', until: '2000-05-01' }).success).toBe(
      true,
    );
    expect(EntityInputSchema.safeParse({ ...entity, since: '2000-05', until: '2000-04' }).success).toBe(
      false,
    );
    const engagement = { type: 'seminar', title: { en: 'S' }, participants: [{ entity: 'a' }] } as const;
    expect(
      EngagementInputSchema.safeParse({ ...engagement, date: '2019-06-10', endDate: '2019-06' }).success,
    ).toBe(true);
    expect(
      EngagementInputSchema.safeParse({ ...engagement, date: '2019-06-10', endDate: '2019-06-09' }).success,
    ).toBe(false);
    const link = { kind: 'mou', source: 'a', target: 'b' } as const;
    const events = (second: string) => [
      { type: 'signed', date: '2018-07' },
      { type: 'revised', date: second },
    ];
    expect(LinkInputSchema.safeParse({ ...link, events: events('2018') }).success).toBe(true);
    expect(LinkInputSchema.safeParse({ ...link, events: events('2018-07-01') }).success).toBe(true);
    expect(LinkInputSchema.safeParse({ ...link, events: events('2018-06-30') }).success).toBe(false);
  });
});

describe('parseOrThrow', () => {
  it('throws VALIDATION with every issue, its path prefixed by where the record sits', () => {
    let caught: unknown;
    try {
      parseOrThrow(EntityInputSchema, { kind: 'planet', name: {}, country: 'XX' }, 'entity', ['records', 3]);
    } catch (error) {
      caught = error;
    }
    expect(isMusubiError(caught, 'VALIDATION')).toBe(true);
    if (!isMusubiError(caught)) return;
    expect(caught.issues.map((i) => i.path)).toEqual([
      ['records', 3, 'kind'],
      ['records', 3, 'name'],
      ['records', 3, 'country'],
    ]);
    expect(caught.path).toEqual(['records', 3, 'kind']);
    expect(caught.message).toMatch(/^Invalid entity: records\[3\]\.kind: .* \(and 2 more\)$/);
  });

  it('returns the parsed value when the input is valid', () => {
    expect(parseOrThrow(EntityInputSchema, { kind: 'self', name: { en: 'Mie' } }, 'entity').tags).toEqual([]);
  });
});
