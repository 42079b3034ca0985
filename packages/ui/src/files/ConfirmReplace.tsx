/**
 * Asks before the whole network is replaced (opening a file, resetting to the example), offering
 * to save the current one first. A modal alert dialog: Escape or Cancel leaves everything as it was.
 */
import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/i18n.js';

export interface ConfirmReplaceProps {
  title: string;
  body: string;
  busy: boolean;
  onSaveFirst: () => void;
  onReplace: () => void;
  onCancel: () => void;
}

export function ConfirmReplace({ title, body, busy, onSaveFirst, onReplace, onCancel }: ConfirmReplaceProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // the safe choice has the focus first (showModal would give it to the first button)
    cancel.current?.focus();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      className="files-confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <p id={`${id}-body`}>{body}</p>
      <div className="files-actions">
        <button type="button" className="primary" onClick={onSaveFirst} disabled={busy}>
          {t('files.confirm.saveFirst')}
        </button>
        <button type="button" onClick={onReplace} disabled={busy}>
          {t('files.confirm.replace')}
        </button>
        <button ref={cancel} type="button" onClick={onCancel} disabled={busy}>
          {t('files.confirm.cancel')}
        </button>
      </div>
      {busy && <output aria-live="polite">{t('files.confirm.working')}</output>}
    </dialog>
  );
}
