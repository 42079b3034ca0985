/** Who changed what, when: the change log. */
export function HistoryPage(_props: { onOpen: (id: string) => void }) {
  return null;
}
