/**
 * Field issues of a form as state, with what the form shows for them: a sentence per field in
 * the user's language (`say`), the error line under a field (`err`) and the summary at the top.
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { activityIssueMessage, type FieldIssues } from './field-issues.js';

export function useFieldIssues() {
  const { t, lang } = useI18n();
  const [issues, setIssues] = useState<FieldIssues>({});
  const say = (field: string): string | undefined => {
    const list = issues[field];
    if (!list || list.length === 0) return undefined;
    return list.map((i) => activityIssueMessage(i, lang, t)).join(' ');
  };
  const invalid = (field: string) => (say(field) === undefined ? undefined : true);
  const err = (field: string) => {
    const message = say(field);
    return message === undefined ? null : (
      <span className="field-error error-row" role="alert">
        {message}
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
