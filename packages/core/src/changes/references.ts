import type * as z from 'zod/mini';
import type { ErrorPath } from '../errors.js';
import type { Id } from '../model/ids.js';
import type { Engagement, Link } from '../model/records.js';
import type { Collection, StoredRecord } from './change.js';

/** A reference from one record to another, with where in the record it sits. */
export interface Reference {
  readonly collection: Collection;
  readonly id: Id;
  readonly path: ErrorPath;
}

type ReferenceFinder = (record: StoredRecord) => Reference[];

const finders = new Map<Collection, ReferenceFinder>();
const schemas = new Map<
  Collection,
  { schema: z.ZodMiniType<StoredRecord>; idPrefix: string; what: string }
>();

/**
 * Declares a collection kept beside the graph (programmes, indicators, figures): the schema its
 * records must pass, the prefix of generated ids, and the records they refer to. The indicators
 * module registers its collections this way; `network.putRecord` then validates with the schema.
 */
export function registerCollection(
  collection: Collection,
  spec: { schema: z.ZodMiniType<StoredRecord>; idPrefix: string; what: string; references?: ReferenceFinder },
): void {
  schemas.set(collection, { schema: spec.schema, idPrefix: spec.idPrefix, what: spec.what });
  if (spec.references) finders.set(collection, spec.references);
}

/** The registered schema of a collection, if any. */
export function collectionSpec(collection: Collection) {
  return schemas.get(collection);
}

/**
 * Declares which other records a collection's records point to, so that the projection can refuse
 * dangling references and removals of records still in use. Core registers entity, link and
 * engagement; the indicators module registers its own.
 */
export function registerReferences(collection: Collection, finder: ReferenceFinder): void {
  finders.set(collection, finder);
}

/** The references a record makes. */
export function referencesOf(collection: Collection, record: StoredRecord): Reference[] {
  return finders.get(collection)?.(record) ?? [];
}

registerReferences('link', (record) => {
  const link = record as Link;
  return [
    { collection: 'entity', id: link.source, path: ['source'] },
    { collection: 'entity', id: link.target, path: ['target'] },
  ];
});

registerReferences('engagement', (record) => {
  const e = record as Engagement;
  const refs: Reference[] = e.participants.map((p, i) => ({
    collection: 'entity' as const,
    id: p.entity,
    path: ['participants', i, 'entity'],
  }));
  if (e.programme !== undefined) refs.push({ collection: 'programme', id: e.programme, path: ['programme'] });
  return refs;
});
