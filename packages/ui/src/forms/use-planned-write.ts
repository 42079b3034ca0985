/**
 * The submit of a form whose write is planned first (checked with the core, nothing written), the
 * same for every such form: the plan's issues are shown and the focus goes to the first; else the
 * write runs, and a refused write's issues are shown the same way; a write that landed clears the
 * issues and is handed to `onWritten` (which closes the form, or says what was done). After a
 * first submit, the plan checks the fields again as they change (`useFieldIssues`).
 */
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useNetwork } from '../app/network-context.js';
import { issuesOf, type Plan, refusalIssues } from './field-issues.js';
import { useFieldIssues } from './use-field-issues.js';

/** Which field a refused write's issue lands on, by its path (`form` by default). */
type FieldOf = (path: readonly (string | number)[]) => string;

export function usePlannedWrite<V extends FieldValues, T>(
  form: Pick<UseFormReturn<V>, 'handleSubmit' | 'watch'>,
  plan: (values: V) => Plan<T>,
  onWritten: (written: T) => void,
  fieldOf?: FieldOf,
) {
  const { network } = useNetwork();
  const issues = useFieldIssues({
    watch: form.watch,
    check: (values: V) => issuesOf(plan(values)),
  });
  const { setIssues } = issues;

  /**
   * Runs another write of the form (a removal): a write that landed clears the issues and goes to
   * `then`; a refused one shows its issues. Returns whether it landed.
   */
  const attempt = <R>(write: () => R, then: (written: R) => void): boolean => {
    let written: R;
    try {
      written = write();
    } catch (error) {
      setIssues(refusalIssues(error, fieldOf));
      return false;
    }
    setIssues({});
    then(written);
    return true;
  };

  const onSubmit = form.handleSubmit((values) => {
    const planned = plan(values);
    if (!planned.ok) {
      setIssues(planned.issues);
      return;
    }
    attempt(() => planned.write(network), onWritten);
  });

  return { issues, onSubmit, attempt };
}
