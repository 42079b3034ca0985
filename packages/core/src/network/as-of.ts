import { collections } from '../history/change.js';
import type { Engagement, Entity, Link } from '../model/records.js';
import { earliestDay, latestDay } from '../time/partial-date.js';
import { referencesOf } from './references.js';
import { NetworkState } from './state.js';
import { engagementDay, entityStart, linkStart, linkStatusOn } from './valid-time.js';

/**
 * Projects a state onto one day of valid time: a new state holding only what existed then.
 * Entities without any date are timeless and kept; links without events are kept when both ends are.
 */
export function projectAsOf(state: NetworkState, day: string): NetworkState {
  const g = state.graph;
  const out = new NetworkState();

  const present = (entity: Entity): boolean => {
    if (entity.until !== undefined && latestDay(entity.until) < day) return false;
    const touching: string[] = [];
    if (entity.since === undefined) {
      g.forEachEdge(entity.id, (_, link) => {
        const start = linkStart(link);
        if (start !== undefined) touching.push(start);
      });
      for (const id of state.referringIds('entity', entity.id, 'engagement')) {
        const e = state.get<Engagement>('engagement', id);
        if (e) touching.push(engagementDay(e));
      }
    }
    const start = entityStart(entity, touching);
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
  for (const e of state.records.get('engagement')?.values() ?? []) {
    const engagement = e as Engagement;
    if (engagementDay(engagement) > day) continue;
    const participants = engagement.participants.filter((p) => out.graph.hasNode(p.entity));
    if (participants.length === 0) continue;
    const record =
      participants.length === engagement.participants.length ? engagement : { ...engagement, participants };
    out.apply({ type: 'create', collection: 'engagement', record });
  }
  return out;
}
