/**
 * The records behind an actual (実績値の内訳): the engagements or entities the indicator counts in
 * a fiscal year, each entity a button that shows it on the network map.
 */
import { countryName, type Engagement, type Entity, type FiscalYear, type Id, nameIn } from '@musubi/core';
import { useId, useMemo } from 'react';
import { useNetwork } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';
import { countedRecords, shownParticipants } from './counted.js';

function EntityButton({ entity, onOpen, hint }: { entity: Entity; onOpen: (id: Id) => void; hint: string }) {
  const { lang } = useI18n();
  const country = entity.country === undefined ? undefined : countryName(entity.country, lang);
  return (
    <>
      <button type="button" className="link" aria-describedby={hint} onClick={() => onOpen(entity.id)}>
        {nameIn(entity.name, lang)}
      </button>
      {country !== undefined && <span className="muted"> {country}</span>}
    </>
  );
}

function EngagementLine({ engagement }: { engagement: Engagement }) {
  const { lang } = useI18n();
  return (
    <>
      <span className="dashboard-date">{engagement.date}</span> {nameIn(engagement.title, lang)}
    </>
  );
}

export interface CountedListProps {
  indicator: Id;
  fiscalYear: FiscalYear;
  title: string;
  cumulative: boolean;
  onOpen: (id: Id) => void;
  onClose: () => void;
  id: string;
}

export function CountedList({
  indicator,
  fiscalYear,
  title,
  cumulative,
  onOpen,
  onClose,
  id,
}: CountedListProps) {
  const { t } = useI18n();
  const { network, version } = useNetwork();
  const hint = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const counted = useMemo(
    () => countedRecords(network, indicator, fiscalYear),
    [network, version, indicator, fiscalYear],
  );
  if (!counted) return null;
  const empty =
    counted.count === 'engagements' ? counted.engagements.length === 0 : counted.entities.length === 0;
  return (
    <section className="dashboard-counted" id={id} aria-labelledby={`${id}-title`}>
      <header>
        <h5 id={`${id}-title`}>{title}</h5>
        <button type="button" onClick={onClose}>
          {t('dashboard.counted.close')}
        </button>
      </header>
      {cumulative && <p className="muted">{t('dashboard.counted.cumulative')}</p>}
      <p className="muted" id={hint}>
        {t('dashboard.counted.hint')}
      </p>
      {empty && <p>{t('dashboard.counted.none')}</p>}
      {counted.count === 'distinct-entities' && !empty && (
        <ol className="dashboard-counted-list">
          {counted.entities.map(({ entity, engagements }) => {
            const [first] = engagements;
            return (
              <li key={entity.id}>
                <EntityButton entity={entity} onOpen={onOpen} hint={hint} />
                {first && (
                  <span className="muted">
                    {' — '}
                    <EngagementLine engagement={first} />
                    {engagements.length > 1 &&
                      ` ${t('dashboard.counted.more', { n: engagements.length - 1 })}`}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {counted.count === 'engagements' && !empty && (
        <ol className="dashboard-counted-list">
          {counted.engagements.map((engagement) => (
            <li key={engagement.id}>
              <EngagementLine engagement={engagement} />
              {shownParticipants(network, engagement).map((entity) => (
                <span key={entity.id} className="dashboard-participant">
                  <EntityButton entity={entity} onOpen={onOpen} hint={hint} />
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
