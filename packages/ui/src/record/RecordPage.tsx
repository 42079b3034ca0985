/** The record view: forms for every write of the core library. (Filled in by the record work.) */
export function RecordPage(_props: { onOpen: (id: string) => void }) {
  return null;
}
