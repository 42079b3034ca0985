import * as z from 'zod/mini';
import {
  type BilingualName,
  BilingualNameSchema,
  type Lang,
  NameTextSchema,
  nameIn,
} from '../model/names.js';
// zod's English messages, as zod's classic API sets them
import '../model/zod-english.js';

/**
 * A transaction's label, as the log keeps it: a name in Japanese and English (`{ ja: '来訪を記録',
 * en: 'Record a visit' }`). Logs written before labels were bilingual hold one string, often
 * `日本語 / English`; they stay readable (`changeLabelIn` picks a side of such a string).
 */
export type ChangeLabel = BilingualName | string;

/** The schema of a label given to `transaction()` or read from a log: a bilingual name, or older text. */
export const ChangeLabelSchema: z.ZodMiniType<ChangeLabel> = z.union([BilingualNameSchema, NameTextSchema]);

/**
 * The label in `lang`: a bilingual label's name in that language (falling back to the other), an
 * older `日本語 / English` string's side, any other string as it is.
 *
 * @example
 * changeLabelIn({ ja: '来訪を記録', en: 'Record a visit' }, 'en') // 'Record a visit'
 * changeLabelIn('来訪を記録 / Record a visit', 'ja') // '来訪を記録'
 */
export function changeLabelIn(label: ChangeLabel, lang: Lang): string {
  if (typeof label !== 'string') return nameIn(label, lang);
  const parts = label.split(' / ');
  if (parts.length !== 2) return label;
  return (lang === 'ja' ? parts[0] : parts[1]) ?? label;
}
