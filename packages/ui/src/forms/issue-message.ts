/**
 * A validation issue from the core's zod schemas, in the user's language. The core writes its
 * messages in English ("2019-02-30 does not exist in the calendar"); for Japanese the known ones
 * are matched and translated, with the field's own value kept, and anything unknown is shown as a
 * general Japanese sentence followed by the English detail, so no message is ever lost.
 */
import type { ErrorIssue, Lang } from '@musubi/core';
import type { I18n } from '../i18n/i18n.js';

type Rule = [RegExp, (m: RegExpMatchArray, t: I18n['t']) => string];

const rules: Rule[] = [
  [
    /"([^"]*)": (.+) does not exist in the calendar/,
    (m, t) => t('form.error.noSuchDay', { value: m[1] ?? '' }),
  ],
  [/expected a date as YYYY, YYYY-MM or YYYY-MM-DD/, (_m, t) => t('form.error.dateFormat')],
  [/month (\d+) does not exist/, (m, t) => t('form.error.noSuchMonth', { value: m[1] ?? '' })],
  [/year (\d+) is out of range/, (m, t) => t('form.error.yearRange', { value: m[1] ?? '' })],
  [/a name needs Japanese \(ja\) or English \(en\)/, (_m, t) => t('form.error.nameNeeded')],
  [/must be at most (\d+) characters/, (m, t) => t('form.error.tooLong', { max: m[1] ?? '' })],
  [/must not contain control characters/, (_m, t) => t('form.error.controlCharacters')],
  [/must be on one line|a tag is one line/, (_m, t) => t('form.error.oneLine')],
  [/must not be empty|a tag must not be empty/, (_m, t) => t('form.error.required')],
  [/(until|endDate) \((.+)\) is before (since|date) \((.+)\)/, (_m, t) => t('form.error.endBeforeStart')],
  [/is already a participant/, (_m, t) => t('form.error.duplicateParticipant')],
  [/an engagement has at least one participant/, (_m, t) => t('form.error.noParticipant')],
  [/a follow-up says what to do/, (_m, t) => t('form.error.followUpText')],
  [
    /cannot come before the link was signed \((.+)\)/,
    (m, t) => t('form.error.beforeSigned', { date: m[1] ?? '' }),
  ],
  [/a link is signed once/, (_m, t) => t('form.error.signedOnce')],
  [/an id is 1–128 characters/, (_m, t) => t('form.error.id')],
  [/this id is reserved/, (_m, t) => t('form.error.id')],
  [/ISO 3166-1 alpha-2 country code/, (_m, t) => t('form.error.country')],
  [/an author is 1–100 characters/, (_m, t) => t('form.error.author')],
  [/a basic programme code is five digits/, (_m, t) => t('form.error.basicProgramme')],
];

/** The issue as one sentence in `lang`. */
export function issueMessage(issue: Pick<ErrorIssue, 'code' | 'message'>, lang: Lang, t: I18n['t']): string {
  const text = issue.message;
  if (issue.code === 'invalid_type' && /undefined|received undefined/.test(text))
    return t('form.error.required');
  for (const [pattern, say] of rules) {
    const m = text.match(pattern);
    if (m) return say(m, t);
  }
  if (issue.code === 'too_small') return t('form.error.tooSmall');
  if (issue.code === 'too_big') return t('form.error.tooBig');
  if (issue.code === 'invalid_value') return t('form.error.choose');
  if (issue.code === 'invalid_type') return t('form.error.invalid', { detail: text });
  return lang === 'en' ? text : t('form.error.invalid', { detail: text });
}
