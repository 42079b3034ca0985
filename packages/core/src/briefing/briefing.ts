import { MusubiError } from '../errors.js';
import { measureRecords } from '../indicators/measure.js';
import { indicators, programmes } from '../indicators/records.js';
import { ILLUSTRATIVE_TAG } from '../indicators/report.js';
import type { Id } from '../model/ids.js';
import type { EngagementType, EntityKind, ParticipantRole } from '../model/kinds.js';
import type { BilingualName } from '../model/names.js';
import type { Engagement, Entity, FollowUp, Link, LinkEvent } from '../model/records.js';
import { sortedEvents } from '../model/valid-time.js';
import { type FiscalYear, fiscalYearOf } from '../time/fiscal-year.js';
import { earliestDay, isPartialDate, latestDay, todayISO } from '../time/partial-date.js';
import { type Anniversary, upcomingAnniversaries } from '../views/anniversaries.js';
import type { NetworkView } from '../views/view.js';

/** An entity a brief mentions: enough to name it without the network. */
export interface BriefingParty {
  id: Id;
  name: BilingualName;
  kind: EntityKind;
}

/** A post held on the brief's day. */
export interface BriefingPost {
  person: BriefingParty;
  at: BriefingParty;
  title: BilingualName | undefined;
  /** First day in post, if known. */
  from: string | undefined;
}

/** A tie of the entity with its history, oldest event first. */
export interface BriefingTie {
  link: Link;
  other: BriefingParty;
  events: LinkEvent[];
}

/** A past engagement and who took part. */
export interface BriefingEngagement {
  id: Id;
  type: EngagementType;
  title: BilingualName;
  date: string;
  endDate: string | undefined;
  participants: { party: BriefingParty; role: ParticipantRole }[];
  illustrative: boolean;
}

/** A follow-up not yet done, with its engagement. */
export interface BriefingFollowUp {
  followUp: FollowUp;
  engagement: { id: Id; title: BilingualName; date: string };
  /** Its due date has passed on the brief's day. */
  overdue: boolean;
}

/** A programme the entity's engagements were recorded under. */
export interface BriefingProgramme {
  id: Id;
  name: BilingualName;
  engagements: number;
}

/** An indicator that counts the entity or its engagements, and in which fiscal years. */
export interface BriefingIndicator {
  id: Id;
  name: BilingualName;
  fiscalYears: FiscalYear[];
}

/** Everything a one-page brief says about an entity before a meeting (see `briefing`). */
export interface Briefing {
  entity: Entity;
  /** The day the brief speaks of (YYYY-MM-DD): posts held then, follow-ups overdue then. */
  today: string;
  posts: BriefingPost[];
  ties: BriefingTie[];
  /** Newest first. */
  engagements: BriefingEngagement[];
  /** Soonest due first; those without a due date last. */
  followUps: BriefingFollowUp[];
  anniversaries: (Anniversary & { party: BriefingParty })[];
  programmes: BriefingProgramme[];
  indicators: BriefingIndicator[];
  /** Whether any record the brief shows is tagged illustrative (an example, not a fact). */
  illustrative: boolean;
}

export interface BriefingOptions {
  /** The day of the brief (YYYY-MM-DD); default today. Inject it for repeatable output. */
  today?: string;
  /** At most this many past engagements, newest first; default 20. */
  engagements?: number;
}

function party(view: NetworkView, id: Id): BriefingParty {
  const entity = view.entity(id);
  return entity
    ? { id, name: entity.name, kind: entity.kind }
    : { id, name: { en: id }, kind: 'organization' };
}

/** Posts held on `today`: by the person, or at the entity. */
function postsOn(view: NetworkView, entity: Entity, today: string): BriefingPost[] {
  return view
    .roles(entity.id)
    .filter((r) => (entity.kind === 'person' ? r.person === entity.id : r.entity === entity.id))
    .filter(
      (r) =>
        (r.from === undefined || earliestDay(r.from) <= today) &&
        (r.to === undefined || latestDay(r.to) >= today),
    )
    .map((r) => ({ person: party(view, r.person), at: party(view, r.entity), title: r.title, from: r.from }));
}

