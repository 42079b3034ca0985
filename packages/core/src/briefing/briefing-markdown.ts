import { countryName } from '../model/countries.js';
import type { Lang } from '../model/names.js';
import { nameIn } from '../model/names.js';
import { formatPartialDate } from '../time/date-words.js';
import { formatFiscalYear } from '../time/era.js';
import type { Briefing, BriefingParty } from './briefing.js';
import {
  briefingWord,
  engagementTypeWords,
  entityKindWords,
  linkEventWords,
  linkKindWords,
  participantRoleWords,
} from './briefing-words.js';

export interface BriefingMarkdownOptions {
  /** Japanese (default) or English. */
  lang?: Lang;
}

/** Text of the records as Markdown text: no line breaks, no table or emphasis markup taken from a name. */
function plain(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]|<>#])/g, '\\$1');
}

function named(p: BriefingParty, lang: Lang): string {
  return plain(nameIn(p.name, lang));
}

function aside(text: string, lang: Lang): string {
  return lang === 'ja' ? `（${text}）` : ` (${text})`;
}

function list(items: string[], lang: Lang): string[] {
  return items.length === 0 ? [briefingWord('none', lang)] : items.map((i) => `- ${i}`);
}

/**
 * Writes a brief (see `briefing`) as Markdown in Japanese or English: a title with the entity's
 * name and the day, then who they are, the posts held now, the relationship, past engagements,
 * open follow-ups, coming anniversaries, and the programmes and indicators they count in. Names
 * from the records are escaped, so a name cannot add markup.
 *
 * @example
 * briefingToMarkdown(briefing(network, 'thai-embassy'), { lang: 'ja' });
 */
export function briefingToMarkdown(brief: Briefing, options: BriefingMarkdownOptions = {}): string {
  const lang = options.lang ?? 'ja';
  const w = (word: Parameters<typeof briefingWord>[0], vars?: Record<string, string | number>) =>
    briefingWord(word, lang, vars);
  const date = (d: string) => formatPartialDate(d, lang);
  const { entity } = brief;
  const sep = lang === 'ja' ? '、' : ', ';
  const out: string[] = [];
  out.push(`# ${w('title')}: ${plain(nameIn(entity.name, lang))}`, '');
  out.push(`${w('prepared')}: ${date(brief.today)}`, '');
  if (brief.illustrative) out.push(`> ${w('illustrative')}`, '');

  out.push(`## ${w('who')}`, '');
  const other = lang === 'ja' ? entity.name.en : entity.name.ja;
  if (other !== undefined && other !== nameIn(entity.name, lang)) out.push(`- ${plain(other)}`);
  out.push(`- ${w('kind')}: ${entityKindWords[entity.kind][lang]}`);
  if (entity.country) out.push(`- ${w('country')}: ${countryName(entity.country, lang) ?? entity.country}`);
  if (entity.aliases.length > 0) out.push(`- ${w('aliases')}: ${entity.aliases.map(plain).join(sep)}`);
  if (entity.notes) out.push(`- ${w('notes')}: ${plain(entity.notes)}`);
  out.push('');

  out.push(`## ${w('posts')}`, '');
  const posts = brief.posts.map((p) => {
    const title = p.title ? nameIn(p.title, lang) : '';
    const who = entity.kind === 'person' ? named(p.at, lang) : named(p.person, lang);
    const since = p.from ? aside(`${w('since')} ${date(p.from)}`, lang) : '';
    return `${plain(title)}${title ? ': ' : ''}${who}${since}`;
  });
  out.push(...list(posts, lang), '');

  out.push(`## ${w('ties')}`, '');
  const ties = brief.ties.map((t) => {
    const title = t.link.title ? ` — ${plain(nameIn(t.link.title, lang))}` : '';
    const events = t.events.map((e) => {
      const note = e.note ? aside(plain(e.note), lang) : '';
      return `  - ${date(e.date)} ${linkEventWords[e.type][lang]}${note}`;
    });
    return [`${linkKindWords[t.link.kind][lang]}: ${named(t.other, lang)}${title}`, ...events].join('\n');
  });
  out.push(...list(ties, lang), '');

  out.push(`## ${w('engagements')}`, '');
  const engagements = brief.engagements.map((e) => {
    const who = e.participants
      .filter((p) => p.party.id !== entity.id)
      .map((p) => `${named(p.party, lang)}${aside(participantRoleWords[p.role][lang], lang)}`)
      .join(sep);
    const until = e.endDate ? `–${date(e.endDate)}` : '';
    const head = `${date(e.date)}${until} ${engagementTypeWords[e.type][lang]}: ${plain(nameIn(e.title, lang))}`;
    return who === '' ? head : `${head}\n  - ${w('participants')}: ${who}`;
  });
  out.push(...list(engagements, lang), '');

  out.push(`## ${w('followUps')}`, '');
  const followUps = brief.followUps.map((f) => {
    const due = f.followUp.due ? `${w('due')} ${date(f.followUp.due)}` : w('noDue');
    const late = f.overdue ? ` **${w('overdue')}**` : '';
    return `${plain(f.followUp.text)}${aside(due, lang)}${late} — ${plain(nameIn(f.engagement.title, lang))}`;
  });
  out.push(...list(followUps, lang), '');

  out.push(`## ${w('anniversaries')}`, '');
  const anniversaries = brief.anniversaries.map(
    (a) =>
      `${date(a.date)} ${w('anniversary', { years: a.years })}: ${linkKindWords[a.link.kind][lang]} — ${named(a.party, lang)}`,
  );
  out.push(...list(anniversaries, lang), '');

  out.push(`## ${w('programmes')}`, '');
  const counted = [
    ...brief.programmes.map(
      (p) => `${plain(nameIn(p.name, lang))}${aside(w('engagementsCount', { n: p.engagements }), lang)}`,
    ),
    ...brief.indicators.map(
      (i) =>
        `${plain(nameIn(i.name, lang))}${aside(
          `${w('countsIn')} ${i.fiscalYears.map((fy) => formatFiscalYear(fy, { lang })).join(sep)}`,
          lang,
        )}`,
    ),
  ];
  out.push(...list(counted, lang), '');
  return out.join('\n');
}
