/**
 * The briefing sheet (ブリーフィング資料): the one-page brief on an entity that staff print before a
 * courtesy call, laid out from the core's `briefing` structure in the user's language. It prints
 * on A4 from the browser (the app's bars are left out in print) and downloads as Markdown, the
 * same text `musubi briefing` prints.
 */
import { countryName, formatFiscalYear, formatPartialDate, type Lang, nameIn } from '@musubi/core';
import { type Briefing, briefing } from '@musubi/core/briefing';
import { briefingToMarkdown } from '@musubi/core/markdown';
import {
  type BriefingWord,
  briefingWord,
  engagementTypeWords,
  entityKindWords,
  linkEventWords,
  linkKindWords,
  participantRoleWords,
} from '@musubi/core/words';
import { useMemo } from 'react';
import { useToday } from '../app/clock.js';
import { useNetwork } from '../app/network-context.js';
import { download } from '../files/download.js';
import { EntityPicker } from '../forms/EntityPicker.js';
import { useI18n } from '../i18n/i18n.js';
import './briefing.css';

export interface BriefingPageProps {
  /** The entity briefed on; none yet shows only the picker. */
  entity: string | undefined;
  onChoose: (id: string | undefined) => void;
  /** The day of the brief (YYYY-MM-DD); default today by the app's clock. */
  today?: string;
}

function Section({ title, empty, children }: { title: string; empty: boolean; children: React.ReactNode }) {
  const { lang } = useI18n();
  return (
    <section className="briefing-section">
      <h3>{title}</h3>
      {empty ? <p className="muted">{briefingWord('none', lang)}</p> : children}
    </section>
  );
}

function aside(text: string, lang: Lang): string {
  return lang === 'ja' ? `（${text}）` : ` (${text})`;
}

