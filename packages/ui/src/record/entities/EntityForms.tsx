/**
 * Forms for entities, people and their roles, and links with their events, in the record view:
 * one task at a time (add or edit an entity, a person's role, a new link, an event or change of a
 * recorded link). After a write: a notice with a button to show the entity on the map, and the
 * form afresh. `?edit=<id>` (from an entity's panel) opens the entity form on that entity.
 */
import { useEffect, useState } from 'react';
import { currentSearch, subscribeToUrl } from '../../app/url-state.js';
import { useI18n } from '../../i18n/i18n.js';
import { EntityForm } from './EntityForm.js';
import { clearEditTarget, editTarget } from './edit-url.js';
import { type Notice, NoticeLine } from './FormParts.js';
import { LinkForm } from './LinkForm.js';
import { LinkWork } from './LinkWork.js';
import { RoleForm } from './RoleForm.js';
import './entities.css';

const tasks = ['entity', 'role', 'link', 'linkEvent'] as const;
type Task = (typeof tasks)[number];

export function EntityForms({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const [task, setTask] = useState<Task>('entity');
  const [editId, setEditId] = useState(() => editTarget(location.search));
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<Notice>();

  useEffect(() => {
    // the URL state says when `edit` is asked for again (another panel's edit button, Back)
    let seen = editTarget(currentSearch());
    return subscribeToUrl(() => {
      const next = editTarget(currentSearch());
      const changed = next !== seen;
      seen = next;
      if (next === undefined || !changed) return;
      setEditId(next);
      setTask('entity');
      setRound((r) => r + 1);
    });
  }, []);
  useEffect(() => {
    if (editId !== undefined) document.getElementById('edit-section')?.scrollIntoView({ block: 'start' });
  }, [editId]);

  const done = (next: Notice) => {
    setNotice(next);
    setEditId(undefined);
    clearEditTarget();
    setRound((r) => r + 1);
  };
  const choose = (next: Task) => {
    setTask(next);
    setNotice(undefined);
    if (next !== 'entity') {
      setEditId(undefined);
      clearEditTarget();
    }
  };

  return (
    <section aria-labelledby="edit-section" className="edit-forms">
      <h2 id="edit-section">{t('edit.title')}</h2>
      <fieldset className="edit-tasks">
        <legend className="visually-hidden">{t('edit.tasks')}</legend>
        {tasks.map((id) => (
          <button key={id} type="button" aria-pressed={task === id} onClick={() => choose(id)}>
            {t(`edit.task.${id}`)}
          </button>
        ))}
      </fieldset>
      {notice && <NoticeLine notice={notice} onOpen={onOpen} />}
      {task === 'entity' && <EntityForm key={`entity-${round}`} editId={editId} onDone={done} />}
      {task === 'role' && <RoleForm key={`role-${round}`} onDone={done} />}
      {task === 'link' && <LinkForm key={`link-${round}`} onDone={done} />}
      {task === 'linkEvent' && <LinkWork key={`work-${round}`} onDone={done} />}
    </section>
  );
}
