/**
 * Says whether what was recorded is safe: 保存済み / Saved, 保存中… / Saving…, or a failure that
 * names the unsaved changes. Warns before the page is closed while changes are still being saved.
 */
import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useSaveState, useWorkspace } from './network-context.js';

export function SaveIndicator() {
  const { t } = useI18n();
  const state = useSaveState();
  const workspace = useWorkspace();
  const unsafe = state.status !== 'saved';
  useEffect(() => {
    if (!unsafe) return;
    const onLeave = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener('beforeunload', onLeave);
    return () => removeEventListener('beforeunload', onLeave);
  }, [unsafe]);

  if (workspace?.problem !== undefined) {
    return (
      <span className="save-state failed" role="alert" title={workspace.problem}>
        {t('save.memoryOnly')}
      </span>
    );
  }
  if (workspace?.description === undefined) return null;
  if (state.status === 'failed') {
    return (
      <span className="save-state failed" role="alert" title={state.error.message}>
        {t('save.failed', { count: state.unsaved.length })}
      </span>
    );
  }
  return (
    <output className={`save-state ${state.status}`} title={workspace.description} aria-live="polite">
      {state.status === 'saving' ? t('save.saving') : t('save.saved')}
    </output>
  );
}
