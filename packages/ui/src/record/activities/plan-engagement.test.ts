import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import type { FieldIssues } from '../../forms/field-issues.js';
import { issueMessage } from '../../forms/issue-message.js';
import { messages } from '../../i18n/i18n.js';
import {
  type EngagementValues,
  emptyEngagement,
  engagementValuesOf,
  findEngagements,
  participantToShow,
  planEngagement,
} from './plan-engagement.js';

const t =
  (lang: 'ja' | 'en') =>
  (key: string, vars: Record<string, string | number> = {}) =>
    (messages[lang] as Record<string, string>)[key]?.replace(/\{(\w+)\}/g, (_, n: string) =>
      String(vars[n]),
    ) ?? key;

function meeting(patch: Partial<EngagementValues> = {}): EngagementValues {
  return {
    ...emptyEngagement('2026-11-24', 'mie'),
    titleJa: 'タイ企業との商談会',
    titleEn: 'Business meeting with Thai companies',
    participants: [
      { entity: 'mie', role: 'host' },
      { entity: 'thai-boi', role: 'organizer' },
      { entity: 'company-01', role: 'participant' },
    ],
    programme: 'prg-sme',
    ...patch,
  };
}

function say(issues: FieldIssues, field: string, lang: 'ja' | 'en' = 'ja'): string | undefined {
  return issues[field]?.map((i) => issueMessage(i, lang, t(lang) as never)).join(' ');
}

function refused(values: EngagementValues, editing?: string): FieldIssues {
  const network = buildMieNetwork();
  const before = network.log().length;
  const plan = planEngagement(network, values, editing);
  expect(network.log().length).toBe(before);
  if (plan.ok) throw new Error('the plan should have been refused');
  return plan.issues;
}

