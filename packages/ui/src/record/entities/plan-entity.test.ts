import type { Lang } from '@musubi/core';
import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import { issueMessage } from '../../forms/issue-message.js';
import {
  ENTITY_LABELS,
  type EntityValues,
  emptyEntity,
  entityValues,
  planEntity,
  removeEntityWithReferences,
  tryRemoveEntity,
} from './plan-entity.js';

function entity(patch: Partial<EntityValues>): EntityValues {
  return { ...emptyEntity('region'), ...patch };
}

const t = (key: string, vars: Record<string, string | number> = {}) => `${key}${JSON.stringify(vars)}`;
const say = (issue: Parameters<typeof issueMessage>[0], lang: Lang = 'ja') =>
  issueMessage(issue, lang, t as never);

describe('planning an entity', () => {
  it('reads dates as staff type them (era, slashes, full width) into partial dates', () => {
    const network = buildMieNetwork();
    const plan = planEntity(
      network,
      entity({ id: 'typed-dates', nameJa: '日付の確認', since: '令和元年5月1日', until: '２０２０／３' }),
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    plan.write(network);
    expect(network.entity('typed-dates')).toMatchObject({ since: '2019-05-01', until: '2020-03' });
  });

  it('adds a region with both names, country, coordinates, aliases and tags as one labelled change', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const plan = planEntity(
      network,
      entity({
        id: 'lombardy',
        nameJa: ' ロンバルディア州 ',
        nameEn: 'Lombardy',
        country: 'IT',
        lat: '４５．４６',
        lng: '9.19',
        aliases: 'Lombardia、ロンバルディア',
        tags: 'europe, candidate',
        since: '1970',
      }),
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    expect(plan.write(network)).toBe('lombardy');
    expect(network.log().length).toBe(before + 1);
    expect(network.log().at(-1)?.label).toEqual(ENTITY_LABELS.add);
    expect(network.entity('lombardy')).toMatchObject({
      kind: 'region',
      name: { ja: 'ロンバルディア州', en: 'Lombardy' },
      country: 'IT',
      coordinates: { lat: 45.46, lng: 9.19 },
      aliases: ['Lombardia', 'ロンバルディア'],
      tags: ['europe', 'candidate'],
      since: '1970',
    });
  });

  it('makes an id when none is given', () => {
    const network = buildMieNetwork();
    const plan = planEntity(network, entity({ nameEn: 'Bavaria', country: 'DE' }));
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const id = plan.write(network);
    expect(id).toMatch(/^ent_/);
    expect(network.entity(id)?.name).toEqual({ en: 'Bavaria' });
  });

  it('refuses a missing name, a bad country, a half coordinate and an impossible day, each on its field, writing nothing', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const plan = planEntity(network, entity({ country: 'th', lat: '13.7', since: '2019-02-30' }));
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(Object.keys(plan.issues).sort()).toEqual(['country', 'lng', 'name', 'since']);
    expect(say(plan.issues.name?.[0] as never)).toBe('form.error.nameNeeded{}');
    expect(say(plan.issues.since?.[0] as never)).toBe('form.error.noSuchDay{"value":"2019-02-30"}');
    expect(say(plan.issues.lng?.[0] as never)).toBe('edit.error.bothCoordinates{}');
    expect(network.log().length).toBe(before);
  });

  it('refuses coordinates that are not numbers or out of range', () => {
    const network = buildMieNetwork();
    const plan = planEntity(network, entity({ nameEn: 'X', lat: '95', lng: 'east' }));
    if (plan.ok) throw new Error('accepted');
    expect(plan.issues.lat?.[0]?.code).toBe('edit.error.latitude');
    expect(plan.issues.lng?.[0]?.code).toBe('edit.error.number');
  });

  it('refuses an id already in use and an id that is not a safe slug', () => {
    const network = buildMieNetwork();
    const taken = planEntity(network, entity({ id: 'thai-boi', nameEn: 'Another BOI' }));
    if (taken.ok) throw new Error('accepted');
    expect(say(taken.issues.id?.[0] as never)).toBe('edit.error.idTaken{}');
    const unsafe = planEntity(network, entity({ id: '../etc', nameEn: 'X' }));
    if (unsafe.ok) throw new Error('accepted');
    expect(say(unsafe.issues.id?.[0] as never)).toBe('form.error.id{}');
  });

  it('keeps hostile strings as plain text in names and notes', () => {
    const network = buildMieNetwork();
    const hostile = '<img src=x onerror=alert(1)>';
    const plan = planEntity(network, entity({ nameEn: hostile, notes: `${hostile}\n=cmd|' /C calc'!A0` }));
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const id = plan.write(network);
    expect(network.entity(id)?.name.en).toBe(hostile);
    const multiline = planEntity(network, entity({ nameEn: 'two\nlines' }));
    if (multiline.ok) throw new Error('accepted');
    expect(say(multiline.issues.nameEn?.[0] as never)).toBe('form.error.oneLine{}');
  });

  it('edits only the changed fields and clears what was emptied', () => {
    const network = buildMieNetwork();
    const values = entityValues(network.entity('thai-boi') as never);
    const plan = planEntity(
      network,
      { ...values, nameJa: 'タイ王国投資委員会', lat: '', lng: '', notes: '' },
      'thai-boi',
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    plan.write(network);
    const change = network.log().at(-1);
    expect(change?.label).toEqual(ENTITY_LABELS.update);
    const after = network.entity('thai-boi');
    expect(after?.name.ja).toBe('タイ王国投資委員会');
    expect(after?.coordinates).toBeUndefined();
    expect(after?.notes).toBeUndefined();
    expect(after?.country).toBe('TH');
  });

  it('says so when an edit changes nothing, and writes nothing', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const plan = planEntity(network, entityValues(network.entity('thai-boi') as never), 'thai-boi');
    if (plan.ok) throw new Error('accepted');
    expect(plan.issues.form?.[0]?.code).toBe('edit.error.nothingChanged');
    expect(network.log().length).toBe(before);
  });

  it('shows the refusal to make a person with roles into something else on the kind field', () => {
    const network = buildMieNetwork();
    const plan = planEntity(
      network,
      { ...entityValues(network.entity('ambassador-b') as never), kind: 'organization' },
      'ambassador-b',
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    let refused: unknown;
    try {
      plan.write(network);
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: 'REFERENCE', path: ['kind'] });
    expect(network.entity('ambassador-b')?.kind).toBe('person');
  });
});

