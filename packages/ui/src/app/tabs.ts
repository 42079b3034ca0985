/**
 * The app's views, in tab order. To add a view (record, dashboard, history), add its id here,
 * its label key `tab.<id>` to both i18n JSON files, and its component in `App.tsx`'s `views`.
 * `admin` shows only to a team server's admins, `record` only to those who may write.
 */
export const tabIds = [
  'start',
  'map',
  'world',
  'table',
  'record',
  'follow-ups',
  'dashboard',
  'briefing',
  'history',
  'admin',
] as const;
export type TabId = (typeof tabIds)[number];

export function isTabId(value: unknown): value is TabId {
  return typeof value === 'string' && (tabIds as readonly string[]).includes(value);
}
