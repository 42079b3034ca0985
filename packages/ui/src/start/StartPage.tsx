/** The start page: what Musubi shows, overdue follow-ups, the anniversaries of the next twelve months, ways in. */
import type { Network } from '@musubi/core';
import { useToday } from '../app/clock.js';
import type { TabId } from '../app/tabs.js';
import { useI18n } from '../i18n/i18n.js';
import { SearchBox } from '../map/SearchBox.js';
import { AnniversaryList } from '../panels/AnniversaryList.js';
import { followUpsToDo } from '../panels/follow-ups.js';

export function StartPage({
  network,
  onOpen,
  onView,
}: {
  network: Network;
  onOpen: (id: string) => void;
  onView: (view: TabId) => void;
}) {
  const { t } = useI18n();
  const today = useToday();
  const counts = network.counts();
  const overdue = followUpsToDo(network.engagements(), today).filter((f) => f.overdue).length;
  return (
    <div className="start">
      <h2>{t('start.title')}</h2>
      <p>{t('start.intro')}</p>
      {overdue > 0 && (
        <p className="start-overdue" role="status">
          <strong>{t('followUps.overdueCount', { n: overdue })}</strong>{' '}
          <button type="button" onClick={() => onView('follow-ups')}>
            {t('followUps.showList')}
          </button>
        </p>
      )}
      <SearchBox view={network} onFound={onOpen} />
      <p>
        {t('counts.entities')} {counts.entities} · {t('counts.links')} {counts.links} ·{' '}
        {t('counts.engagements')} {counts.engagements}
      </p>
      <p className="actions">
        <button type="button" onClick={() => onView('map')}>
          {t('start.openMap')}
        </button>
        <button type="button" onClick={() => onView('world')}>
          {t('start.openWorld')}
        </button>
      </p>
      <section>
        <h3>{t('panel.anniversaries')}</h3>
        <AnniversaryList network={network} from={today} onOpen={onOpen} />
      </section>
    </div>
  );
}
