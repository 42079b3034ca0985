/**
 * The follow-ups an entity's panel lists: every one not done, the earliest due first, those without
 * a due date last. An overdue one stays in the list, marked, until someone marks it done: a promise
 * to an ambassador does not go away because its date passed.
 */
import type { Engagement, FollowUp } from '@musubi/core';

export interface FollowUpToDo {
  followUp: FollowUp;
  engagement: Engagement;
  /** Its due date (a day, a month or a year) has wholly passed by today. */
  overdue: boolean;
}

/** True when `followUp` is not done and its due day, month or year ended before `today` (`YYYY-MM-DD`). */
export function isOverdue(followUp: FollowUp, today: string): boolean {
  const { due } = followUp;
  return !followUp.done && due !== undefined && due < today.slice(0, due.length);
}

/** The follow-ups of `engagements` still to do on `today`, the earliest due first. */
export function followUpsToDo(engagements: readonly Engagement[], today: string): FollowUpToDo[] {
  return engagements
    .flatMap((engagement) => engagement.followUps.map((followUp) => ({ followUp, engagement })))
    .filter(({ followUp }) => !followUp.done)
    .map((entry) => ({ ...entry, overdue: isOverdue(entry.followUp, today) }))
    .sort((a, b) => (a.followUp.due ?? '9999').localeCompare(b.followUp.due ?? '9999'));
}
