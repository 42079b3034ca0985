/**
 * Field issues of a form as state, and what the form shows for them: a sentence per field in the
 * user's language (`say`), props that mark a field invalid and point it at its message
 * (`invalid`), the message under the field (`err`), and the summary at the top of the form.
 *
 * Forms guide rather than scold: nothing is checked before the first submit; a submit with issues
 * moves the focus to the first field in error (or to the summary); from then on, with `follow`,
 * the issues are checked again as the fields change, so each message follows its field and goes
 * when the field is fixed.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FieldValues, UseFormWatch } from 'react-hook-form';
import { useI18n } from '../i18n/i18n.js';
import type { FieldIssues } from './field-issues.js';
import { issueMessage } from './issue-message.js';

/** What the form checks again as its fields change, after a first submit. */
export interface Follow<V extends FieldValues> {
  watch: UseFormWatch<V>;
  /** The issues of `values` (a plan of the write, without writing). */
  check: (values: V) => FieldIssues;
}

export function useFieldIssues<V extends FieldValues = FieldValues>(follow?: Follow<V>) {
  const { t, lang } = useI18n();
  const uid = useId();
  const [issues, setState] = useState<FieldIssues>({});
  const [submitted, setSubmitted] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const watch = follow?.watch;
  const checkRef = useRef(follow?.check);
  checkRef.current = follow?.check;

  /**
   * The issues of a submit (or of a refused write): shown, the focus moved to the first, and
   * followed from then on. None (a write that landed) ends the following: a form emptied after
   * a write does not greet the user with errors.
   */
  const setIssues = useCallback((next: FieldIssues) => {
    setState(next);
    const some = Object.keys(next).length > 0;
    setSubmitted(some);
    if (some) setFocusRequest((n) => n + 1);
  }, []);

  useEffect(() => {
    if (!submitted || !watch) return;
    const subscription = watch((values) => {
      const check = checkRef.current;
      if (check) setState(check(values as V));
    });
    return () => subscription.unsubscribe();
  }, [submitted, watch]);

  useEffect(() => {
    if (focusRequest === 0) return;
    const summary = summaryRef.current;
    const form = summary?.closest('form');
    const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (first ?? summary)?.focus();
  }, [focusRequest]);

  const say = (field: string): string | undefined => {
    const list = issues[field];
    if (!list || list.length === 0) return undefined;
    return list.map((i) => issueMessage(i, lang, t)).join(' ');
  };
  const errorId = (field: string) => `${uid}-${field.replace(/\W/g, '-')}-error`;
  /** Props for the input of `field` (and of issues shared with other inputs, `also`): invalid and described. */
  const invalid = (field: string, ...also: string[]) => {
    const said = [field, ...also].filter((f) => say(f) !== undefined);
    return said.length === 0
      ? {}
      : { 'aria-invalid': true as const, 'aria-describedby': said.map(errorId).join(' ') };
  };
  /** The message of `field`; `inline` inside a field's grid (under its input), else as a row of its own. */
  const err = (field: string, inline = false) => {
    const text = say(field);
    return text === undefined ? null : (
      <span id={errorId(field)} className={inline ? 'field-error' : 'field-error error-row'} role="alert">
        {text}
      </span>
    );
  };
  const count = Object.values(issues).reduce((n, list) => n + list.length, 0);
  const summary =
    count === 0 ? null : (
      <p className="form-summary" role="alert" ref={summaryRef} tabIndex={-1}>
        {issues.form
          ? t('form.error.notWritten', { detail: say('form') ?? '' })
          : t('form.error.summary', { count })}
      </p>
    );
  return { issues, setIssues, say, invalid, err, summary };
}

export type FieldIssuesApi = ReturnType<typeof useFieldIssues>;
