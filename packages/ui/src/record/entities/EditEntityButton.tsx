/** The "Edit" button of an entity's panel: opens the record view's entity form on that entity. */
import { type Entity, nameIn } from '@musubi/core';
import { useI18n } from '../../i18n/i18n.js';
import { openEntityEditor } from './edit-url.js';
import './entities.css';

export function EditEntityButton({ entity }: { entity: Entity }) {
  const { t, lang } = useI18n();
  return (
    <button
      type="button"
      className="edit-open"
      onClick={() => openEntityEditor(entity.id)}
      aria-label={t('edit.panel.editLabel', { name: nameIn(entity.name, lang) })}
    >
      {t('edit.panel.edit')}
    </button>
  );
}
