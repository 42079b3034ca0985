/** Forms for engagements, programmes and indicator targets (being written). */
export function ActivityForms(_props: { onOpen: (id: string) => void }) {
  return null;
}
