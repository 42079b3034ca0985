import type { EngagementType, Lang } from '@musubi/core';
import { buildMieNetwork } from '@musubi/examples';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyVisit, planVisit, VISIT_LABEL, type VisitValues } from './plan-visit.js';

const typeName = (type: EngagementType, lang: Lang) => (lang === 'ja' ? `ja:${type}` : `en:${type}`);

function visit(patch: Partial<VisitValues>): VisitValues {
  return { ...emptyVisit('2026-11-24', 'mie'), ...patch };
}

describe('recording a visit', () => {
  it('makes a new ambassador the current one, ends the predecessor, and records the visit in one change', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const plan = planVisit(
      network,
      visit({
        newVisitor: { enabled: true, kind: 'person', nameJa: '大使C', nameEn: 'Ambassador C', country: 'TH' },
        post: {
          enabled: true,
          at: 'thai-embassy',
          titleJa: '特命全権大使',
          titleEn: 'Ambassador',
          since: '2026-10-01',
          endPrevious: true,
        },
        followUps: [{ text: 'Send the FY2027 programme', due: '2026-12-15' }],
        topics: '観光、産業人材',
      }),
      typeName,
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const id = plan.write(network);
    expect(network.log().length).toBe(before + 1);
    expect(network.log().at(-1)?.label).toEqual(VISIT_LABEL);
    const engagement = network.engagement(id);
    expect(engagement?.title).toEqual({
      ja: '大使Cのja:courtesy-visit',
      en: 'en:courtesy-visit: Ambassador C',
    });
    expect(engagement?.topics).toEqual(['観光', '産業人材']);
    expect(engagement?.followUps[0]).toMatchObject({
      text: 'Send the FY2027 programme',
      due: '2026-12-15',
      done: false,
    });
    const visitors = engagement?.participants.filter((p) => p.role === 'visitor').map((p) => p.entity) ?? [];
    expect(visitors).toContain('thai-embassy');
    expect(engagement?.participants).toContainEqual({ entity: 'mie', role: 'host' });
    const line = network.roles('thai-embassy');
    const current = line.filter((r) => r.to === undefined);
    expect(current).toHaveLength(1);
    expect(network.entity(current[0]?.person ?? '')?.name.en).toBe('Ambassador C');
    const b = line.find((r) => r.person === 'ambassador-b');
    expect(b?.to).toBe('2026-10-01');
  });

  it('counts the missions where an existing visitor holds a post', () => {
    const network = buildMieNetwork();
    const plan = planVisit(network, visit({ visitorId: 'ambassador-b', date: '2026-11-20' }), typeName);
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const engagement = network.engagement(plan.write(network));
    expect(engagement?.participants.map((p) => p.entity).sort()).toEqual([
      'ambassador-b',
      'mie',
      'thai-embassy',
    ]);
  });

  it('reports bad input by field and writes nothing', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const plan = planVisit(
      network,
      visit({ date: '2019-02-30', followUps: [{ text: '', due: '2019-13' }], hosts: [] }),
      typeName,
    );
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(Object.keys(plan.issues).sort()).toEqual(
      expect.arrayContaining(['date', 'followUps.0.due', 'followUps.0.text', 'visitorId']),
    );
    expect(plan.issues.date?.[0]?.message).toMatch(/does not exist in the calendar/);
    expect(network.log().length).toBe(before);
  });

  it('rolls the whole visit back when the network refuses a part of it', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const entities = network.entities().length;
    // the predecessor signed in 2018-10: ending that post in 2010 is refused, and so is everything else
    const plan = planVisit(
      network,
      visit({
        newVisitor: { enabled: true, kind: 'person', nameJa: '大使D', nameEn: '', country: '' },
        post: {
          enabled: true,
          at: 'thai-embassy',
          titleJa: '特命全権大使',
          titleEn: 'Ambassador',
          since: '2010-01-01',
          endPrevious: true,
        },
      }),
      typeName,
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    expect(() => plan.write(network)).toThrow();
    expect(network.log().length).toBe(before);
    expect(network.entities().length).toBe(entities);
  });

  it('either writes exactly one change or nothing, whatever is typed (property)', () => {
    const network = buildMieNetwork();
    const field = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('<img src=x onerror=alert(1)>', '__proto__', '2019-02-30', '2026-11-24', '\u0000', ' '),
    );
    fc.assert(
      fc.property(field, field, field, field, field, (nameJa, date, title, topics, due) => {
        const before = network.log().length;
        const plan = planVisit(
          network,
          visit({
            newVisitor: { enabled: true, kind: 'person', nameJa, nameEn: '', country: '' },
            date,
            titleJa: title,
            topics,
            followUps: [{ text: 'call back', due }],
          }),
          typeName,
        );
        if (!plan.ok) {
          expect(network.log().length).toBe(before);
          return;
        }
        plan.write(network);
        expect(network.log().length).toBe(before + 1);
      }),
      { numRuns: 150 },
    );
  });
});
