/** The policy sheet computed live from the records. */
export function DashboardPage(_props: { onOpen: (id: string) => void }) {
  return null;
}