describe('planning an engagement', () => {
  it('starts from today with the prefecture as host and an empty row for the next participant', () => {
    const values = emptyEngagement('2026-11-24', 'mie');
    expect(values.date).toBe('2026-11-24');
    expect(values.participants).toEqual([
      { entity: 'mie', role: 'host' },
      { entity: '', role: 'participant' },
    ]);
  });

  it('records a business meeting with three participants under a programme, topics, tags and a follow-up', () => {
    const network = buildMieNetwork();
    const plan = planEngagement(
      network,
      meeting({
        topics: '食品加工、電子部品, 人材',
        tags: 'FY2026',
        notes: '<img src=x onerror=alert(1)>',
        endDate: '2026-11-25',
        followUps: [{ id: '', text: 'Send minutes', due: '2026-12', done: false }],
      }),
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const e = plan.write(network);
    expect(network.engagement(e.id)).toMatchObject({
      type: 'business-meeting',
      date: '2026-11-24',
      endDate: '2026-11-25',
      programme: 'prg-sme',
      topics: ['食品加工', '電子部品', '人材'],
      tags: ['FY2026'],
      notes: '<img src=x onerror=alert(1)>',
    });
    expect(e.participants).toHaveLength(3);
    expect(e.followUps[0]).toMatchObject({ text: 'Send minutes', due: '2026-12', done: false });
    expect(network.engagements({ entity: 'company-01' }).map((x) => x.id)).toContain(e.id);
    expect(participantToShow(network, e)).toBe('thai-boi');
  });

  it('leaves empty participant rows out and accepts partial dates', () => {
    const network = buildMieNetwork();
    const plan = planEngagement(
      network,
      meeting({
        date: '2018-07',
        participants: [
          { entity: '', role: 'participant' },
          { entity: 'mie', role: 'host' },
          { entity: '', role: 'participant' },
        ],
      }),
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    expect(plan.write(network).participants).toEqual([{ entity: 'mie', role: 'host' }]);
  });

  it('refuses a day not in the calendar, under the date field, in Japanese and English', () => {
    const issues = refused(meeting({ date: '2019-02-30' }));
    expect(Object.keys(issues)).toEqual(['date']);
    expect(say(issues, 'date')).toBe('2019-02-30 は暦にない日付です');
    expect(say(issues, 'date', 'en')).toBe(t('en')('form.error.noSuchDay', { value: '2019-02-30' }));
  });

  it('refuses an end before the start, under the end date', () => {
    const issues = refused(meeting({ date: '2019-06-10', endDate: '2019-06-09' }));
    expect(say(issues, 'endDate')).toBe('終了日が開始日より前です');
  });

  it('refuses a participant given twice, under the row of the second one', () => {
    const issues = refused(
      meeting({
        participants: [
          { entity: 'mie', role: 'host' },
          { entity: '', role: 'participant' },
          { entity: 'company-01', role: 'participant' },
          { entity: 'company-01', role: 'visitor' },
        ],
      }),
    );
    expect(Object.keys(issues)).toEqual(['participants.3.entity']);
    expect(say(issues, 'participants.3.entity')).toBe('同じ参加者が二重に入っています');
  });

  it('refuses an unknown programme and an unknown participant, each under its field', () => {
    const issues = refused(
      meeting({
        programme: 'prg-nope',
        participants: [
          { entity: 'mie', role: 'host' },
          { entity: 'no-such-entity', role: 'participant' },
        ],
      }),
    );
    expect(say(issues, 'programme', 'en')).toBe('This programme does not exist');
    expect(say(issues, 'participants.1.entity', 'en')).toBe('This participant is not in the network');
  });

  it('refuses an engagement with no participant, no title and an empty follow-up', () => {
    const issues = refused(
      meeting({
        titleJa: ' ',
        titleEn: '',
        participants: [{ entity: '', role: 'participant' }],
        followUps: [{ id: '', text: '', due: '2019-13', done: false }],
      }),
    );
    expect(say(issues, 'participants')).toBe('参加者を 1 つ以上選んでください');
    expect(say(issues, 'title')).toBe('日本語名か英語名（または両方）を入力してください');
    expect(say(issues, 'followUps.0.text')).toBe('フォローアップの内容を入力してください');
    expect(say(issues, 'followUps.0.due')).toBe('13 月はありません');
  });

  it('refuses hostile strings that cannot be stored (control characters, two lines in a topic) and keeps markup as text', () => {
    const issues = refused(meeting({ titleEn: 'bad\u0007title', tags: 'ok', topics: 'a\tb' }));
    expect(say(issues, 'title')).toBe('制御文字は使えません');
    expect(issues.topics).toBeDefined();
  });

  it('changes a recorded engagement, marks a follow-up done, and clears the programme and end date', () => {
    const network = buildMieNetwork();
    const first = planEngagement(
      network,
      meeting({ endDate: '2026-11-25', followUps: [{ id: '', text: 'Call back', due: '', done: false }] }),
    );
    if (!first.ok) throw new Error('refused');
    const recorded = first.write(network);
    const values = engagementValuesOf(recorded);
    expect(values.participants).toHaveLength(3);
    values.followUps[0] = { ...(values.followUps[0] as EngagementValues['followUps'][number]), done: true };
    values.programme = '';
    values.endDate = '';
    values.participants.push({ entity: 'jetro', role: 'participant' });
    const plan = planEngagement(network, values, recorded.id);
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const changed = plan.write(network);
    expect(changed.id).toBe(recorded.id);
    expect(changed.followUps[0]).toMatchObject({ id: recorded.followUps[0]?.id, done: true });
    expect(changed.programme).toBeUndefined();
    expect(changed.endDate).toBeUndefined();
    expect(changed.participants.map((p) => p.entity)).toContain('jetro');
    expect(network.log().at(-1)?.operation).toBe('updateEngagement');
  });

  it('says when the engagement being changed is gone', () => {
    const issues = refused(meeting(), 'eng-gone');
    expect(say(issues, 'form', 'en')).toBe(t('en')('activities.error.engagementGone'));
  });

  it('finds engagements by words of their titles, width- and case-insensitively, newest first', () => {
    const network = buildMieNetwork();
    const plan = planEngagement(network, meeting({ titleEn: 'ＭＯＵ follow-up meeting' }));
    if (!plan.ok) throw new Error('refused');
    const e = plan.write(network);
    expect(findEngagements(network, 'mou follow')[0]?.id).toBe(e.id);
    expect(findEngagements(network, '   ')).toEqual([]);
  });
});
