import { MusubiError } from '../errors.js';
import { comparePartialDates, earliestDay, latestDay } from '../time/partial-date.js';
import type { Engagement, Entity, Link, LinkEvent } from './records.js';

/**
 * Valid-time rules, in one place.
 *
 * A partial date stands for a period (`2018-07` is all of July 2018). Something that starts on a
 * partial date counts from the period's first day; something that ends on one counts until its last
 * day, inclusive: an ambassador in post `2019-04` to `2022-03` is in post on 2022-03-31 and not on
 * 2022-04-01.
 */

/** The link's events in date order (stable for events on the same date). */
export function sortedEvents(events: readonly LinkEvent[]): LinkEvent[] {
  return [...events].sort((a, b) => comparePartialDates(a.date, b.date));
}

const starts = new Set(['signed', 'revised', 'renewed']);

/** The status of a link on a day (`YYYY-MM-DD`): active, inactive (not yet or no longer), or undated. */
export function linkStatusOn(link: Link, day: string): 'active' | 'inactive' | 'undated' {
  if (link.events.length === 0) return 'undated';
  // a link whose start is not recorded (only an `ended` or `suspended` event) was active before it
  let state: 'active' | 'inactive' = link.events.some((e) => starts.has(e.type)) ? 'inactive' : 'active';
  for (const event of sortedEvents(link.events)) {
    if (starts.has(event.type)) {
      if (earliestDay(event.date) <= day) state = 'active';
    } else if (latestDay(event.date) < day) state = 'inactive';
  }
  return state;
}

/** The day a link started (its first signed, revised or renewed event), if known. */
export function linkStart(link: Link): string | undefined {
  let first: string | undefined;
  for (const e of link.events) {
    if (!starts.has(e.type)) continue;
    const d = earliestDay(e.date);
    if (first === undefined || d < first) first = d;
  }
  return first;
}

/** The last day of a link, when it has ended and was not renewed after. */
export function linkEnd(link: Link): string | undefined {
  const events = sortedEvents(link.events);
  const last = events[events.length - 1];
  return last && last.type === 'ended' ? latestDay(last.date) : undefined;
}

/** The first day of an engagement. */
export function engagementDay(engagement: Engagement): string {
  return earliestDay(engagement.date);
}

/**
 * The first day an entity exists in valid time: its `since`, or else the first day of anything
 * dated that touches it. `undefined` when nothing about it is dated: such an entity is timeless and
 * appears at every date.
 */
export function entityStart(entity: Entity, touching: Iterable<string>): string | undefined {
  if (entity.since !== undefined) return earliestDay(entity.since);
  let first: string | undefined;
  for (const d of touching) if (first === undefined || d < first) first = d;
  return first;
}

/** Normalises an `asOf` argument (a partial date or a Date) to the day it means: its last day. */
export function dayOf(date: string | Date): string {
  if (date === null || typeof date !== 'object') return latestDay(date);
  let day: string | undefined;
  try {
    // a Proxy's traps, or a Date's, may throw: the caller's error becomes the cause
    if (date instanceof Date && !Number.isNaN(date.getTime())) day = date.toISOString().slice(0, 10);
  } catch (error) {
    throw new MusubiError('VALIDATION', 'asOf() needs a partial date or a valid Date', { cause: error });
  }
  if (day === undefined) throw new MusubiError('VALIDATION', 'asOf() needs a partial date or a valid Date');
  return day;
}
