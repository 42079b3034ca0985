import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import { refusalIssues } from '../../forms/field-issues.js';
import { issueMessage } from '../../forms/issue-message.js';
import {
  emptyLink,
  emptyLinkEvent,
  LINK_LABELS,
  type LinkValues,
  linkChoices,
  linkPatchValues,
  planLink,
  planLinkEvent,
  planLinkPatch,
  removeLinkNow,
} from './plan-link.js';

const t = (key: string, vars: Record<string, string | number> = {}) => `${key}${JSON.stringify(vars)}`;
const say = (issue: unknown) => issueMessage(issue as never, 'ja', t as never);

function link(patch: Partial<LinkValues>): LinkValues {
  return { ...emptyLink('2026-11-24', 'mie'), ...patch };
}

describe('planning a link', () => {
  it('starts from the prefecture, today and a signing', () => {
    expect(emptyLink('2026-11-24', 'mie')).toMatchObject({
      source: 'mie',
      eventType: 'signed',
      date: '2026-11-24',
    });
  });

  it('adds a sister link signed on a partial date, as one labelled change', () => {
    const network = buildMieNetwork();
    network.addEntity({ id: 'lombardy', kind: 'region', name: { en: 'Lombardy' }, country: 'IT' });
    const plan = planLink(
      network,
      link({ target: 'lombardy', date: '2026-05', titleJa: '姉妹提携', tags: 'europe' }),
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const id = plan.write(network);
    expect(network.log().at(-1)?.label).toEqual(LINK_LABELS.add);
    expect(network.link(id)).toMatchObject({
      kind: 'sister',
      source: 'mie',
      target: 'lombardy',
      title: { ja: '姉妹提携' },
      events: [{ type: 'signed', date: '2026-05' }],
      tags: ['europe'],
    });
  });

  it('adds an undated link when the date is left empty', () => {
    const network = buildMieNetwork();
    const plan = planLink(network, link({ kind: 'partner', target: 'thai-boi', date: '' }));
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    expect(network.link(plan.write(network))?.events).toEqual([]);
  });

  it('refuses missing and unknown ends, a link to itself, an impossible day, each on its field', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const missing = planLink(network, link({ source: '', target: 'no-such-entity', date: '2019-02-30' }));
    if (missing.ok) throw new Error('accepted');
    expect(say(missing.issues.source?.[0])).toBe('form.error.required{}');
    expect(say(missing.issues.target?.[0])).toBe('edit.error.unknownEntity{}');
    expect(say(missing.issues.date?.[0])).toBe('form.error.noSuchDay{"value":"2019-02-30"}');
    const loop = planLink(network, link({ target: 'mie' }));
    if (loop.ok) throw new Error('accepted');
    expect(say(loop.issues.target?.[0])).toBe('edit.error.sameEnds{}');
    expect(network.log().length).toBe(before);
  });

  it('refuses a role that does not start at a person', () => {
    const network = buildMieNetwork();
    const plan = planLink(network, link({ kind: 'role', target: 'thai-embassy' }));
    if (plan.ok) throw new Error('accepted');
    expect(say(plan.issues.source?.[0])).toBe('edit.error.notPerson{}');
  });

  it('keeps hostile notes as text', () => {
    const network = buildMieNetwork();
    const hostile = '<img src=x onerror=alert(1)>';
    const plan = planLink(
      network,
      link({ kind: 'partner', target: 'thai-boi', notes: hostile, eventNote: hostile }),
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const stored = network.link(plan.write(network));
    expect(stored?.notes).toBe(hostile);
    expect(stored?.events[0]?.note).toBe(hostile);
  });
});

describe('planning a link event', () => {
  it('adds a revision to the BOI MOU', () => {
    const network = buildMieNetwork();
    const plan = planLinkEvent(network, 'mie-thai-boi', {
      type: 'revised',
      date: '2024-03-15',
      note: 'EV added',
    });
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    plan.write(network);
    expect(network.log().at(-1)?.label).toEqual(LINK_LABELS.event);
    expect(network.link('mie-thai-boi')?.events.at(-1)).toMatchObject({
      type: 'revised',
      date: '2024-03-15',
      note: 'EV added',
    });
  });

  it('refuses an event before the signing on the date field, writing nothing', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const plan = planLinkEvent(network, 'mie-thai-boi', { ...emptyLinkEvent('2026-11-24'), date: '2012-01' });
    if (plan.ok) throw new Error('accepted');
    expect(say(plan.issues.date?.[0])).toBe('form.error.beforeSigned{"date":"2013-11"}');
    expect(network.log().length).toBe(before);
  });

  it('refuses a second signing on the type field, and an impossible day', () => {
    const network = buildMieNetwork();
    const twice = planLinkEvent(network, 'mie-thai-boi', { type: 'signed', date: '2020', note: '' });
    if (twice.ok) throw new Error('accepted');
    expect(say(twice.issues.type?.[0])).toBe('form.error.signedOnce{}');
    const bad = planLinkEvent(network, 'mie-thai-boi', { type: 'renewed', date: '2019-02-30', note: '' });
    if (bad.ok) throw new Error('accepted');
    expect(say(bad.issues.date?.[0])).toBe('form.error.noSuchDay{"value":"2019-02-30"}');
  });

  it('asks for a link when there is none', () => {
    const plan = planLinkEvent(buildMieNetwork(), 'no-such-link', emptyLinkEvent('2026-01-01'));
    if (plan.ok) throw new Error('accepted');
    expect(Object.keys(plan.issues)).toEqual(['link']);
  });
});

