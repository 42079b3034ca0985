/**
 * The follow-up list of the whole network: every follow-up of every engagement, grouped as staff
 * work through them (overdue, due this week, later, done), each with its engagement, its partner
 * (who the engagement was with) and its owner (who recorded the engagement); with them, the ties
 * whose anniversary comes in the next twelve months (an MOU or agreement then comes up for
 * renewal). Pure functions of the network and a day, so they are tested in Node.
 */
import {
  type Anniversary,
  type Change,
  type Engagement,
  type FollowUp,
  MusubiError,
  type Network,
  type NetworkView,
  upcomingAnniversaries,
} from '@musubi/core';
import { followLog } from '../app/follow-log.js';
import { isOverdue } from '../panels/follow-ups.js';

export const followUpGroups = ['overdue', 'week', 'later', 'done'] as const;
export type FollowUpGroup = (typeof followUpGroups)[number];

export interface FollowUpItem {
  kind: 'follow-up';
  followUp: FollowUp;
  engagement: Engagement;
  /** The engagement's other side: its visitors, else every participant but the organisation itself. */
  partners: string[];
  /** Who recorded the engagement. */
  owner: string | undefined;
  group: FollowUpGroup;
}

export interface AnniversaryItem {
  kind: 'anniversary';
  anniversary: Anniversary;
  /** An MOU or agreement comes up for renewal on its anniversary. */
  renewal: boolean;
  group: 'week' | 'later';
}

export type FollowUpListItem = FollowUpItem | AnniversaryItem;

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The group of a follow-up on `today`: done, overdue, due within seven days, or later (or no due date). */
export function groupOf(followUp: FollowUp, today: string): FollowUpGroup {
  if (followUp.done) return 'done';
  if (isOverdue(followUp, today)) return 'overdue';
  const due = followUp.due;
  if (due !== undefined && due.length === 10 && due < addDays(today, 7)) return 'week';
  return 'later';
}

/** Who recorded each engagement, and at which position of the log (to drop it when the log is cut there). */
interface Owners {
  readonly owners: Map<string, string>;
  /** The engagements in the order they were first created, with the position of that change. */
  readonly created: { id: string; position: number }[];
}

function addOwners(data: Owners, change: Change, position: number): void {
  for (const effect of change.effects) {
    if (effect.collection !== 'engagement' || effect.type !== 'create') continue;
    const id = (effect.record as { id?: unknown }).id;
    if (typeof id === 'string' && !data.owners.has(id)) {
      data.owners.set(id, change.author);
      data.created.push({ id, position });
    }
  }
}

/** Who recorded each engagement: the author of the change that created it. */
export function engagementOwners(log: readonly Change[]): Map<string, string> {
  const data: Owners = { owners: new Map(), created: [] };
  for (const [i, change] of log.entries()) addOwners(data, change, i);
  return data.owners;
}

/**
 * Who recorded each engagement in a network, as {@link engagementOwners} of its log, kept up to
 * date with each change instead of read again from the whole log (a second at 300,000 changes).
 */
export const engagementOwnersOf: (network: Network) => ReadonlyMap<string, string> = (() => {
  const follow = followLog<Owners>({
    start: () => ({ owners: new Map(), created: [] }),
    add: addOwners,
    cut: (data, position) => {
      while ((data.created.at(-1)?.position ?? -1) >= position) {
        data.owners.delete((data.created.pop() as { id: string }).id);
      }
    },
  });
  return (network) => follow(network).owners;
})();

function partnersOf(view: NetworkView, engagement: Engagement): string[] {
  const visitors = engagement.participants.filter((p) => p.role === 'visitor').map((p) => p.entity);
  if (visitors.length > 0) return visitors;
  return engagement.participants.map((p) => p.entity).filter((id) => view.entity(id)?.kind !== 'self');
}

/**
 * The whole network's follow-ups and coming anniversaries on `today`, by group: overdue first
 * (oldest due first), then this week, later (soonest first, undated last), done (latest due first).
 */
export function followUpList(network: Network, today: string): Record<FollowUpGroup, FollowUpListItem[]> {
  const owners = engagementOwnersOf(network);
  const out: Record<FollowUpGroup, FollowUpListItem[]> = { overdue: [], week: [], later: [], done: [] };
  for (const engagement of network.engagements()) {
    for (const followUp of engagement.followUps) {
      const group = groupOf(followUp, today);
      out[group].push({
        kind: 'follow-up',
        followUp,
        engagement,
        partners: partnersOf(network, engagement),
        owner: owners.get(engagement.id),
        group,
      });
    }
  }
  const weekEnd = addDays(today, 7);
  for (const anniversary of upcomingAnniversaries(network, { from: today })) {
    const group = anniversary.date < weekEnd.slice(0, anniversary.date.length) ? 'week' : 'later';
    const renewal = anniversary.link.kind === 'mou' || anniversary.link.kind === 'agreement';
    out[group].push({ kind: 'anniversary', anniversary, renewal, group });
  }
  const dateOf = (item: FollowUpListItem) =>
    item.kind === 'anniversary' ? item.anniversary.date : (item.followUp.due ?? '9999');
  for (const group of ['overdue', 'week', 'later'] as const) {
    out[group].sort((a, b) => dateOf(a).localeCompare(dateOf(b)));
  }
  out.done.sort((a, b) => dateOf(b).localeCompare(dateOf(a)));
  return out;
}

/** Marks one follow-up of an engagement done, as one change. */
export function markDone(network: Network, engagementId: string, followUpId: string): void {
  const engagement = network.engagement(engagementId);
  if (!engagement)
    throw new MusubiError('NOT_FOUND', `no engagement ${engagementId}`, { path: ['engagement'] });
  network.updateEngagement(engagementId, {
    followUps: engagement.followUps.map((f) => (f.id === followUpId ? { ...f, done: true } : f)),
  });
}
