import type { EngagementType, EntityKind } from '@musubi/core';
import type { Random } from './random.js';

/** Syllables as katakana and their romanisation, to make bilingual names that search can find. */
const syllables: readonly (readonly [string, string])[] = [
  ['カ', 'ka'],
  ['キ', 'ki'],
  ['ク', 'ku'],
  ['ケ', 'ke'],
  ['コ', 'ko'],
  ['サ', 'sa'],
  ['シ', 'shi'],
  ['ス', 'su'],
  ['セ', 'se'],
  ['ソ', 'so'],
  ['タ', 'ta'],
  ['チ', 'chi'],
  ['ツ', 'tsu'],
  ['テ', 'te'],
  ['ト', 'to'],
  ['ナ', 'na'],
  ['ニ', 'ni'],
  ['ノ', 'no'],
  ['ハ', 'ha'],
  ['ヒ', 'hi'],
  ['フ', 'fu'],
  ['ホ', 'ho'],
  ['マ', 'ma'],
  ['ミ', 'mi'],
  ['ム', 'mu'],
  ['モ', 'mo'],
  ['ヤ', 'ya'],
  ['ユ', 'yu'],
  ['ラ', 'ra'],
  ['リ', 'ri'],
  ['ル', 'ru'],
  ['レ', 're'],
  ['ロ', 'ro'],
  ['ワ', 'wa'],
  ['ン', 'n'],
];

const suffixes: Record<EntityKind, readonly [string, string]> = {
  self: ['県', 'Prefecture'],
  region: ['州', 'Province'],
  government: ['投資委員会', 'Investment Board'],
  mission: ['総領事館', 'Consulate-General'],
  organization: ['協議会', 'Council'],
  municipality: ['市', 'City'],
  company: ['株式会社', 'Co., Ltd.'],
  facility: ['センター', 'Centre'],
  person: ['', ''],
};

/** A bilingual name for an entity of the given kind. */
export function entityName(random: Random, kind: EntityKind): { ja: string; en: string } {
  const n = 2 + random.int(3);
  let ja = '';
  let en = '';
  for (let i = 0; i < n; i++) {
    const [k, r] = random.pick(syllables);
    ja += k;
    en += r;
  }
  en = en.charAt(0).toUpperCase() + en.slice(1);
  if (kind === 'person') {
    const [k, r] = random.pick(syllables);
    return { ja: `${ja}・${k}${k}`, en: `${en} ${r.toUpperCase()}${r}` };
  }
  const [sja, sen] = suffixes[kind];
  return { ja: `${ja}${sja}`, en: `${en} ${sen}` };
}

/** Titles of the posts people hold (role links), by the kind of entity where they hold them. */
export const postTitles: Partial<Record<EntityKind, { ja: string; en: string }>> = {
  mission: { ja: '総領事', en: 'Consul General' },
  government: { ja: '長官', en: 'Secretary General' },
  organization: { ja: '事務局長', en: 'Director' },
  region: { ja: '知事', en: 'Governor' },
};

/** Bilingual titles of engagements, by type. */
export const engagementTitles: Record<EngagementType, { ja: string; en: string }> = {
  'courtesy-visit': { ja: '表敬訪問', en: 'Courtesy visit' },
  'mission-sent': { ja: '海外ミッション団派遣', en: 'Trade mission sent' },
  'mission-received': { ja: 'ミッション団受入', en: 'Delegation received' },
  seminar: { ja: 'セミナー', en: 'Seminar' },
  'business-meeting': { ja: '商談会', en: 'Business meeting' },
  exhibition: { ja: '展示会', en: 'Exhibition' },
  training: { ja: '研修', en: 'Training' },
  event: { ja: '交流イベント', en: 'Exchange event' },
  signing: { ja: '調印式', en: 'Signing ceremony' },
};

/** Topics engagements are tagged with. */
export const topics = [
  'food',
  'tourism',
  'manufacturing',
  'education',
  'medical',
  'energy',
  'culture',
] as const;
