/** The anniversaries of the next twelve months, for the prefecture's panel and the start page. */
import { type NetworkView, nameIn, upcomingAnniversaries } from '@musubi/core';
import { useI18n } from '../i18n/i18n.js';

export function AnniversaryList({
  network,
  from,
  entity,
  onOpen,
}: {
  network: NetworkView;
  from: string;
  entity?: string;
  onOpen: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const found = upcomingAnniversaries(network, { from, ...(entity !== undefined ? { entity } : {}) });
  if (found.length === 0) return <p className="muted">{t('anniversary.none')}</p>;
  return (
    <ul className="plain anniversaries" data-testid="anniversaries">
      {found.map((a) => {
        const other = network.entity(a.other);
        const otherName = other ? nameIn(other.name, lang) : a.other;
        const title = a.link.title ? nameIn(a.link.title, lang) : t(`link.${a.link.kind}`);
        return (
          <li key={`${a.link.id}-${a.years}`}>
            <time dateTime={a.date}>{a.date}</time>{' '}
            <button type="button" className="linklike" onClick={() => onOpen(a.other)}>
              {t('anniversary.label', { years: a.years, title, other: otherName })}
            </button>
            {a.major && <span className="badge">{t('anniversary.major')}</span>}
          </li>
        );
      })}
    </ul>
  );
}
