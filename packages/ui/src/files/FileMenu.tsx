/**
 * The File menu (ファイル) in the header: a button that opens a modal dialog with the network file
 * (save, open, reset to the example), import into the network, and export. A native <dialog>:
 * focus stays inside, Escape closes it, and focus returns to the button.
 */
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { Loading } from '../app/LoadingShell.js';
import { useI18n } from '../i18n/i18n.js';
import { useCanWrite, useTeam } from '../team/team-context.js';
import { peekNotice, stashNotice } from './replaced-notice.js';
import './files.css';

// the formats' code (CSV, GEXF and GraphML readers, the workbook writer) loads when the menu first opens
const ExportSection = lazy(() => import('./ExportSection.js').then((m) => ({ default: m.ExportSection })));
const ImportSection = lazy(() => import('./ImportSection.js').then((m) => ({ default: m.ImportSection })));
const NetworkFileSection = lazy(() =>
  import('./NetworkFileSection.js').then((m) => ({ default: m.NetworkFileSection })),
);

export function FileMenu() {
  const { t } = useI18n();
  const team = useTeam();
  const canWrite = useCanWrite();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [open, setOpen] = useState(false);
  // a fresh dialog each time it opens, so an old report does not linger
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState(peekNotice);
  useEffect(() => {
    stashNotice(undefined);
  }, []);

  const show = () => {
    setRound((r) => r + 1);
    setOpen(true);
    dialog.current?.showModal();
  };
  const close = () => dialog.current?.close();

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={`${id}-dialog`}
        onClick={show}
      >
        {t('files.menu.open')}
      </button>
      <dialog
        ref={dialog}
        id={`${id}-dialog`}
        className="files-dialog"
        aria-labelledby={`${id}-heading`}
        onClose={(event) => {
          // React passes a nested dialog's close (the replace confirmation) up the tree: ignore it
          if (event.target === event.currentTarget) setOpen(false);
        }}
      >
        <header>
          <h2 id={`${id}-heading`}>{t('files.menu.title')}</h2>
          <button type="button" onClick={close} aria-label={t('files.menu.close')}>
            ×
          </button>
        </header>
        {open && (
          <div key={round} className="files-body">
            <Suspense fallback={<Loading />}>
              {/* on a team server the network is the team's: no replacing it from a file */}
              {!team && <NetworkFileSection />}
              {canWrite && <ImportSection />}
              <ExportSection />
            </Suspense>
          </div>
        )}
      </dialog>
      {notice && (
        <output className="notice files-notice" aria-live="polite">
          {notice}{' '}
          <button type="button" onClick={() => setNotice(undefined)} aria-label={t('files.menu.close')}>
            ×
          </button>
        </output>
      )}
    </>
  );
}
