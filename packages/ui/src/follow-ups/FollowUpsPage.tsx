/**
 * The follow-up list (フォローアップ): every follow-up of the network by group — overdue, this week,
 * later, done — with its engagement, partner and owner, marked done from the list; the coming
 * anniversaries and renewals of ties in the same list.
 */
import { formatPartialDate, isMusubiError, nameIn } from '@musubi/core';
import { useMemo, useState } from 'react';
import { useToday } from '../app/clock.js';
import { useNetwork } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';
import { type FollowUpListItem, followUpGroups, followUpList, markDone } from './follow-up-list.js';
import './follow-ups.css';

/** `text` in brackets, as each language writes them. */
function aside(text: string | number, lang: 'ja' | 'en'): string {
  return lang === 'ja' ? `（${text}）` : ` (${text})`;
}

function Item({ item, onOpen }: { item: FollowUpListItem; onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const [problem, setProblem] = useState<string>();
  const name = (id: string) => {
    const entity = network.entity(id);
    return entity ? nameIn(entity.name, lang) : id;
  };
  const date = (d: string) => formatPartialDate(d, lang);
  if (item.kind === 'anniversary') {
    const { anniversary: a } = item;
    return (
      <li className="follow-up-item follow-up-anniversary">
        <span className="follow-up-due">{date(a.date)}</span>{' '}
        <span className="follow-up-tag">
          {t(item.renewal ? 'followUps.renewal' : 'followUps.anniversary', { years: a.years })}
        </span>{' '}
        {t(`link.${a.link.kind}`)}: {name(a.link.source)} — {name(a.link.target)}
      </li>
    );
  }
  const { followUp: f, engagement: g } = item;
  return (
    <li className={`follow-up-item follow-up-${item.group}`}>
      <span className="follow-up-due">{f.due ? date(f.due) : t('followUps.noDue')}</span>{' '}
      {item.group === 'overdue' && (
        <span className="follow-up-tag follow-up-late">{t('followUps.overdue')}</span>
      )}{' '}
      <strong>{f.text}</strong>
      <div className="muted follow-up-context">
        {t('followUps.engagement')}: {nameIn(g.title, lang)}
        {aside(date(g.date), lang)} · {t('followUps.partner')}:{' '}
        {item.partners.map((id, i) => (
          <span key={id}>
            {i > 0 && (lang === 'ja' ? '、' : ', ')}
            <button type="button" className="link" onClick={() => onOpen(id)}>
              {name(id)}
            </button>
          </span>
        ))}{' '}
        · {t('followUps.owner')}: {item.owner ?? '—'}
      </div>
      {item.group !== 'done' && (
        <button
          type="button"
          onClick={() => {
            setProblem(undefined);
            try {
              markDone(network, g.id, f.id);
            } catch (error) {
              setProblem(isMusubiError(error) ? error.code : String(error));
            }
          }}
          aria-label={t('followUps.markDoneLabel', { text: f.text })}
        >
          {t('followUps.markDone')}
        </button>
      )}
      {problem && (
        <span role="alert" className="field-error">
          {t('followUps.failed', { reason: problem })}
        </span>
      )}
    </li>
  );
}

export function FollowUpsPage({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const today = useToday();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const groups = useMemo(() => followUpList(network, today), [network, version, today]);
  return (
    <div className="follow-ups-page">
      <h2>{t('followUps.title')}</h2>
      <p className="muted">{t('followUps.intro')}</p>
      {followUpGroups.map((group) => (
        <section key={group} aria-labelledby={`follow-ups-${group}`} data-group={group}>
          <h3 id={`follow-ups-${group}`}>
            {t(`followUps.group.${group}`)}
            {aside(groups[group].length, lang)}
          </h3>
          {groups[group].length === 0 ? (
            <p className="muted">{t('followUps.none')}</p>
          ) : (
            <ul className="follow-up-list" aria-labelledby={`follow-ups-${group}`}>
              {groups[group].map((item) => (
                <Item
                  key={
                    item.kind === 'anniversary'
                      ? `${item.anniversary.link.id}-${item.anniversary.years}`
                      : `${item.engagement.id}-${item.followUp.id}`
                  }
                  item={item}
                  onOpen={onOpen}
                />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
