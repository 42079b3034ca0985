/**
 * The header's word on the team server: 保存済み / 送信待ち N 件 / オフライン / 競合 N 件 (and in
 * English). Conflicts open the conflict view. Warns before the page is closed while changes are
 * still to be sent (they are kept in IndexedDB, but the user should know they are not shared yet).
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { ConflictView } from './ConflictView.js';
import type { TeamSync } from './sync-state.js';
import { useSync } from './team-context.js';

export function SyncIndicator({ sync, server }: { sync: TeamSync; server: string }) {
  const { t } = useI18n();
  const { state, conflicts } = useSync(sync);
  const dialog = useRef<HTMLDialogElement>(null);
  const unsent = state.status !== 'saved';
  useEffect(() => {
    if (!unsent) return;
    const onLeave = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener('beforeunload', onLeave);
    return () => removeEventListener('beforeunload', onLeave);
  }, [unsent]);
  useEffect(() => {
    if (conflicts.length === 0) dialog.current?.close();
  }, [conflicts.length]);

  if (state.status === 'conflict') {
    return (
      <>
        <button
          type="button"
          className="save-state sync-state conflict"
          data-sync={state.status}
          title={t('sync.conflictTitle', { count: state.count })}
          aria-haspopup="dialog"
          onClick={() => dialog.current?.showModal()}
        >
          {t('sync.conflict', { count: state.count })}
        </button>
        <dialog ref={dialog} className="conflict-dialog" aria-labelledby="conflict-heading">
          <ConflictView sync={sync} conflicts={conflicts} onClose={() => dialog.current?.close()} />
        </dialog>
      </>
    );
  }
  const [text, title] =
    state.status === 'saved'
      ? [t('sync.saved'), t('sync.savedTitle', { server })]
      : state.status === 'pending'
        ? [t('sync.pending', { count: state.count }), t('sync.pendingTitle', { count: state.count })]
        : [t('sync.offline'), t('sync.offlineTitle', { count: state.count })];
  return (
    <output className={`save-state sync-state ${state.status}`} data-sync={state.status} title={title} aria-live="polite">
      {text}
    </output>
  );
}
