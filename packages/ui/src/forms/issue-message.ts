/**
 * An issue as one sentence in the user's language, chosen from its code and params, never from
 * its English message (as zod's locales do): a form's own issue names its message key; a schema
 * issue has zod's code (`too_big` with `maximum`…) or the core's reason (`params.reason`:
 * `date-impossible`, `name-needed`…); a refused write has a MusubiError code and its reason
 * (`exists`, `stale`…). An issue of no known code says so in the user's language and keeps the
 * core's message as its detail, so that nothing is lost.
 */
import { type ErrorIssue, errorCodes, type Lang } from '@musubi/core';
import { type I18n, type MessageKey, messages } from '../i18n/i18n.js';

type T = I18n['t'];
type Params = Readonly<Record<string, string | number>>;
const str = (p: Params, key: string) => String(p[key] ?? '');

/** The core's reasons (a refinement's `params.reason`, a refused write's) and how they read. */
const reasons: Readonly<Record<string, (p: Params, t: T) => string>> = {
  'date-impossible': (p, t) => {
    const text = str(p, 'text');
    if (p.problem === 'year') return t('form.error.yearRange', { value: text.slice(0, 4) });
    if (p.problem === 'month') return t('form.error.noSuchMonth', { value: text.slice(5, 7) });
    if (p.problem === 'day') return t('form.error.noSuchDay', { value: text });
    return t('form.error.dateFormat');
  },
  'name-needed': (_p, t) => t('form.error.nameNeeded'),
  'control-character': (_p, t) => t('form.error.controlCharacters'),
  'ill-formed': (_p, t) => t('form.error.illFormed'),
  'one-line': (_p, t) => t('form.error.oneLine'),
  country: (_p, t) => t('form.error.country'),
  'id-format': (_p, t) => t('form.error.id'),
  'id-reserved': (_p, t) => t('form.error.id'),
  'end-before-start': (_p, t) => t('form.error.endBeforeStart'),
  'signed-once': (_p, t) => t('form.error.signedOnce'),
  'before-signed': (p, t) => t('form.error.beforeSigned', { date: str(p, 'date') }),
  'duplicate-participant': (_p, t) => t('form.error.duplicateParticipant'),
  'duplicate-id': (_p, t) => t('edit.error.idTaken'),
  'basic-programme-code': (_p, t) => t('form.error.basicProgramme'),
  'basic-programme-needed': (_p, t) => t('form.error.basicProgrammeNeeded'),
  'fiscal-year': (_p, t) => t('form.error.fiscalYear'),
  'first-time-only': (_p, t) => t('form.error.firstTimeOnly'),
  'since-cumulative': (_p, t) => t('form.error.sinceCumulative'),
  // refused writes
  exists: (_p, t) => t('edit.error.idTaken'),
  'unknown-reference': (_p, t) => t('edit.error.unknownEntity'),
  'self-loop': (_p, t) => t('edit.error.sameEnds'),
  'role-not-person': (_p, t) => t('edit.error.notPerson'),
  'stays-person': (_p, t) => t('edit.error.staysPerson'),
  stale: (_p, t) => t('edit.error.stale'),
  'not-found': (_p, t) => t('edit.error.gone'),
  referenced: (p, t) => t('form.error.referenced', { count: str(p, 'count') }),
  'ends-fixed': (_p, t) => t('form.error.endsFixed'),
  'id-fixed': (_p, t) => t('form.error.endsFixed'),
};

/** Zod's own codes, worded from their params. */
function zodWords(issue: ErrorIssue, t: T): string | undefined {
  const p = issue.params ?? {};
  switch (issue.code) {
    case 'invalid_type':
      return p.expected === 'int' ? t('form.error.wholeNumber') : t('form.error.required');
    case 'too_small':
      if (p.origin === 'string')
        return issue.path.includes('followUps') ? t('form.error.followUpText') : t('form.error.required');
      if (p.origin === 'array')
        return issue.path.includes('participants')
          ? t('form.error.noParticipant')
          : t('form.error.tooFew', { min: str(p, 'minimum') });
      if (p.origin === 'number' && Number(p.minimum) === 0) return t('form.error.negative');
      return t('form.error.atLeast', { min: str(p, 'minimum') });
    case 'too_big':
      if (p.origin === 'string') return t('form.error.tooLong', { max: str(p, 'maximum') });
      if (p.origin === 'array') return t('form.error.tooMany', { max: str(p, 'maximum') });
      return t('form.error.atMost', { max: str(p, 'maximum') });
    case 'invalid_value':
      return t('form.error.choose');
    case 'invalid_key':
      return t('form.error.fiscalYear');
    case 'invalid_format':
      return t('form.error.format');
    default:
      return undefined;
  }
}

/** True when `code` is a message key: a form's own issue. */
function isMessageKey(code: string): code is MessageKey {
  return code in messages.ja;
}

/** The issue as one sentence in `lang`. */
export function issueMessage(issue: ErrorIssue, lang: Lang, t: T): string {
  if (isMessageKey(issue.code)) return t(issue.code, issue.params);
  const reason = issue.params?.reason;
  const byReason = typeof reason === 'string' ? reasons[reason] : undefined;
  if (byReason) return byReason(issue.params ?? {}, t);
  const zod = zodWords(issue, t);
  if (zod !== undefined) return zod;
  if ((errorCodes as readonly string[]).includes(issue.code))
    return t(`form.error.code.${issue.code}` as MessageKey, { detail: issue.message });
  return lang === 'en' ? issue.message : t('form.error.invalid', { detail: issue.message });
}
