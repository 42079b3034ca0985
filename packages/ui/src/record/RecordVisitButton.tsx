/**
 * "Record a visit" (来訪を記録) in the header: one click from every view opens the form in a
 * modal dialog. After recording, a notice names what was recorded and offers to show it on the map.
 */
import { nameIn } from '@musubi/core';
import { lazy, Suspense, useRef, useState } from 'react';
import { Loading } from '../app/LoadingShell.js';
import { useNetwork } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';

// the form's code (react-hook-form, the planners) loads when the dialog first opens
const VisitForm = lazy(() => import('./visit/VisitForm.js').then((m) => ({ default: m.VisitForm })));

export function RecordVisitButton({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  // a new form each time the dialog opens, so nothing typed before lingers
  const [round, setRound] = useState(0);
  const [done, setDone] = useState<{ title: string; show: string }>();

  const show = () => {
    setRound((r) => r + 1);
    setOpen(true);
    setDone(undefined);
    dialog.current?.showModal();
  };
  const close = () => {
    dialog.current?.close();
    setOpen(false);
  };

  return (
    <>
      <button type="button" className="primary" onClick={show}>
        {t('record.visit.open')}
      </button>
      <dialog
        ref={dialog}
        className="record-dialog"
        aria-labelledby="record-visit-heading"
        onClose={() => setOpen(false)}
      >
        <header>
          <h2 id="record-visit-heading">{t('record.visit.title')}</h2>
          <button type="button" onClick={close} aria-label={t('record.visit.close')}>
            ×
          </button>
        </header>
        {open && (
          <Suspense fallback={<Loading />}>
            <VisitForm
              key={round}
              onCancel={close}
              onRecorded={(id, entity) => {
                const engagement = network.engagement(id);
                setDone({ title: engagement ? nameIn(engagement.title, lang) : id, show: entity });
                close();
              }}
            />
          </Suspense>
        )}
      </dialog>
      {done && (
        <output className="notice" aria-live="polite">
          {t('record.visit.done', { title: done.title })}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              onOpen(done.show);
              setDone(undefined);
            }}
          >
            {t('record.visit.showOnMap')}
          </button>
          <button type="button" onClick={() => setDone(undefined)} aria-label={t('record.visit.close')}>
            ×
          </button>
        </output>
      )}
    </>
  );
}
