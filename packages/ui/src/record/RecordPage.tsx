/**
 * The record view (記録): the visit form first (the most common task), then forms for every other
 * write of the core library.
 */
import { nameIn } from '@musubi/core';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { useNetwork } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';
import { ActivityForms } from './activities/ActivityForms.js';
import { EntityForms } from './entities/EntityForms.js';
import { VisitForm } from './visit/VisitForm.js';

/** The page's sections, read from its own headings, as links that move there (the page is long). */
function Contents({ page }: { page: RefObject<HTMLDivElement | null> }) {
  const { t, lang } = useI18n();
  const [heads, setHeads] = useState<{ id: string; text: string }[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the headings change with the language
  useEffect(() => {
    const found = [...(page.current?.querySelectorAll<HTMLHeadingElement>('h2[id]') ?? [])];
    setHeads(found.map((h) => ({ id: h.id, text: h.textContent ?? '' })));
  }, [page, lang]);
  if (heads.length < 2) return null;
  return (
    <nav className="record-contents" aria-label={t('record.contents')}>
      <ul>
        {heads.map((h) => (
          <li key={h.id}>
            <a
              href={`#${h.id}`}
              onClick={(event) => {
                event.preventDefault();
                const target = document.getElementById(h.id);
                target?.scrollIntoView({ block: 'start' });
                target?.setAttribute('tabindex', '-1');
                target?.focus();
              }}
            >
              {h.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function RecordPage({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const [round, setRound] = useState(0);
  const [done, setDone] = useState<{ title: string; show: string }>();
  const page = useRef<HTMLDivElement>(null);
  return (
    <div className="record-page" ref={page}>
      <Contents page={page} />
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
