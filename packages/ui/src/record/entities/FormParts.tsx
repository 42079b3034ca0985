/** The notice the entity, role and link forms show after a write. */
import { useI18n } from '../../i18n/i18n.js';

/** What was written, with a button to show it on the map. */
export interface Notice {
  message: string;
  show?: string | undefined;
}

export function NoticeLine({ notice, onOpen }: { notice: Notice; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const show = notice.show;
  return (
    <output className="notice edit-notice" aria-live="polite">
      {notice.message}{' '}
      {show !== undefined && (
        <button type="button" className="link" onClick={() => onOpen(show)}>
          {t('edit.showOnMap')}
        </button>
      )}
    </output>
  );
}