describe('removing an entity', () => {
  it('removes an entity nothing refers to', () => {
    const network = buildMieNetwork();
    network.addEntity({ id: 'lonely', kind: 'company', name: { en: 'Lonely Co.' } });
    expect(tryRemoveEntity(network, 'lonely')).toEqual({ removed: true });
    expect(network.entity('lonely')).toBeUndefined();
    expect(network.log().at(-1)?.label).toEqual(ENTITY_LABELS.remove);
  });

  it('names the links and engagements that refer to it, with what a cascade would do, and removes nothing', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const result = tryRemoveEntity(network, 'thai-boi');
    if (result.removed) throw new Error('removed');
    expect(network.entity('thai-boi')).toBeDefined();
    expect(network.log().length).toBe(before);
    const links = result.referencedBy.filter((r) => r.collection === 'link');
    expect(links.map((r) => r.id)).toContain('mie-thai-boi');
    const engagements = result.referencedBy.filter((r) => r.collection === 'engagement');
    expect(engagements.length).toBe(network.engagements({ entity: 'thai-boi' }).length);
    for (const e of engagements) expect(['removed', 'updated']).toContain(e.effect);
  });

  it('removes it with its references in one change that undo brings back', () => {
    const network = buildMieNetwork();
    const counts = network.counts();
    removeEntityWithReferences(network, 'thai-boi');
    expect(network.entity('thai-boi')).toBeUndefined();
    expect(network.link('mie-thai-boi')).toBeUndefined();
    network.undo();
    expect(network.link('mie-thai-boi')).toBeDefined();
    expect(network.counts()).toEqual(counts);
  });
});
