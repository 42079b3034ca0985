import type { EngagementType, EntityKind, LinkEventType, LinkKind, ParticipantRole } from '../model/kinds.js';
import type { Lang } from '../model/names.js';

type Words<K extends string> = Record<K, { ja: string; en: string }>;

/** The kinds of entities, as a brief names them. */
export const entityKindWords: Words<EntityKind> = {
  self: { ja: '県', en: 'Prefecture' },
  region: { ja: '海外の地域', en: 'Foreign region' },
  government: { ja: '政府・機関', en: 'Government / agency' },
  mission: { ja: '在日公館', en: 'Mission in Japan' },
  organization: { ja: '団体', en: 'Organisation' },
  municipality: { ja: '市町', en: 'Municipality' },
  company: { ja: '企業', en: 'Company' },
  facility: { ja: '施設', en: 'Facility' },
  person: { ja: '人物', en: 'Person' },
};

/** The kinds of ties. */
export const linkKindWords: Words<LinkKind> = {
  sister: { ja: '姉妹提携', en: 'Sister affiliation' },
  friendship: { ja: '友好提携', en: 'Friendship affiliation' },
  mou: { ja: '覚書（MOU）', en: 'MOU' },
  agreement: { ja: '協定', en: 'Agreement' },
  represents: { ja: '代表', en: 'Represents' },
  'member-of': { ja: '加盟', en: 'Member of' },
  role: { ja: '役職', en: 'Role' },
  supports: { ja: '支援', en: 'Supports' },
  partner: { ja: '連携', en: 'Partner' },
};

/** The events in a tie's history. */
export const linkEventWords: Words<LinkEventType> = {
  signed: { ja: '締結', en: 'Signed' },
  revised: { ja: '改定', en: 'Revised' },
  renewed: { ja: '更新', en: 'Renewed' },
  suspended: { ja: '停止', en: 'Suspended' },
  ended: { ja: '終了', en: 'Ended' },
};

/** The types of engagements. */
export const engagementTypeWords: Words<EngagementType> = {
  'courtesy-visit': { ja: '表敬訪問', en: 'Courtesy visit' },
  'mission-sent': { ja: 'ミッション派遣', en: 'Mission sent' },
  'mission-received': { ja: 'ミッション受入', en: 'Mission received' },
  seminar: { ja: 'セミナー', en: 'Seminar' },
  'business-meeting': { ja: '商談会', en: 'Business meeting' },
  exhibition: { ja: '展示会', en: 'Exhibition' },
  training: { ja: '研修', en: 'Training' },
  event: { ja: 'イベント', en: 'Event' },
  signing: { ja: '調印', en: 'Signing' },
};

/** How a participant took part. */
export const participantRoleWords: Words<ParticipantRole> = {
  host: { ja: '応対・受入', en: 'Host' },
  visitor: { ja: '来訪・訪問', en: 'Visitor' },
  organizer: { ja: '主催・共催', en: 'Organiser' },
  participant: { ja: '参加', en: 'Participant' },
};

/** The brief's own words: headings and phrases. */
export const briefingWords = {
  title: { ja: 'ブリーフィング資料', en: 'Briefing' },
  prepared: { ja: '作成日', en: 'Prepared on' },
  who: { ja: '概要', en: 'Who they are' },
  kind: { ja: '種類', en: 'Kind' },
  country: { ja: '国・地域', en: 'Country' },
  aliases: { ja: '別名', en: 'Other names' },
  notes: { ja: 'メモ', en: 'Notes' },
  posts: { ja: '現在の役職', en: 'Posts held now' },
  since: { ja: '着任', en: 'since' },
  ties: { ja: '関係の経緯', en: 'The relationship' },
  engagements: { ja: 'これまでの活動', en: 'Past engagements' },
  participants: { ja: '参加者', en: 'Participants' },
  followUps: { ja: '未完了のフォローアップ', en: 'Open follow-ups' },
  due: { ja: '期限', en: 'due' },
  overdue: { ja: '期限切れ', en: 'overdue' },
  noDue: { ja: '期限なし', en: 'no due date' },
  anniversaries: { ja: '今後1年の周年', en: 'Anniversaries in the coming year' },
  anniversary: { ja: '{years}周年', en: '{years}th anniversary' },
  programmes: { ja: '関わる事業と指標', en: 'Programmes and indicators' },
  engagementsCount: { ja: '{n}件の活動', en: '{n} engagements' },
  countsIn: { ja: '数えられる年度', en: 'counted in' },
  none: { ja: 'なし', en: 'None' },
  illustrative: {
    ja: '※ 例示（架空）の記録を含みます。実在の記録ではありません。',
    en: 'Includes illustrative (made-up) records; they are not real.',
  },
} as const;

export type BriefingWord = keyof typeof briefingWords;

/** A word of the brief in a language, with `{name}` placeholders filled. */
export function briefingWord(
  word: BriefingWord,
  lang: Lang,
  vars: Record<string, string | number> = {},
): string {
  return briefingWords[word][lang].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in vars ? String(vars[key]) : whole,
  );
}
