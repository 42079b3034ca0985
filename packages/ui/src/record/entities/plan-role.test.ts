import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import { issueMessage } from '../../forms/issue-message.js';
import { currentHolders, emptyRole, heldRoles, planRole, ROLE_LABELS, type RoleValues } from './plan-role.js';

const t = (key: string, vars: Record<string, string | number> = {}) => `${key}${JSON.stringify(vars)}`;
const say = (issue: unknown) => issueMessage(issue as never, 'ja', t as never);

function role(patch: Partial<RoleValues>): RoleValues {
  return { ...emptyRole('2026-11-24'), ...patch };
}

describe('giving a person a role', () => {
  it('makes a new ambassador, ends the predecessor’s post on the first day, in one change', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const plan = planRole(
      network,
      role({
        newPerson: { enabled: true, nameJa: '大使C', nameEn: 'Ambassador C', country: 'TH' },
        at: 'thai-embassy',
        titleJa: '特命全権大使',
        titleEn: 'Ambassador',
        since: '2026-10-01',
      }),
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const person = plan.write(network);
    expect(network.log().length).toBe(before + 1);
    expect(network.log().at(-1)?.label).toEqual(ROLE_LABELS.give);
    expect(network.entity(person)).toMatchObject({
      kind: 'person',
      country: 'TH',
      name: { en: 'Ambassador C' },
    });
    const line = network.roles('thai-embassy');
    expect(line.find((r) => r.person === 'ambassador-b')?.to).toBe('2026-10-01');
    expect(line.find((r) => r.person === person)).toMatchObject({ from: '2026-10-01', to: undefined });
  });

  it('leaves the predecessor in post when asked, and keeps a different title apart', () => {
    const network = buildMieNetwork();
    expect(currentHolders(network, 'thai-embassy', 'x', { en: 'Minister' }).map((r) => r.person)).toEqual([]);
    expect(currentHolders(network, 'thai-embassy', 'x', { ja: '特命全権大使' }).map((r) => r.person)).toEqual(
      ['ambassador-b'],
    );
    const plan = planRole(
      network,
      role({
        person: 'consul-c',
        at: 'thai-embassy',
        titleEn: 'Ambassador',
        since: '2026-10',
        endPrevious: false,
      }),
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    plan.write(network);
    expect(
      heldRoles(network, 'thai-embassy')
        .map((r) => r.person)
        .sort(),
    ).toEqual(['ambassador-b', 'consul-c']);
  });

  it('records a past post with its end', () => {
    const network = buildMieNetwork();
    const plan = planRole(
      network,
      role({ person: 'consul-c', at: 'thai-boi', titleEn: 'Adviser', since: '2015', until: '2017-03' }),
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    plan.write(network);
    expect(network.roles('consul-c').find((r) => r.entity === 'thai-boi')).toMatchObject({
      from: '2015-01-01',
      to: '2017-03-31',
    });
  });

  it('refuses a missing person, a non-person, a missing place, an end before the start and an impossible day', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const empty = planRole(network, role({ since: '2019-02-30' }));
    if (empty.ok) throw new Error('accepted');
    expect(say(empty.issues.person?.[0])).toBe('form.error.required{}');
    expect(say(empty.issues.at?.[0])).toBe('form.error.required{}');
    expect(say(empty.issues.since?.[0])).toBe('form.error.noSuchDay{"value":"2019-02-30"}');
    const notPerson = planRole(network, role({ person: 'thai-boi', at: 'thai-embassy' }));
    if (notPerson.ok) throw new Error('accepted');
    expect(say(notPerson.issues.person?.[0])).toBe('edit.error.notPerson{}');
    const backwards = planRole(
      network,
      role({ person: 'consul-c', at: 'thai-boi', since: '2020-04', until: '2019' }),
    );
    if (backwards.ok) throw new Error('accepted');
    expect(say(backwards.issues.until?.[0])).toBe('form.error.beforeSigned{"date":"2020-04"}');
    const unnamed = planRole(
      network,
      role({ newPerson: { enabled: true, nameJa: ' ', nameEn: '', country: '' }, at: 'thai-boi' }),
    );
    if (unnamed.ok) throw new Error('accepted');
    expect(say(unnamed.issues['newPerson.name']?.[0])).toBe('form.error.nameNeeded{}');
    expect(network.log().length).toBe(before);
  });
});
