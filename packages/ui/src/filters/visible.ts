/**
 * Which entities and links the explore views show for the current filters and point in time:
 * a pure function of a network view, shared by the map, the world view and the counts.
 */
import {
  type Engagement,
  earliestDay,
  fiscalYearOf,
  fiscalYearRange,
  isInGroup,
  latestDay,
  type Network,
  type NetworkView,
} from '@musubi/core';
import type { ExploreState } from '../app/explore-state.js';
import { type Ties, tiesOf } from '../map/engagement-ties.js';

export interface VisibleNetwork {
  /** The network at the chosen point in time (`asOf`), or the live network for today. */
  view: NetworkView;
  /** The day shown (YYYY-MM-DD). */
  day: string;
  entities: Set<string>;
  links: Set<string>;
  /** The engagement ties to draw (keys of `tieKey`): engagements up to the day shown, both ends shown. */
  ties: Set<string>;
  /** Shown links per entity (the map's "degree"). */
  degree: Map<string, number>;
  /** Engagements per entity in the fiscal year of `day` (the map's "activity"). */
  activity: Map<string, number>;
  counts: { entities: number; links: number; engagements: number };
}

type Filters = Pick<
  ExploreState,
  'kinds' | 'linkKinds' | 'countries' | 'group' | 'activeOnly' | 'ties' | 'fiscalYear' | 'date'
>;

/** The day a state shows: its date, the end of its fiscal year (not after today), or today. */
export function shownDay(state: Pick<Filters, 'fiscalYear' | 'date'>, today: string): string {
  if (state.date !== undefined) return state.date;
  if (state.fiscalYear === undefined) return today;
  const end = fiscalYearRange(state.fiscalYear).end;
  return end < today ? end : today;
}

/**
 * The entities and links to show. The prefecture (`self`) stays visible under every filter.
 * `allTies`, the network's ties of all time (`networkTies`), spares computing them again when every
 * engagement is on or before the day shown (the usual case: today, and no engagement planned).
 */
export function visibleNetwork(
  network: Network,
  state: Filters,
  today: string,
  allTies?: Ties,
): VisibleNetwork {
  const day = shownDay(state, today);
  const view: NetworkView = day >= today ? network : network.asOf(day);
  const entities = new Set<string>();
  const countryPasses = (country: string | undefined) =>
    country !== undefined &&
    (state.countries.length === 0 || state.countries.includes(country)) &&
    (state.group === undefined || isInGroup(country, state.group));
  const byCountry = state.countries.length > 0 || state.group !== undefined;
  for (const e of view.entities(state.kinds.length > 0 ? { kind: state.kinds } : {})) {
    if (e.kind !== 'self' && byCountry && !countryPasses(e.country)) {
      // a person without a country of their own follows the entities of their posts (an
      // ambassador goes with the embassy into the ASEAN filter)
      if (e.country !== undefined) continue;
      const posts = view.roles(e.id).filter((r) => r.person === e.id);
      if (!posts.some((r) => countryPasses(view.entity(r.entity)?.country))) continue;
    }
    entities.add(e.id);
  }
  for (const e of view.entities({ kind: 'self' })) entities.add(e.id);
  const links = new Set<string>();
  const linkFilter = {
    ...(state.linkKinds.length > 0 ? { kind: state.linkKinds } : {}),
    ...(state.activeOnly ? { activeOn: day } : {}),
  };
  const degree = new Map<string, number>();
  for (const l of view.links(linkFilter)) {
    if (!entities.has(l.source) || !entities.has(l.target)) continue;
    links.add(l.id);
    degree.set(l.source, (degree.get(l.source) ?? 0) + 1);
    degree.set(l.target, (degree.get(l.target) ?? 0) + 1);
  }
  // the engagements as the view keeps them, not by day: nothing here depends on their order, and
  // sorting 200,000 of them took 0.5 s at scale M
  const all = view.records<Engagement>('engagement');
  const last = latestDay(day);
  // a day always has a fiscal year
  const yearStart = earliestDay(fiscalYearRange(fiscalYearOf(day) as number).start);
  const upToDay: Engagement[] = [];
  const activity = new Map<string, number>();
  let engagements = 0;
  for (const g of all) {
    const on = earliestDay(g.date);
    if (on > last) continue;
    upToDay.push(g);
    if (on < yearStart) continue;
    if (!g.participants.some((p) => entities.has(p.entity))) continue;
    engagements += 1;
    for (const p of g.participants) activity.set(p.entity, (activity.get(p.entity) ?? 0) + 1);
  }
  const ties = new Set<string>();
  if (state.ties) {
    const isSelf = (id: string) => view.entity(id)?.kind === 'self';
    const shown =
      allTies !== undefined && view === network && upToDay.length === all.length
        ? allTies
        : tiesOf(upToDay, isSelf);
    for (const [key, tie] of shown) {
      if (entities.has(tie.source) && entities.has(tie.target)) ties.add(key);
    }
  }
  return {
    view,
    day,
    entities,
    links,
    ties,
    degree,
    activity,
    counts: { entities: entities.size, links: links.size, engagements },
  };
}
