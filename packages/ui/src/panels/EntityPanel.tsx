/**
 * An entity's panel: names, kind, country, notes (always as text), links with their full history,
 * the people who held posts there (and their visits), engagements, follow-ups still to do (an overdue
 * one stays, marked overdue, until it is done) and, for the prefecture, the anniversaries of the
 * next twelve months. "Today" is the app's clock.
 */
import { countryName, type Network, nameIn } from '@musubi/core';
import { X } from 'lucide-react';
import { useToday } from '../app/clock.js';
import { useI18n } from '../i18n/i18n.js';
import { EditEntityButton } from '../record/entities/EditEntityButton.js';
import { useCanWrite } from '../team/team-context.js';
import { AnniversaryList } from './AnniversaryList.js';
import { followUpsToDo } from './follow-ups.js';
import { LinkHistory } from './LinkHistory.js';

export interface EntityPanelProps {
  network: Network;
  id: string;
  onOpen: (id: string) => void;
  onClose: () => void;
}

export function EntityPanel({ network, id, onOpen, onClose }: EntityPanelProps) {
  const { t, lang } = useI18n();
  const today = useToday();
  const canWrite = useCanWrite();
  const entity = network.entity(id);
  if (!entity) return null;
  const name = (other: string) => {
    const e = network.entity(other);
    return e ? nameIn(e.name, lang) : other;
  };
  const links = network.links({ entity: id }).filter((l) => l.kind !== 'role');
  const roles = network.roles(id).filter((r) => r.entity === id);
  // a person's own posts (ambassador at the embassy), where they hold them
  const posts = network.roles(id).filter((r) => r.person === id);
  const engagements = network.engagements({ entity: id });
  const followUps = followUpsToDo(engagements, today);
  return (
    <aside className="panel" aria-labelledby="panel-title">
      <header>
        <h2 id="panel-title">{nameIn(entity.name, lang)}</h2>
        <span className="edit-panel-actions">
          {canWrite && <EditEntityButton entity={entity} />}
          <button type="button" onClick={onClose} aria-label={t('panel.close')}>
            <X className="icon" aria-hidden="true" />
          </button>
        </span>
      </header>
      <dl className="facts">
        <dt>{t('panel.names')}</dt>
        <dd lang="ja">{entity.name.ja ?? '—'}</dd>
        <dd lang="en">{entity.name.en ?? '—'}</dd>
        {entity.aliases.length > 0 && (
          <>
            <dt>{t('panel.aliases')}</dt>
            <dd>{entity.aliases.join(', ')}</dd>
          </>
        )}
        <dt>{t('panel.kind')}</dt>
        <dd>{t(`kind.${entity.kind}`)}</dd>
        {entity.country && (
          <>
            <dt>{t('panel.country')}</dt>
            <dd>{countryName(entity.country, lang) ?? entity.country}</dd>
          </>
        )}
      </dl>
      {entity.notes && (
        <section>
          <h3>{t('panel.notes')}</h3>
          <p className="notes" data-testid="panel-notes">
            {entity.notes}
          </p>
        </section>
      )}
      {entity.kind === 'self' && (
        <section>
          <h3>{t('panel.anniversaries')}</h3>
          <AnniversaryList network={network} from={today} entity={id} onOpen={onOpen} />
        </section>
      )}
      {posts.length > 0 && (
        <section>
          <h3>{t('panel.posts')}</h3>
          <ol className="plain" data-testid="panel-posts">
            {posts.map((r) => (
              <li key={r.link.id}>
                {r.title && <>{nameIn(r.title, lang)} </>}
                <button type="button" className="linklike" onClick={() => onOpen(r.entity)}>
                  {name(r.entity)}
                </button>{' '}
                <span>
                  {t('panel.roleHeld', {
                    from: r.from ?? t('panel.unknown'),
                    to: r.to ?? t('panel.present'),
                  })}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <section>
        <h3>{t('panel.links')}</h3>
        {links.length === 0 ? (
          <p className="muted">{t(posts.length > 0 ? 'panel.noOtherLinks' : 'panel.noLinks')}</p>
        ) : (
          <ul className="plain">
            {links.map((l) => {
              const other = l.source === id ? l.target : l.source;
              return <LinkHistory key={l.id} link={l} otherName={name(other)} onOpen={() => onOpen(other)} />;
            })}
          </ul>
        )}
      </section>
      {roles.length > 0 && (
        <section>
          <h3>{t('panel.roles')}</h3>
          <ol className="roles" data-testid="panel-roles">
            {roles.map((r) => {
              const visits = network
                .engagements({ entity: r.person })
                .filter(
                  (g) =>
                    g.participants.some((p) => p.entity === r.person && p.role === 'visitor') ||
                    g.type === 'courtesy-visit',
                );
              return (
                <li key={r.link.id}>
                  <button type="button" className="linklike" onClick={() => onOpen(r.person)}>
                    {name(r.person)}
                  </button>{' '}
                  {r.title && <span className="muted">{nameIn(r.title, lang)}</span>}{' '}
                  <span>
                    {t('panel.roleHeld', {
                      from: r.from ?? t('panel.unknown'),
                      to: r.to ?? t('panel.present'),
                    })}
                  </span>
                  <div className="visits">
                    {t('panel.visits')}:{' '}
                    {visits.length === 0
                      ? t('panel.noVisits')
                      : visits.map((g) => `${g.date} ${nameIn(g.title, lang)}`).join(' / ')}
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      <section>
        <h3>{t('panel.engagements')}</h3>
        {engagements.length === 0 ? (
          <p className="muted">{t('panel.noEngagements')}</p>
        ) : (
          <ol className="plain">
            {engagements.map((g) => (
              <li key={g.id}>
                <time dateTime={g.date}>{g.date}</time> {t(`engagement.${g.type}`)} — {nameIn(g.title, lang)}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section>
        <h3>{t('panel.followUps')}</h3>
        {followUps.length === 0 ? (
          <p className="muted">{t('panel.noFollowUps')}</p>
        ) : (
          <ul className="plain">
            {followUps.map(({ followUp: f, engagement: g, overdue }) => (
              <li key={`${g.id}-${f.id}`} data-overdue={overdue || undefined}>
                {f.text} {f.due && <span className="muted">{t('panel.due', { date: f.due })}</span>}
                {overdue && <strong className="overdue"> {t('panel.overdue')}</strong>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
