import { describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import { addIndicator, addProgramme } from '../indicators/records.js';
import { createNetwork, type Network } from '../network/network.js';
import { briefing } from './briefing.js';
import { briefingToMarkdown } from './briefing-markdown.js';

function network(): Network {
  const n = createNetwork({ author: 'test', now: () => new Date('2026-01-01T00:00:00Z') });
  n.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  n.addEntity({
    id: 'embassy',
    kind: 'mission',
    name: { ja: '駐日タイ王国大使館', en: 'Royal Thai Embassy in Japan' },
    country: 'TH',
  });
  n.addEntity({ id: 'amb-a', kind: 'person', name: { ja: '大使A', en: 'Ambassador A' } });
  n.addEntity({
    id: 'amb-b',
    kind: 'person',
    name: { ja: '大使B', en: 'Ambassador B' },
    tags: ['illustrative'],
  });
  for (const [id, from, to] of [
    ['amb-a', '2014-10', '2018-09'],
    ['amb-b', '2018-10', undefined],
  ] as const) {
    n.addLink({
      id: `${id}-role`,
      kind: 'role',
      source: id,
      target: 'embassy',
      title: { ja: '特命全権大使', en: 'Ambassador' },
      events: [{ type: 'signed', date: from }, ...(to ? [{ type: 'ended' as const, date: to }] : [])],
    });
  }
  n.addLink({
    id: 'mie-embassy',
    kind: 'partner',
    source: 'mie',
    target: 'embassy',
    events: [
      { type: 'signed', date: '2017-05-12' },
      { type: 'revised', date: '2020-04', note: 'tourism | added' },
    ],
  });
  addProgramme(n, {
    id: 'prg',
    name: { ja: '国際ネットワーク強化推進事業', en: 'International network programme' },
    basicProgramme: { code: '33101', name: { ja: '国際交流の推進' } },
  });
  addIndicator(n, {
    id: 'joint',
    name: { ja: '連携取組件数', en: 'Joint initiatives' },
    unit: '件',
    kind: 'outcome',
    measure: { aggregate: 'cumulative', count: 'engagements', filter: { entityKinds: ['mission'] } },
  });
  n.recordEngagement({
    id: 'call-2018',
    type: 'courtesy-visit',
    title: { ja: '新任大使の表敬訪問', en: 'Courtesy call of the new Ambassador' },
    date: '2018-12-05',
    programme: 'prg',
    participants: [
      { entity: 'mie', role: 'host' },
      { entity: 'amb-b', role: 'visitor' },
      { entity: 'embassy', role: 'visitor' },
    ],
    followUps: [
      { text: '礼状を送る', due: '2018-12-20', done: true },
      { text: 'Invite to the Thai festival', due: '2027-01-15' },
      { text: '視察の日程を調整する', due: '2026-11-30' },
    ],
    tags: ['illustrative'],
  });
  return n;
}

describe('briefing', () => {
  it('gathers who they are, posts now, the tie and its events, engagements, open follow-ups, anniversaries, programmes and indicators', () => {
    const brief = briefing(network(), 'embassy', { today: '2026-12-01' });
    expect(brief.posts.map((p) => [p.person.id, p.title?.en, p.from])).toEqual([
      ['amb-b', 'Ambassador', '2018-10-01'],
    ]);
    expect(brief.ties.map((t) => [t.other.id, t.events.map((e) => e.type)])).toEqual([
      ['mie', ['signed', 'revised']],
    ]);
    expect(brief.engagements.map((e) => [e.id, e.participants.map((p) => p.party.id)])).toEqual([
      ['call-2018', ['mie', 'amb-b', 'embassy']],
    ]);
    expect(brief.followUps.map((f) => [f.followUp.text, f.overdue])).toEqual([
      ['視察の日程を調整する', true],
      ['Invite to the Thai festival', false],
    ]);
    expect(brief.anniversaries.map((a) => [a.date, a.years, a.party.id])).toEqual([
      ['2027-05-12', 10, 'mie'],
    ]);
    expect(brief.programmes).toEqual([{ id: 'prg', name: expect.any(Object), engagements: 1 }]);
    expect(brief.indicators.map((i) => [i.id, i.fiscalYears])).toEqual([['joint', [2018]]]);
    expect(brief.illustrative).toBe(true);
  });

  it('writes it as Markdown in Japanese and in English, names escaped', () => {
    const brief = briefing(network(), 'embassy', { today: '2026-12-01' });
    const ja = briefingToMarkdown(brief, { lang: 'ja' });
    expect(ja).toContain('# ブリーフィング資料: 駐日タイ王国大使館');
    expect(ja).toContain('作成日: 2026年12月1日');
    expect(ja).toContain('- 特命全権大使: 大使B（着任 2018年10月1日）');
    expect(ja).toContain('連携: 三重県');
    expect(ja).toContain('  - 2020年4月 改定（tourism \\| added）');
    expect(ja).toContain('- 2018年12月5日 表敬訪問: 新任大使の表敬訪問');
    expect(ja).toContain('参加者: 三重県（応対・受入）、大使B（来訪・訪問）');
    expect(ja).toContain('- 視察の日程を調整する（期限 2026年11月30日） **期限切れ**');
    expect(ja).toContain('- 2027年5月12日 10周年: 連携 — 三重県');
    expect(ja).toContain('- 連携取組件数（数えられる年度 2018年度）');
    expect(ja).toContain('例示（架空）の記録を含みます');
    expect(ja).not.toContain('礼状を送る');
    const en = briefingToMarkdown(brief, { lang: 'en' });
    expect(en).toContain('# Briefing: Royal Thai Embassy in Japan');
    expect(en).toContain('Prepared on: 1 December 2026');
    expect(en).toContain('- Ambassador: Ambassador B (since 1 October 2018)');
    expect(en).toContain('- 12 May 2027 10th anniversary: Partner — Mie Prefecture');
    expect(en).toContain('- Joint initiatives (counted in FY2018)');
  });

  it('gives a person’s own posts', () => {
    const brief = briefing(network(), 'amb-b', { today: '2026-12-01' });
    expect(brief.posts.map((p) => p.at.id)).toEqual(['embassy']);
    expect(briefingToMarkdown(brief, { lang: 'en' })).toContain('- Ambassador: Royal Thai Embassy in Japan');
  });

  it('refuses an unknown entity and a day that is not one, with a typed error', () => {
    const n = network();
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return isMusubiError(error) ? [error.code, error.path] : error;
      }
      return 'no error';
    };
    expect(code(() => briefing(n, 'nobody'))).toEqual(['NOT_FOUND', ['id']]);
    expect(code(() => briefing(n, 'embassy', { today: '2026-02-30' }))).toEqual(['VALIDATION', ['today']]);
  });
});
