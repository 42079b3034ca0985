/**
 * What the entity form writes, from what it holds: a new entity (`addEntity`) or the changed fields
 * of an existing one (`updateEntity`, `null` clearing what was emptied), checked with the core's
 * own schemas first so that every problem shows on its field before anything is written. Also what
 * removing an entity would take with it, from the core's own refusal.
 */
import {
  type Engagement,
  type Entity,
  type EntityInput,
  type EntityKind,
  type EntityPatch,
  isMusubiError,
  type Link,
  type Network,
} from '@musubi/core';
import { EntityInputSchema, EntityPatchSchema } from '@musubi/core/schemas';
import {
  addIssue,
  bilingual,
  editIssue,
  type FieldIssues,
  listOf,
  mapIssues,
  optionalText,
  type Plan,
} from '../../forms/field-issues.js';
import { typedDate } from '../../forms/typed-date.js';

export interface EntityValues {
  /** Optional for a new entity (a readable slug such as `sao-paulo`); fixed once made. */
  id: string;
  kind: EntityKind;
  nameJa: string;
  nameEn: string;
  /** Other names, separated by commas (BOI, タイBOI). */
  aliases: string;
  /** ISO 3166-1 alpha-2, or empty. */
  country: string;
  lat: string;
  lng: string;
  since: string;
  until: string;
  tags: string;
  notes: string;
}

export const ENTITY_LABELS = {
  add: { ja: '相手先を登録', en: 'Add an entity' },
  update: { ja: '相手先を編集', en: 'Edit an entity' },
  remove: { ja: '相手先を削除', en: 'Remove an entity' },
} as const;

export function emptyEntity(kind: EntityKind = 'region'): EntityValues {
  return {
    id: '',
    kind,
    nameJa: '',
    nameEn: '',
    aliases: '',
    country: '',
    lat: '',
    lng: '',
    since: '',
    until: '',
    tags: '',
    notes: '',
  };
}

/** The form's values for an existing entity. */
export function entityValues(entity: Entity): EntityValues {
  return {
    id: entity.id,
    kind: entity.kind,
    nameJa: entity.name.ja ?? '',
    nameEn: entity.name.en ?? '',
    aliases: entity.aliases.join(', '),
    country: entity.country ?? '',
    lat: entity.coordinates ? String(entity.coordinates.lat) : '',
    lng: entity.coordinates ? String(entity.coordinates.lng) : '',
    since: entity.since ?? '',
    until: entity.until ?? '',
    tags: entity.tags.join(', '),
    notes: entity.notes ?? '',
  };
}

/** A decimal number typed in any width (３４．７３ too); NaN when it is not one. */
function decimal(text: string): number {
  const s = text.normalize('NFKC').trim().replace(/^−/, '-');
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
}

function coordinates(values: EntityValues, issues: FieldIssues): { lat: number; lng: number } | undefined {
  const latText = values.lat.trim();
  const lngText = values.lng.trim();
  if (latText === '' && lngText === '') return undefined;
  const lat = decimal(latText);
  const lng = decimal(lngText);
  const check = (field: 'lat' | 'lng', text: string, value: number, max: number, code: string) => {
    if (text === '')
      addIssue(issues, field, { path: [field], code: editIssue.bothCoordinates, message: 'give both' });
    else if (Number.isNaN(value))
      addIssue(issues, field, { path: [field], code: editIssue.number, message: 'not a number' });
    else if (Math.abs(value) > max)
      addIssue(issues, field, { path: [field], code, message: `out of ±${max}` });
  };
  check('lat', latText, lat, 90, editIssue.latitude);
  check('lng', lngText, lng, 180, editIssue.longitude);
  return { lat, lng };
}

/** The field of the entity form an issue at `path` belongs to. */
export function entityField(path: readonly (string | number)[]): string {
  const [head, sub] = path;
  if (head === 'name') return sub === 'ja' ? 'nameJa' : sub === 'en' ? 'nameEn' : 'name';
  if (head === 'coordinates') return sub === 'lng' ? 'lng' : 'lat';
  if (typeof head === 'string' && head !== '') return head;
  return 'form';
}

