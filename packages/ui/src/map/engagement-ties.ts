/**
 * Engagement ties: the map's lines for what happened between entities, beside their formal links.
 * A company the prefecture supported, a town that went on a mission, have no MOU with anyone; their
 * tie is the engagements they took part in. Each engagement ties its hub (who hosted or organised
 * it, else the organisation itself, else its first participant) to each other participant; the
 * ties of many engagements between the same pair are one line, as thick as they are many.
 */
import type { Change, Engagement, Entity, Id, Network, NetworkView } from '@musubi/core';

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
 * Ties counted by hub, then by the other end: a pair's key (a new string) is made once, not on each
 * engagement that ties it (about 1 of the 1.5 s at scale M went to making and hashing keys).
 */
class TieCounts {
  readonly ties = new Map<string, Tie>();
  readonly #byHub = new Map<Id, Map<Id, Tie>>();
  readonly #hubs: Id[] = [];
  /** The keys of the ties whose count changed (came, went, grew or shrank), when asked to keep them. */
  changed: Set<string> | undefined;

  constructor(readonly isSelf: (id: Id) => boolean) {}

  readonly #add = (hub: Id, other: Id) => {
    let row = this.#byHub.get(hub);
    if (!row) {
      row = new Map();
      this.#byHub.set(hub, row);
    }
    const tie = row.get(other);
    if (tie) {
      tie.count += 1;
      this.changed?.add(tieKey(hub, other));
    } else {
      const made = { source: hub, target: other, count: 1 };
      row.set(other, made);
      const key = tieKey(hub, other);
      this.ties.set(key, made);
      this.changed?.add(key);
    }
  };

  readonly #remove = (hub: Id, other: Id) => {
    const row = this.#byHub.get(hub);
    const tie = row?.get(other);
    // every engagement taken out was counted in (the caller follows the log)
    if (!row || !tie) throw new Error(`no tie ${tieKey(hub, other)} to take out`);
    const key = tieKey(hub, other);
    this.changed?.add(key);
    tie.count -= 1;
    if (tie.count > 0) return;
    row.delete(other);
    if (row.size === 0) this.#byHub.delete(hub);
    this.ties.delete(key);
  };

  add(engagement: Engagement): void {
    eachTie(engagement, this.isSelf, this.#add, this.#hubs);
  }

  remove(engagement: Engagement): void {
    eachTie(engagement, this.isSelf, this.#remove, this.#hubs);
  }
}

/**
 * All ties of some engagements: each pair once, with how many engagements make it; no list of pairs
 * is made for each engagement (200,000 at scale M).
 */
export function tiesOf(engagements: Iterable<Engagement>, isSelf: (id: Id) => boolean): Map<string, Tie> {
  const counts = new TieCounts(isSelf);
  for (const engagement of engagements) counts.add(engagement);
  return counts.ties;
}

export interface Tie {
  source: Id;
  target: Id;
  count: number;
}

/** The ties a map of these ties and their ends draws, by key ({@link tieKey}). */
export type Ties = ReadonlyMap<string, Tie>;

/** The ids of the organisation itself (`self`) in a view. */
function selvesOf(view: NetworkView): Set<Id> {
  return new Set(view.entities({ kind: 'self' }).map((e) => e.id));
}

/**
 * The ties of every engagement of `view`, of all time: what the map's display graph holds, and what
 * `visibleNetwork` filters for the day shown. The engagements are read as the view keeps them, not
 * by day (the order changes nothing, and sorting 200,000 of them took 0.5 s at scale M).
 */
export function networkTies(view: NetworkView): Map<string, Tie> {
  const selves = selvesOf(view);
  return tiesOf(view.records<Engagement>('engagement'), (id) => selves.has(id));
}

/** Whether an entity effect's record is the organisation itself. */
function isSelfRecord(record: unknown): boolean {
  return (record as Partial<Entity> | undefined)?.kind === 'self';
}

/**
 * Whether a change makes an entity the organisation itself or stops it being so: the hub of an
 * engagement nobody hosted may then change, and the ties are made again from the records.
 */
function changesSelves(change: Change): boolean {
  for (const effect of change.effects) {
    if (effect.collection !== 'entity') continue;
    if (effect.type === 'update') {
      if (isSelfRecord(effect.before) !== isSelfRecord(effect.after)) return true;
    } else if (isSelfRecord(effect.record)) return true;
  }
  return false;
}

/** The ties of all time of one network, kept up to date with its log ({@link tiesKept}). */
export interface KeptTies {
  /**
   * The ties as of this read. The map is changed in place by the next reads (made anew when
   * `changed` is `all`): who keeps something made from it keeps it by the read, not by the map.
   */
  readonly ties: Ties;
  /**
   * What the changes this read took in changed: the keys of the ties that came, went or changed count, or `all`
   * when the ties were made anew (the first read, a new organisation itself, a replica's pending
   * changes landed again).
   */
  readonly changed: ReadonlySet<string> | 'all';
  /**
   * The number of this read among those that took in changes: one who follows the ties read by read
   * (the map's display graph) knows from it whether it missed one.
   */
  readonly serial: number;
}

interface TieFollowing {
  counts: TieCounts;
  /** How many changes of the log the ties hold, and the log's mark then (`Network.logMark`). */
  read: number;
  mark: number;
  changed: Set<string> | 'all';
  serial: number;
}

const following = new WeakMap<Network, TieFollowing>();

function startFollowing(network: Network): TieFollowing {
  const selves = selvesOf(network);
  const counts = new TieCounts((id) => selves.has(id));
  for (const engagement of network.records<Engagement>('engagement')) counts.add(engagement);
  return { counts, read: network.changeCount, mark: network.logMark(), changed: 'all', serial: 0 };
}

/**
 * The ties of all time of `network` ({@link networkTies}), brought up to date with the changes that
 * landed since the last read: the engagements a change wrote are taken out as they were and counted
 * in as they are (recording one visit at scale M no longer counts 200,000 engagements again). The
 * ties are made anew from the records on the first read, and when a change makes an entity the
 * organisation itself or stops it being so, or a replica's pending changes were taken off.
 */
export function tiesKept(network: Network): KeptTies {
  let f = following.get(network);
  if (f === undefined) {
    f = startFollowing(network);
    following.set(network, f);
    return { ties: f.counts.ties, changed: f.changed, serial: f.serial };
  }
  const count = network.changeCount;
  const from = Math.min(f.read, network.firstChangedSince(f.mark));
  if (from === count && f.read === count)
    return { ties: f.counts.ties, changed: f.changed, serial: f.serial };
  let anew = from < f.read;
  const changed = new Set<string>();
  if (!anew) {
    f.counts.changed = changed;
    try {
      for (let i = f.read; i < count && !anew; i++) {
        const change = network.changeAt(i) as Change;
        if (changesSelves(change)) anew = true;
        else
          for (const effect of change.effects) {
            if (effect.collection !== 'engagement') continue;
            if (effect.type === 'update') {
              f.counts.remove(effect.before as Engagement);
              f.counts.add(effect.after as Engagement);
            } else if (effect.type === 'create') f.counts.add(effect.record as Engagement);
            else f.counts.remove(effect.record as Engagement);
          }
      }
    } catch {
      // the ties and the log disagree (cannot happen while the log only grows): make them anew
      anew = true;
    } finally {
      f.counts.changed = undefined;
    }
  }
  const serial = f.serial + 1;
  if (anew) f = { ...startFollowing(network), serial };
  else {
    f.serial = serial;
    f.read = count;
    f.mark = network.logMark();
    f.changed = changed;
  }
  following.set(network, f);
  return { ties: f.counts.ties, changed: f.changed, serial: f.serial };
}
