/**
 * Field issues of a form as state, and what the form shows for them: a sentence per field in the
 * user's language (`say`), props that mark a field invalid and point it at its message
 * (`invalid`, for `aria-invalid` and `aria-describedby`), the message under the field (`err`),
 * and the summary at the top of the form. Each area says its issues its own way (`message`).
 */
import type { Lang } from '@musubi/core';
import { useId, useState } from 'react';
import type { I18n } from '../i18n/i18n.js';
import { useI18n } from '../i18n/i18n.js';

export function useFieldIssues<Issue>(message: (issue: Issue, lang: Lang, t: I18n['t']) => string) {
  const { t, lang } = useI18n();
  const uid = useId();
  const [issues, setIssues] = useState<Record<string, Issue[]>>({});
  const say = (field: string): string | undefined => {
    const list = issues[field];
    if (!list || list.length === 0) return undefined;
    return list.map((i) => message(i, lang, t)).join(' ');
  };
  const errorId = (field: string) => `${uid}-${field.replace(/\W/g, '-')}-error`;
  /** Props for the input of `field`: marked invalid and described by its message. */
  const invalid = (field: string) =>
    say(field) === undefined ? {} : { 'aria-invalid': true as const, 'aria-describedby': errorId(field) };
  const err = (field: string) => {
    const text = say(field);
    return text === undefined ? null : (
      <span id={errorId(field)} className="field-error error-row" role="alert">
        {text}
      </span>
    );
  };
  const count = Object.values(issues).reduce((n, list) => n + list.length, 0);
  const summary =
    count === 0 ? null : (
      <p className="form-summary" role="alert">
        {issues.form
          ? t('form.error.notWritten', { detail: say('form') ?? '' })
          : t('form.error.summary', { count })}
      </p>
    );
  return { issues, setIssues, say, invalid, err, summary };
}