/** The fiscal years in which an indicator counts the entity or one of its engagements. */
function countedIn(view: NetworkView, entity: Id, mine: readonly Engagement[]): BriefingIndicator[] {
  // a year-only date has no fiscal year (it may fall in two): the measures leave it out too
  const known = mine.map((e) => fiscalYearOf(e.date)).filter((fy): fy is FiscalYear => fy !== undefined);
  const years = [...new Set(known)].sort((a, b) => a - b);
  const ids = new Set(mine.map((e) => e.id));
  const out: BriefingIndicator[] = [];
  for (const indicator of indicators(view)) {
    const counted = years.filter((fy) => {
      const records = measureRecords(view, indicator.measure, fy);
      // a cumulative count lists the earlier years too: only what the entity's records of `fy` make count
      const ofYear = (list: readonly Id[]) =>
        list.some((id) => ids.has(id) && fiscalYearOf(view.engagement(id)?.date ?? '1000') === fy);
      if (indicator.measure.count === 'engagements') return ofYear(records.engagements);
      return records.entities.some((c) => c.entity === entity && ofYear(c.engagements));
    });
    if (counted.length > 0) out.push({ id: indicator.id, name: indicator.name, fiscalYears: counted });
  }
  return out;
}

/**
 * A one-page brief on an entity, as staff prepare before a courtesy call: who they are and who
 * holds which post there now; the ties with their histories (each agreement and its events); past
 * engagements and who took part; follow-ups still open; anniversaries of the coming twelve months;
 * the programmes their engagements belong to and the indicators that count them. A structure, so
 * that any program can lay it out; `briefingToMarkdown` writes it as Markdown.
 *
 * @example
 * const brief = briefing(network, 'thai-embassy', { today: '2026-12-01' });
 * console.log(briefingToMarkdown(brief, { lang: 'en' }));
 */
export function briefing(view: NetworkView, id: Id, options: BriefingOptions = {}): Briefing {
  const entity = view.entity(id);
  if (!entity) {
    throw new MusubiError('NOT_FOUND', `briefing: no entity with id ${JSON.stringify(id)}`, { path: ['id'] });
  }
  const today = options.today ?? todayISO();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || !isPartialDate(today)) {
    throw new MusubiError(
      'VALIDATION',
      `briefing: today must be a day as YYYY-MM-DD, got ${JSON.stringify(today)}`,
      {
        path: ['today'],
      },
    );
  }
  const ties = view
    .links({ entity: id })
    .filter((l) => l.kind !== 'role')
    .map((link) => ({
      link,
      other: party(view, link.source === id ? link.target : link.source),
      events: sortedEvents(link.events),
    }));
  const mine = view.engagements({ entity: id });
  const past = mine
    .filter((e) => earliestDay(e.date) <= today)
    .reverse()
    .slice(0, options.engagements ?? 20);
  const followUps = mine
    .flatMap((e) =>
      e.followUps
        .filter((f) => !f.done)
        .map((f) => ({
          followUp: f,
          engagement: { id: e.id, title: e.title, date: e.date },
          overdue: f.due !== undefined && latestDay(f.due) < today,
        })),
    )
    .sort((a, b) => (a.followUp.due ?? '9999').localeCompare(b.followUp.due ?? '9999'));
  const anniversaries = upcomingAnniversaries(view, { from: today, entity: id }).map((a) => ({
    ...a,
    party: party(view, a.other),
  }));
  const programmeCounts = new Map<Id, number>();
  for (const e of mine)
    if (e.programme) programmeCounts.set(e.programme, (programmeCounts.get(e.programme) ?? 0) + 1);
  const brief: Briefing = {
    entity,
    today,
    posts: postsOn(view, entity, today),
    ties,
    engagements: past.map((e) => ({
      id: e.id,
      type: e.type,
      title: e.title,
      date: e.date,
      endDate: e.endDate,
      participants: e.participants.map((p) => ({ party: party(view, p.entity), role: p.role })),
      illustrative: e.tags.includes(ILLUSTRATIVE_TAG),
    })),
    followUps,
    anniversaries,
    programmes: programmes(view)
      .filter((p) => programmeCounts.has(p.id))
      .map((p) => ({ id: p.id, name: p.name, engagements: programmeCounts.get(p.id) ?? 0 })),
    indicators: countedIn(view, id, mine),
    illustrative: false,
  };
  brief.illustrative =
    entity.tags.includes(ILLUSTRATIVE_TAG) ||
    ties.some((t) => t.link.tags.includes(ILLUSTRATIVE_TAG)) ||
    brief.posts.some((p) => view.entity(p.person.id)?.tags.includes(ILLUSTRATIVE_TAG)) ||
    brief.engagements.some((e) => e.illustrative);
  return brief;
}
