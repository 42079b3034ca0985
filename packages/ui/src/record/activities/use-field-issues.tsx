/** The shared field issues, said the way the engagement, programme and indicator forms say them. */
import { useFieldIssues as useSharedFieldIssues } from '../../forms/use-field-issues.js';
import { activityIssueMessage } from './field-issues.js';

export function useFieldIssues() {
  return useSharedFieldIssues(activityIssueMessage);
}
