import { type Change, type Lang, type Network, nameIn } from '@musubi/core';
import { describe, expect, it } from 'vitest';
import { format, type MessageKey, messages } from '../i18n/i18n.js';
import { buildSmallNetwork } from '../testing/small-network.js';
import { operationWords } from './describe-change.js';
import { readEffect } from './readable-fields.js';

function words(network: Network, lang: Lang) {
  return {
    lang,
    t: (key: MessageKey, vars?: Record<string, string | number>) => format(messages[lang][key] ?? key, vars),
    nameOf: (id: string) => {
      const name = network.entity(id)?.name;
      return name ? nameIn(name, lang) : undefined;
    },
  };
}

function last(network: Network): Change {
  const change = network.log().at(-1);
  if (!change) throw new Error('empty log');
  return change;
}

const read = (network: Network, lang: Lang) =>
  last(network).effects.flatMap((effect) => readEffect(effect, words(network, lang)));

describe('a change as a person reads it', () => {
  it('shows an update by field label, with countries and lists in words, what was added and removed', () => {
    const network = buildSmallNetwork();
    network.addEntity({ id: 'thai-amb', kind: 'person', name: { ja: 'タイ大使' }, aliases: ['大使'] });
    network.updateEntity('thai-amb', { aliases: ['駐日タイ大使'], country: 'TH', since: '2018-10' });
    const ja = read(network, 'ja');
    expect(ja.map((f) => [f.label, f.before, f.after, f.added, f.removed])).toEqual([
      ['別名', '', '', ['駐日タイ大使'], ['大使']],
      ['国・地域', '', 'タイ', [], []],
      ['設立・開始', '', '2018年10月', [], []],
    ]);
    const en = read(network, 'en');
    expect(en.map((f) => [f.label, f.after])).toEqual([
      ['Other names', ''],
      ['Country', 'Thailand'],
      ['Founded or started', 'October 2018'],
    ]);
  });

  it('lists every field of an addition, with kinds, names of participants and dates, and no code names', () => {
    const network = buildSmallNetwork();
    network.recordEngagement({
      id: 'call',
      type: 'courtesy-visit',
      title: { ja: '大使の表敬訪問' },
      date: '2026-11-20',
      participants: [
        { entity: 'mie', role: 'host' },
        { entity: 'ambassador-b', role: 'visitor' },
      ],
      followUps: [{ text: '礼状を送る', due: '2026-11-30' }],
    });
    const ja = read(network, 'ja');
    expect(ja.map((f) => [f.label, f.after || f.added.join('、')])).toEqual([
      ['種類', '表敬訪問'],
      ['件名（日本語）', '大使の表敬訪問'],
      ['日付（初日）', '2026年11月20日'],
      ['参加者', '三重県（応対・受入）、大使B（例示）（来訪・訪問）'],
      ['フォローアップ', '礼状を送る · 期限 2026年11月30日'],
    ]);
    const text = JSON.stringify(ja.map((f) => [f.label, f.before, f.after, f.added, f.removed]));
    expect(text).not.toMatch(/courtesy-visit|participants|followUps|[[{]"[a-z]/);
  });

  it('reads a link event and a follow-up done as items that went and came', () => {
    const network = buildSmallNetwork();
    network.addLinkEvent('mie-sao-paulo', { type: 'renewed', date: '2023' });
    expect(read(network, 'en').map((f) => [f.label, f.added, f.removed])).toEqual([
      ['History', ['Renewed 2023'], []],
    ]);
    const visit = network.engagement('visit-2019-06');
    const [followUp] = visit?.followUps ?? [];
    if (!followUp) throw new Error('no follow-up');
    network.updateEngagement('visit-2019-06', { followUps: [{ ...followUp, done: true }] });
    const [done] = read(network, 'ja');
    expect(done?.label).toBe('フォローアップ');
    expect(done?.added).toEqual(['お礼状を送る / Send a letter of thanks · 期限 2099年6月20日 · 完了']);
    expect(done?.removed).toEqual(['お礼状を送る / Send a letter of thanks · 期限 2099年6月20日']);
  });

  it('names every operation in the user’s words', () => {
    expect(operationWords('transaction', 'ja')).toBe('まとめて記録');
    expect(operationWords('undo', 'ja')).toBe('取り消し');
    expect(operationWords('somethingNew', 'ja')).toBe('その他の変更');
    expect(operationWords('recordEngagement', 'en')).toBe('Engagement recorded');
  });
});
