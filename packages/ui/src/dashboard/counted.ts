/**
 * What an actual is made of: the engagements, or the entities, that an indicator counts in a
 * fiscal year — so that a user can check a number against the records.
 *
 * The core computes the count (`evaluateMeasure`) but does not list what it counted. Rather than
 * copy its rules here, each candidate is put to the core's own measure on a view narrowed to that
 * candidate: an engagement counts when the measure finds 1 in a view holding only that engagement;
 * an entity counts when the measure finds 1 in a view where it is the only entity that can be
 * counted and its own engagements are all there are (so "first time only" still sees its whole
 * history).
 */
import {
  type Engagement,
  type Entity,
  type EntityKind,
  evaluateMeasure,
  type FiscalYear,
  type Id,
  type Indicator,
  indicators,
  type NetworkView,
} from '@musubi/core';

export type Counted =
  | { count: 'engagements'; engagements: Engagement[] }
  | { count: 'distinct-entities'; entities: { entity: Entity; engagements: Engagement[] }[] };

/** The view with only these engagements, and only the entities `visible` lets through. */
function narrowed(
  view: NetworkView,
  engagements: readonly Engagement[],
  visible: (id: Id) => boolean = () => true,
): NetworkView {
  return Object.create(view, {
    engagements: { value: () => engagements.slice() },
    entity: { value: (id: Id) => (visible(id) ? view.entity(id) : undefined) },
  }) as NetworkView;
}

function counts(view: NetworkView, indicator: Indicator, fy: FiscalYear): boolean {
  return (evaluateMeasure(view, indicator.measure, [fy]).get(fy) ?? 0) > 0;
}

/** The engagements or entities an indicator counts in a fiscal year, in date / name order. */
export function countedRecords(view: NetworkView, indicatorId: Id, fy: FiscalYear): Counted | undefined {
  const indicator = indicators(view).find((i) => i.id === indicatorId);
  if (!indicator) return undefined;
  if (indicator.measure.count === 'engagements') {
    const engagements = view.engagements().filter((e) => counts(narrowed(view, [e]), indicator, fy));
    return { count: 'engagements', engagements };
  }
  const candidates = new Set<Id>();
  for (const e of view.engagements()) for (const p of e.participants) candidates.add(p.entity);
  const entities: { entity: Entity; engagements: Engagement[] }[] = [];
  for (const id of candidates) {
    const entity = view.entity(id);
    if (!entity) continue;
    const own = view.engagements({ entity: id });
    if (
      !counts(
        narrowed(view, own, (other) => other === id),
        indicator,
        fy,
      )
    )
      continue;
    // the engagements that make it count in the span: those that, alone, would count it
    const making = own.filter((e) =>
      counts(
        narrowed(view, [e], (other) => other === id),
        indicator,
        fy,
      ),
    );
    entities.push({ entity, engagements: making.length > 0 ? making : own });
  }
  return { count: 'distinct-entities', entities };
}

/** Entity kinds worth showing beside a counted engagement: who took part, not the organisation itself. */
export function shownParticipants(view: NetworkView, engagement: Engagement): Entity[] {
  const hidden: EntityKind[] = ['self'];
  return engagement.participants
    .map((p) => view.entity(p.entity))
    .filter((e): e is Entity => e !== undefined && !hidden.includes(e.kind));
}
