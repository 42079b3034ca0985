/**
 * Engagement ties: the map's lines for what happened between entities, beside their formal links.
 * A company the prefecture supported, a town that went on a mission, have no MOU with anyone; their
 * tie is the engagements they took part in. Each engagement ties its hub (who hosted or organised
 * it, else the organisation itself, else its first participant) to each other participant; the
 * ties of many engagements between the same pair are one line, as thick as they are many.
 */
import type { Engagement, Id, NetworkView } from '@musubi/core';

/** The key of the map edge that ties `hub` to `other`. */
export function tieKey(hub: Id, other: Id): string {
  return `tie:${hub}>${other}`;
}

/**
 * Calls `visit(hub, other)` for each pair an engagement ties; `isSelf` tells the organisation itself.
 * `hubs` is a list to reuse between calls (many engagements, no list made for each).
 */
function eachTie(
  engagement: Engagement,
  isSelf: (id: Id) => boolean,
  visit: (hub: Id, other: Id) => void,
  hubs: Id[] = [],
): void {
  const { participants } = engagement;
  hubs.length = 0;
  for (const p of participants) if (p.role === 'host' || p.role === 'organizer') hubs.push(p.entity);
  if (hubs.length === 0) for (const p of participants) if (isSelf(p.entity)) hubs.push(p.entity);
  if (hubs.length === 0 && participants.length > 0) hubs.push((participants[0] as { entity: Id }).entity);
  for (const { entity: other } of participants) {
    if (hubs.includes(other)) continue;
    for (const hub of hubs) visit(hub, other);
  }
}

/** The pairs (hub, other participant) an engagement ties; `isSelf` tells the organisation itself. */
export function engagementTies(engagement: Engagement, isSelf: (id: Id) => boolean): [Id, Id][] {
  const pairs: [Id, Id][] = [];
  eachTie(engagement, isSelf, (hub, other) => pairs.push([hub, other]));
  return pairs;
}

/**
 * All ties of some engagements: each pair once, with how many engagements make it; no list of pairs
 * is made for each engagement (200,000 at scale M).
 */
export function tiesOf(engagements: Iterable<Engagement>, isSelf: (id: Id) => boolean): Map<string, Tie> {
  const ties = new Map<string, Tie>();
  // found by hub, then by the other end: a pair's key (a new string) is made once, not on each
  // engagement that ties it (about 1 of the 1.5 s at scale M went to making and hashing keys)
  const byHub = new Map<Id, Map<Id, Tie>>();
  const count = (hub: Id, other: Id) => {
    let row = byHub.get(hub);
    if (!row) {
      row = new Map();
      byHub.set(hub, row);
    }
    const tie = row.get(other);
    if (tie) tie.count += 1;
    else {
      const made = { source: hub, target: other, count: 1 };
      row.set(other, made);
      ties.set(tieKey(hub, other), made);
    }
  };
  const hubs: Id[] = [];
  for (const engagement of engagements) eachTie(engagement, isSelf, count, hubs);
  return ties;
}

export interface Tie {
  source: Id;
  target: Id;
  count: number;
}

/** The ties a map of these ties and their ends draws, by key ({@link tieKey}). */
export type Ties = ReadonlyMap<string, Tie>;

/**
 * The ties of every engagement of `view`, of all time: what the map's display graph holds, and what
 * `visibleNetwork` filters for the day shown. Computed once per version of the network (App), as it
 * costs about a second at scale M (200,000 engagements).
 */
export function networkTies(view: NetworkView): Map<string, Tie> {
  const selves = new Set(view.entities({ kind: 'self' }).map((e) => e.id));
  return tiesOf(view.engagements(), (id) => selves.has(id));
}
