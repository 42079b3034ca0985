/**
 * Finds a recorded engagement to change: by a participant (then that entity's engagements, newest
 * first) or by words of its title. Picking one opens it in the engagement form.
 */
import type { Engagement } from '@musubi/core';
import { useId, useMemo, useState } from 'react';
import { useNetwork } from '../../app/network-context.js';
import { EntityPicker } from '../../forms/EntityPicker.js';
import { useI18n } from '../../i18n/i18n.js';
import { typeName } from '../visit/VisitForm.js';
import { engagementLine, findEngagements } from './plan-engagement.js';

export function EngagementFinder({ onPick }: { onPick: (engagement: Engagement) => void }) {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const uid = useId();
  const [entity, setEntity] = useState<string>();
  const [text, setText] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const found = useMemo(() => {
    if (entity !== undefined) {
      const list = network.engagements({ entity }).slice().reverse();
      const q = text.trim();
      return q === '' ? list : findEngagements(network, q, 500).filter((e) => list.includes(e));
    }
    return findEngagements(network, text);
  }, [network, version, entity, text]);
  const searching = entity !== undefined || text.trim() !== '';

  return (
    <details className="activities-finder">
      <summary>{t('activities.engagement.find')}</summary>
      <EntityPicker
        label={t('activities.engagement.findByEntity')}
        value={entity}
        onChange={setEntity}
        createKinds={[]}
      />
      <div className="field">
        <label htmlFor={`${uid}-title`}>{t('activities.engagement.findByTitle')}</label>
        <input id={`${uid}-title`} type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {searching &&
        (found.length === 0 ? (
          <p className="muted">{t('activities.engagement.noneFound')}</p>
        ) : (
          <ul className="activities-found" aria-label={t('activities.engagement.found')}>
            {found.slice(0, 30).map((e) => {
              const line = engagementLine(e, typeName(e.type, lang), lang);
              return (
                <li key={e.id}>
                  <span>{line}</span>{' '}
                  <button
                    type="button"
                    aria-label={t('activities.engagement.editLabel', { line })}
                    onClick={() => onPick(e)}
                  >
                    {t('activities.engagement.edit')}
                  </button>
                </li>
              );
            })}
          </ul>
        ))}
    </details>
  );
}
