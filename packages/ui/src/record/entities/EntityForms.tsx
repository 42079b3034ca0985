/** Forms for entities, people and their roles, and links with their events (being written). */
export function EntityForms(_props: { onOpen: (id: string) => void }) {
  return null;
}
