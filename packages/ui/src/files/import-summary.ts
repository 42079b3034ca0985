/** What an import wrote, as sentences in the user's language. */
import type { I18n, MessageKey } from '../i18n/i18n.js';
import type { ImportSummary } from './imports.js';

const countKeys: Record<string, MessageKey> = {
  entity: 'files.count.entity',
  link: 'files.count.link',
  engagement: 'files.count.engagement',
  programme: 'files.count.programme',
  indicator: 'files.count.indicator',
  figure: 'files.count.figure',
};

/** `組織・人 3 件、つながり 2 件` / `3 entities, 2 links`; "nothing" when nothing was added. */
export function countsText(counts: Readonly<Record<string, number>>, t: I18n['t']): string {
  const parts = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([collection, count]) => {
      const key = countKeys[collection];
      return key ? t(key, { count }) : t('files.count.other', { collection, count });
    });
  return parts.length === 0 ? t('files.count.none') : parts.join(t('files.count.separator'));
}

/** The headline of a finished import. */
export function summaryText(summary: ImportSummary, t: I18n['t']): string {
  const total = Object.values(summary.counts).reduce((sum, n) => sum + n, 0);
  if (total === 0 && summary.rejected.length === 0) return t('files.import.nothing');
  return t('files.import.done', { counts: countsText(summary.counts, t) });
}

/**
 * A kind a graph file did not give, as the core notes it (`node n3: kind 'city' → organization`),
 * in the user's language; a note of another shape is shown as it is.
 */
export function defaultedText(note: string, t: I18n['t']): string {
  const m = /^(node|edge) (.+): kind (.+) → (\S+)$/.exec(note);
  if (!m) return note;
  const [, what, id = '', given = '', fallback = ''] = m;
  const kind = given === '(none)' ? t('files.import.noKind') : given;
  return t(what === 'node' ? 'files.import.defaultedNode' : 'files.import.defaultedEdge', {
    id,
    kind,
    fallback,
  });
}