/** The brief laid out as a sheet. */
export function BriefingSheet({ brief }: { brief: Briefing }) {
  const { lang } = useI18n();
  const w = (word: BriefingWord, vars?: Record<string, string | number>) => briefingWord(word, lang, vars);
  const date = (d: string) => formatPartialDate(d, lang);
  const sep = lang === 'ja' ? '、' : ', ';
  const { entity } = brief;
  const otherName = lang === 'ja' ? entity.name.en : entity.name.ja;
  return (
    <article className="briefing-sheet" aria-labelledby="briefing-title">
      <header>
        <p className="briefing-kicker">{w('title')}</p>
        <h2 id="briefing-title">{nameIn(entity.name, lang)}</h2>
        {otherName !== undefined && otherName !== nameIn(entity.name, lang) && (
          <p lang={lang === 'ja' ? 'en' : 'ja'}>{otherName}</p>
        )}
        <p className="muted">
          {w('prepared')}: <time dateTime={brief.today}>{date(brief.today)}</time>
        </p>
        {brief.illustrative && (
          <p className="briefing-caution" role="note">
            {w('illustrative')}
          </p>
        )}
      </header>
      <Section title={w('who')} empty={false}>
        <dl className="briefing-facts">
          <dt>{w('kind')}</dt>
          <dd>{entityKindWords[entity.kind][lang]}</dd>
          {entity.country && (
            <>
              <dt>{w('country')}</dt>
              <dd>{countryName(entity.country, lang) ?? entity.country}</dd>
            </>
          )}
          {entity.aliases.length > 0 && (
            <>
              <dt>{w('aliases')}</dt>
              <dd>{entity.aliases.join(sep)}</dd>
            </>
          )}
          {entity.notes && (
            <>
              <dt>{w('notes')}</dt>
              <dd className="briefing-notes">{entity.notes}</dd>
            </>
          )}
        </dl>
      </Section>
      <Section title={w('posts')} empty={brief.posts.length === 0}>
        <ul>
          {brief.posts.map((p) => (
            <li key={`${p.person.id}-${p.at.id}`}>
              {p.title && <strong>{nameIn(p.title, lang)}: </strong>}
              {nameIn((entity.kind === 'person' ? p.at : p.person).name, lang)}
              {p.from && aside(`${w('since')} ${date(p.from)}`, lang)}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={w('ties')} empty={brief.ties.length === 0}>
        <ul>
          {brief.ties.map((t) => (
            <li key={t.link.id}>
              <strong>{linkKindWords[t.link.kind][lang]}</strong>: {nameIn(t.other.name, lang)}
              {t.link.title && ` — ${nameIn(t.link.title, lang)}`}
              {t.events.length > 0 && (
                <ol className="briefing-events">
                  {t.events.map((e) => (
                    <li key={e.id}>
                      <time dateTime={e.date}>{date(e.date)}</time> {linkEventWords[e.type][lang]}
                      {e.note && aside(e.note, lang)}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={w('engagements')} empty={brief.engagements.length === 0}>
        <ul>
          {brief.engagements.map((e) => (
            <li key={e.id}>
              <time dateTime={e.date}>{date(e.date)}</time> {engagementTypeWords[e.type][lang]}:{' '}
              {nameIn(e.title, lang)}
              <br />
              <span className="muted">
                {w('participants')}:{' '}
                {e.participants
                  .filter((p) => p.party.id !== entity.id)
                  .map(
                    (p) => `${nameIn(p.party.name, lang)}${aside(participantRoleWords[p.role][lang], lang)}`,
                  )
                  .join(sep)}
              </span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={w('followUps')} empty={brief.followUps.length === 0}>
        <ul>
          {brief.followUps.map((f) => (
            <li
              key={`${f.engagement.id}-${f.followUp.id}`}
              className={f.overdue ? 'briefing-overdue' : undefined}
            >
              {f.followUp.text}
              {aside(f.followUp.due ? `${w('due')} ${date(f.followUp.due)}` : w('noDue'), lang)}
              {f.overdue && <strong> {w('overdue')}</strong>}
              <span className="muted"> — {nameIn(f.engagement.title, lang)}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={w('anniversaries')} empty={brief.anniversaries.length === 0}>
        <ul>
          {brief.anniversaries.map((a) => (
            <li key={`${a.link.id}-${a.years}`}>
              <time dateTime={a.date}>{date(a.date)}</time> {w('anniversary', { years: a.years })}:{' '}
              {linkKindWords[a.link.kind][lang]} — {nameIn(a.party.name, lang)}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={w('programmes')} empty={brief.programmes.length + brief.indicators.length === 0}>
        <ul>
          {brief.programmes.map((p) => (
            <li key={p.id}>
              {nameIn(p.name, lang)}
              {aside(w('engagementsCount', { n: p.engagements }), lang)}
            </li>
          ))}
          {brief.indicators.map((i) => (
            <li key={i.id}>
              {nameIn(i.name, lang)}
              {aside(
                `${w('countsIn')} ${i.fiscalYears.map((fy) => formatFiscalYear(fy, { lang })).join(sep)}`,
                lang,
              )}
            </li>
          ))}
        </ul>
      </Section>
    </article>
  );
}

export function BriefingPage({ entity, onChoose, today: fixed }: BriefingPageProps) {
  const clockToday = useToday();
  const today = fixed ?? clockToday;
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const brief = useMemo(
    () => (entity !== undefined && network.entity(entity) ? briefing(network, entity, { today }) : undefined),
    [network, version, entity, today],
  );
  return (
    <div className="briefing-page">
      <div className="briefing-toolbar no-print">
        <h2>{t('briefing.title')}</h2>
        <p className="muted">{t('briefing.intro')}</p>
        <EntityPicker
          label={t('briefing.choose')}
          value={brief ? entity : undefined}
          onChange={onChoose}
          createKinds={[]}
        />
        {brief && (
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => window.print()}>
              {t('briefing.print')}
            </button>
            <button
              type="button"
              onClick={() =>
                download({
                  name: `briefing-${brief.entity.id}-${lang}.md`,
                  type: 'text/markdown;charset=utf-8',
                  data: briefingToMarkdown(brief, { lang }),
                })
              }
            >
              {t('briefing.markdown')}
            </button>
          </div>
        )}
      </div>
      {brief && <BriefingSheet brief={brief} />}
    </div>
  );
}
