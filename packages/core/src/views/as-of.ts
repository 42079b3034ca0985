import { collections } from '../changes/change.js';
import { referencesOf } from '../changes/references.js';
import type { Engagement, Entity, Link } from '../model/records.js';
import { engagementDay, entityStart, linkStatusOn } from '../model/valid-time.js';
import { NetworkState } from '../projection/state.js';
import { earliestDay, latestDay } from '../time/partial-date.js';

/**
 * Projects a state onto one day of valid time: a new state holding only what existed then.
 * Entities without any date are timeless and kept; links without events are kept when both ends are.
 * `asOf` views answer from the valid-time index instead (`valid-time-index.ts`), and build this
 * only for their graph; the property tests hold them to it.
 */
export function projectAsOf(state: NetworkState, day: string): NetworkState {
  const g = state.graph;
  const out = new NetworkState();

  const firstTouch = state.firstTouchDays();
  const present = (entity: Entity): boolean => {
    if (entity.until !== undefined && latestDay(entity.until) < day) return false;
    const touched = entity.since === undefined ? firstTouch.get(entity.id) : undefined;
    const start = entityStart(entity, touched === undefined ? [] : [touched]);
    return start === undefined || start <= day;
  };

  g.forEachNode((_, entity) => {
    if (present(entity)) out.apply({ type: 'create', collection: 'entity', record: entity });
  });
  g.forEachEdge((_, link) => {
    if (linkStatusOn(link, day) === 'inactive') return;
    if (!out.graph.hasNode(link.source) || !out.graph.hasNode(link.target)) return;
    const events = link.events.filter((e) => earliestDay(e.date) <= day);
    const record: Link = events.length === link.events.length ? link : { ...link, events };
    out.apply({ type: 'create', collection: 'link', record });
  });
  // other collections in their declared order (a record may refer to one of an earlier collection)
  for (const collection of collections) {
    if (collection === 'entity' || collection === 'link' || collection === 'engagement') continue;
    for (const record of state.records.get(collection)?.values() ?? []) {
      // a record about something that did not exist yet on that day is left out with it
      if (!referencesOf(collection, record).every((ref) => out.has(ref.collection, ref.id))) continue;
      out.apply({ type: 'create', collection, record });
    }
  }
  // engagements are kept in date order: those up to the day are a prefix, found by binary search
  const byDay = state.engagementsByDay();
  let end = 0;
  for (let high = byDay.length; end < high; ) {
    const mid = (end + high) >>> 1;
    if (engagementDay(byDay[mid] as Engagement) <= day) end = mid + 1;
    else high = mid;
  }
  for (let i = 0; i < end; i++) {
    const engagement = byDay[i] as Engagement;
    // its programme may be left out too (if a custom reference makes it refer to something absent)
    if (engagement.programme !== undefined && !out.has('programme', engagement.programme)) continue;
    const participants = engagement.participants.filter((p) => out.graph.hasNode(p.entity));
    if (participants.length === 0) continue;
    const record =
      participants.length === engagement.participants.length ? engagement : { ...engagement, participants };
    out.apply({ type: 'create', collection: 'engagement', record });
  }
  return out;
}
