/**
 * The record view (記録): the visit form first (the most common task), then forms for every other
 * write of the core library.
 */
import { nameIn } from '@musubi/core';
import { useState } from 'react';
import { useNetwork } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';
import { ActivityForms } from './activities/ActivityForms.js';
import { EntityForms } from './entities/EntityForms.js';
import { VisitForm } from './visit/VisitForm.js';

export function RecordPage({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const [round, setRound] = useState(0);
  const [done, setDone] = useState<{ title: string; show: string }>();
  return (
    <div className="record-page">
      <section aria-labelledby="record-visit-section">
        <h2 id="record-visit-section">{t('record.visit.title')}</h2>
        {done && (
          <output className="notice" aria-live="polite">
            {t('record.visit.done', { title: done.title })}{' '}
            <button type="button" className="link" onClick={() => onOpen(done.show)}>
              {t('record.visit.showOnMap')}
            </button>
          </output>
        )}
        <VisitForm
          key={round}
          onRecorded={(id, show) => {
            const engagement = network.engagement(id);
            setDone({ title: engagement ? nameIn(engagement.title, lang) : id, show });
            setRound((r) => r + 1);
          }}
        />
      </section>
      <EntityForms onOpen={onOpen} />
      <ActivityForms onOpen={onOpen} />
    </div>
  );
}
