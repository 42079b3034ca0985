/**
 * What an actual is made of: the engagements, or the entities, that an indicator counts in a
 * fiscal year — so that a user can check a number against the records. The core lists them
 * (`measureRecords`) by the same rules as it counts them.
 */
import type { Engagement, Entity, EntityKind, FiscalYear, Id, NetworkView } from '@musubi/core';
import { indicators, measureRecords } from '@musubi/core/indicators';

export type Counted =
  | { count: 'engagements'; engagements: Engagement[] }
  | { count: 'distinct-entities'; entities: { entity: Entity; engagements: Engagement[] }[] };

/** The engagements or entities an indicator counts in a fiscal year. */
export function countedRecords(view: NetworkView, indicatorId: Id, fy: FiscalYear): Counted | undefined {
  const indicator = indicators(view).find((i) => i.id === indicatorId);
  if (!indicator) return undefined;
  const listed = measureRecords(view, indicator.measure, fy);
  const engagementsOf = (ids: readonly Id[]) =>
    ids.map((id) => view.engagement(id)).filter((e): e is Engagement => e !== undefined);
  if (indicator.measure.count === 'engagements') {
    return { count: 'engagements', engagements: engagementsOf(listed.engagements) };
  }
  const entities: { entity: Entity; engagements: Engagement[] }[] = [];
  for (const { entity: id, engagements } of listed.entities) {
    const entity = view.entity(id);
    if (entity) entities.push({ entity, engagements: engagementsOf(engagements) });
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
