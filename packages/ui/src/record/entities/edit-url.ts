/**
 * The `edit=<id>` query parameter: an entity's panel opens the record view with the entity form
 * on that entity. The app's explore state keeps unknown parameters, so it lives beside them.
 */
import { currentSearch, navigate } from '../../app/url-state.js';

/** The entity asked for by `?edit=<id>`, if any. */
export function editTarget(search: string): string | undefined {
  const id = new URLSearchParams(search).get('edit');
  return id === null || id === '' ? undefined : id;
}

/** The query string that opens the record view on the entity form for `id`, keeping the rest. */
export function editQuery(search: string, id: string): string {
  const q = new URLSearchParams(search);
  q.set('view', 'record');
  q.set('edit', id);
  return `?${q}`;
}

/** The query string without `edit`. */
export function withoutEdit(search: string): string {
  const q = new URLSearchParams(search);
  q.delete('edit');
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}

/** Goes to the entity form for `id` (a history entry, so Back returns to the panel). */
export function openEntityEditor(id: string): void {
  navigate(editQuery(currentSearch(), id));
}

/** Forgets `edit` once the form is done with it. */
export function clearEditTarget(): void {
  if (editTarget(currentSearch()) === undefined) return;
  navigate(withoutEdit(currentSearch()), { replace: true });
}