describe('editing and removing a link', () => {
  it('changes the title, tags and notes, clearing what was emptied', () => {
    const network = buildMieNetwork();
    const values = linkPatchValues(network.link('mie-thai-boi') as never);
    const plan = planLinkPatch(network, 'mie-thai-boi', {
      ...values,
      titleJa: '産業連携覚書',
      tags: 'asean、industry',
      notes: '',
    });
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    plan.write(network);
    expect(network.link('mie-thai-boi')).toMatchObject({
      title: { ja: '産業連携覚書' },
      tags: ['asean', 'industry'],
    });
    expect(network.link('mie-thai-boi')?.notes).toBeUndefined();
    const same = planLinkPatch(
      network,
      'mie-thai-boi',
      linkPatchValues(network.link('mie-thai-boi') as never),
    );
    if (same.ok) throw new Error('accepted');
    expect(same.issues.form?.[0]?.code).toBe('edit.error.nothingChanged');
  });

  it('refuses a title on two lines', () => {
    const network = buildMieNetwork();
    const plan = planLinkPatch(network, 'mie-thai-boi', {
      titleJa: 'a\nb',
      titleEn: '',
      tags: '',
      notes: '',
    });
    if (plan.ok) throw new Error('accepted');
    expect(say(plan.issues.title?.[0])).toBe('form.error.oneLine{}');
  });

  it('removes a link with its history, and undo brings it back', () => {
    const network = buildMieNetwork();
    removeLinkNow(network, 'mie-thai-boi');
    expect(network.link('mie-thai-boi')).toBeUndefined();
    network.undo();
    expect(network.link('mie-thai-boi')?.events).toHaveLength(2);
  });

  it('lists an entity’s links with the other end and their status, in force first', () => {
    const network = buildMieNetwork();
    const choices = linkChoices(network, 'thai-boi', '2026-11-24');
    expect(choices[0]).toMatchObject({ other: 'mie', status: 'active', first: '2013-11', last: '2018-07' });
    expect(choices[0]?.link.id).toBe('mie-thai-boi');
    const roles = linkChoices(network, 'thai-embassy', '2026-11-24', ['role']);
    expect(roles.map((c) => [c.other, c.status])).toEqual([
      ['ambassador-b', 'active'],
      ['ambassador-a', 'inactive'],
    ]);
  });
});

describe('refusals of the network by field', () => {
  it('puts a taken id, an unknown reference and a role from a non-person on their fields', () => {
    const network = buildMieNetwork();
    const catchOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      throw new Error('not refused');
    };
    const taken = refusalIssues(
      catchOf(() => network.addEntity({ id: 'mie', kind: 'self', name: { en: 'Again' } })),
      (p) => String(p[0] ?? 'form'),
    );
    expect(say(taken.id?.[0])).toBe('edit.error.idTaken{}');
    const unknown = refusalIssues(
      catchOf(() => network.addLink({ kind: 'partner', source: 'mie', target: 'nowhere' })),
      (p) => String(p[0] ?? 'form'),
    );
    expect(say(unknown.target?.[0])).toBe('edit.error.unknownEntity{}');
    const role = refusalIssues(
      catchOf(() => network.addLink({ kind: 'role', source: 'mie', target: 'thai-boi' })),
      (p) => String(p[0] ?? 'form'),
    );
    expect(say(role.source?.[0])).toBe('edit.error.notPerson{}');
    expect(refusalIssues(new Error('disk full'), () => 'x').form?.[0]?.message).toBe('disk full');
  });
});
