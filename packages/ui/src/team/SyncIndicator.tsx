/**
 * The header's word on the team server: 保存済み / 送信待ち N 件 / オフライン / 競合 N 件 (and in
 * English), from the replica's sync state. Conflicts open the conflict view. Warns before the page
 * is closed while changes are still to be sent (they are kept in IndexedDB, but not shared yet).
 */
import type { Replica, SyncState } from '@musubi/core/client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { ConflictView } from './ConflictView.js';
import { conflictsOf } from './conflicts.js';

/** The replica's sync state, re-rendering on each change of it. */
export function useSyncState(replica: Replica): SyncState {
  const [state, setState] = useState(replica.syncState);
  useEffect(() => {
    setState(replica.syncState);
    return replica.onSyncState(setState);
  }, [replica]);
  return state;
}

export function SyncIndicator({ replica, server }: { replica: Replica; server: string }) {
  const { t } = useI18n();
  const state = useSyncState(replica);
  const dialog = useRef<HTMLDialogElement>(null);
  const conflicts = useMemo(
    () =>
      state.status === 'conflict' ? conflictsOf(replica.setAside(), (c, id) => replica.record(c, id)) : [],
    [replica, state],
  );
  const unsent = state.status !== 'saved';
  useEffect(() => {
    if (!unsent) return;
    const onLeave = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener('beforeunload', onLeave);
    return () => removeEventListener('beforeunload', onLeave);
  }, [unsent]);

  if (state.status === 'conflict') {
    return (
      <>
        <button
          type="button"
          className="save-state sync-state conflict"
          data-sync={state.status}
          title={t('sync.conflictTitle', { count: state.conflicts })}
          aria-haspopup="dialog"
          onClick={() => dialog.current?.showModal()}
        >
          {t('sync.conflict', { count: state.conflicts })}
        </button>
        <dialog ref={dialog} className="conflict-dialog" aria-labelledby="conflict-heading">
          <ConflictView replica={replica} conflicts={conflicts} onClose={() => dialog.current?.close()} />
        </dialog>
      </>
    );
  }
  const [text, title] =
    state.status === 'saved'
      ? [t('sync.saved'), t('sync.savedTitle', { server })]
      : state.status === 'pending'
        ? [t('sync.pending', { count: state.pending }), t('sync.pendingTitle', { count: state.pending })]
        : [t('sync.offline'), t('sync.offlineTitle', { count: state.pending })];
  return (
    <output
      className={`save-state sync-state ${state.status}`}
      data-sync={state.status}
      title={title}
      aria-live="polite"
    >
      {text}
    </output>
  );
}