/** The entity the values describe, and the issues found by the core's schema and the network. */
function candidate(network: Network, values: EntityValues, editing: string | undefined) {
  const issues: FieldIssues = {};
  const coords = coordinates(values, issues);
  const id = editing ?? optionalText(values.id);
  const input: EntityInput = {
    ...(id === undefined ? {} : { id }),
    kind: values.kind,
    name: bilingual(values.nameJa, values.nameEn),
    aliases: listOf(values.aliases),
    ...(optionalText(values.country) === undefined ? {} : { country: values.country.trim() }),
    ...(coords && Object.keys(issues).length === 0 ? { coordinates: coords } : {}),
    ...(optionalText(values.since) === undefined ? {} : { since: typedDate(values.since) }),
    ...(optionalText(values.until) === undefined ? {} : { until: typedDate(values.until) }),
    tags: listOf(values.tags),
    ...(optionalText(values.notes) === undefined ? {} : { notes: values.notes.trim() }),
  };
  const parsed = EntityInputSchema.safeParse(input);
  if (!parsed.success) mapIssues(parsed.error.issues, issues, entityField);
  if (editing === undefined && id !== undefined && network.entity(id) !== undefined) {
    addIssue(issues, 'id', { path: ['id'], code: editIssue.idTaken, message: `entity ${id} already exists` });
  }
  return { input, issues };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ from `before`, `null` for an optional field emptied. */
function patchOf(before: Entity, input: EntityInput): EntityPatch {
  const patch: EntityPatch = {};
  if (input.kind !== before.kind) patch.kind = input.kind;
  if (
    !same(input.name, {
      ...(before.name.ja === undefined ? {} : { ja: before.name.ja }),
      ...(before.name.en === undefined ? {} : { en: before.name.en }),
    })
  )
    patch.name = input.name;
  if (!same(input.aliases, before.aliases)) patch.aliases = input.aliases ?? [];
  if (!same(input.tags, before.tags)) patch.tags = input.tags ?? [];
  const optional = ['country', 'coordinates', 'since', 'until', 'notes'] as const;
  for (const key of optional) {
    const next = input[key];
    if (same(next, before[key])) continue;
    (patch as Record<string, unknown>)[key] = next === undefined ? null : next;
  }
  return patch;
}

/**
 * Plans adding (`editing` undefined) or editing an entity. The write returns the entity's id.
 *
 * @example
 * const plan = planEntity(network, { ...emptyEntity('region'), nameJa: 'ロンバルディア州', country: 'IT' });
 * if (plan.ok) plan.write(network);
 */
export function planEntity(network: Network, values: EntityValues, editing?: string): Plan<string> {
  const before = editing === undefined ? undefined : network.entity(editing);
  if (editing !== undefined && before === undefined) {
    return {
      ok: false,
      issues: { form: [{ path: [], code: 'NOT_FOUND', message: `entity ${editing} does not exist` }] },
    };
  }
  const { input, issues } = candidate(network, values, editing);
  if (Object.keys(issues).length > 0) return { ok: false, issues };
  if (before === undefined) {
    return {
      ok: true,
      write: (n) => n.transaction((t) => t.addEntity(input).id, { label: ENTITY_LABELS.add }),
    };
  }
  const patch = patchOf(before, input);
  const parsed = EntityPatchSchema.safeParse(patch);
  if (!parsed.success) {
    mapIssues(parsed.error.issues, issues, entityField);
    return { ok: false, issues };
  }
  if (Object.keys(patch).length === 0) {
    return {
      ok: false,
      issues: { form: [{ path: [], code: editIssue.nothingChanged, message: 'nothing changed' }] },
    };
  }
  return {
    ok: true,
    write: (n) => n.transaction((t) => t.updateEntity(before.id, patch).id, { label: ENTITY_LABELS.update }),
  };
}

/** What removing an entity with `{ cascade: true }` also does to one record that refers to it. */
export type RemovalEffect =
  | { collection: 'link'; id: string; effect: 'removed'; link: Link | undefined }
  | {
      collection: 'engagement';
      id: string;
      effect: 'removed' | 'updated';
      engagement: Engagement | undefined;
    }
  | { collection: string; id: string; effect: 'blocks' };

/**
 * Tries to remove the entity. Done: `{ removed: true }`. Refused because records still refer to it:
 * the records the core named, each with what a cascade would do to it (links go; an engagement
 * goes when the entity was its only participant, otherwise the entity leaves its participants;
 * anything else blocks the removal).
 */
export function tryRemoveEntity(
  network: Network,
  id: string,
): { removed: true } | { removed: false; referencedBy: RemovalEffect[] } {
  try {
    network.transaction((t) => t.removeEntity(id), { label: ENTITY_LABELS.remove });
    return { removed: true };
  } catch (error) {
    if (!isMusubiError(error, 'REFERENCE')) throw error;
    const refs = (error.details.referencedBy ?? []) as { collection: string; id: string }[];
    return { removed: false, referencedBy: refs.map((ref) => removalEffect(network, id, ref)) };
  }
}

function removalEffect(
  network: Network,
  entity: string,
  ref: { collection: string; id: string },
): RemovalEffect {
  if (ref.collection === 'link')
    return { collection: 'link', id: ref.id, effect: 'removed', link: network.link(ref.id) };
  if (ref.collection === 'engagement') {
    const engagement = network.engagement(ref.id);
    const others = engagement?.participants.filter((p) => p.entity !== entity) ?? [];
    return {
      collection: 'engagement',
      id: ref.id,
      effect: others.length === 0 ? 'removed' : 'updated',
      engagement,
    };
  }
  return { collection: ref.collection, id: ref.id, effect: 'blocks' };
}

/** Removes the entity and, with it, the links and engagement participations that refer to it. */
export function removeEntityWithReferences(network: Network, id: string): void {
  network.transaction((t) => t.removeEntity(id, { cascade: true }), { label: ENTITY_LABELS.remove });
}
