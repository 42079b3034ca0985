import type * as z from 'zod/mini';
import { type ErrorPath, isMusubiError } from '../errors.js';
import type { Id } from '../model/ids.js';
import {
  type Figure,
  FigureSchema,
  type Indicator,
  IndicatorSchema,
  ProgrammeSchema,
} from '../model/indicators.js';
import type { Engagement, Link } from '../model/records.js';
import { type Collection, collections, type StoredRecord } from './change.js';

/** A reference from one record to another, with where in the record it sits. */
export interface Reference {
  readonly collection: Collection;
  readonly id: Id;
  readonly path: ErrorPath;
}

type ReferenceFinder = (record: StoredRecord) => Reference[];

/** What the log knows of a collection kept beside the graph: its schema, id prefix and name. */
export interface CollectionSpec {
  readonly schema: z.ZodMiniType<StoredRecord>;
  readonly idPrefix: string;
  readonly what: string;
}

/**
 * The collections kept beside the graph (`network.putRecord` validates with the schema, the log's
 * codec reads them with it). The list is fixed, like `collections`: every program that loads the
 * core sees the same schemas, whatever it imported first.
 */
const schemas = new Map<Collection, CollectionSpec>([
  ['programme', { schema: ProgrammeSchema as never, idPrefix: 'prg', what: 'programme' }],
  ['indicator', { schema: IndicatorSchema as never, idPrefix: 'ind', what: 'indicator' }],
  ['figure', { schema: FigureSchema as never, idPrefix: 'fig', what: 'figure' }],
]);

/**
 * An engagement's references other than to its participants, last in `referencesOf`: the state
 * checks these alone when the participants were checked on the way (see `projection/state.ts`).
 */
export function engagementReferencesBeyondParticipants(e: Engagement): Reference[] {
  return e.programme === undefined ? [] : [{ collection: 'programme', id: e.programme, path: ['programme'] }];
}

/**
 * Which other records a collection's records point to, so that the projection can refuse dangling
 * references and removals of records still in use. Entities point to nothing.
 */
const finders = new Map<Collection, ReferenceFinder>([
  [
    'link',
    (record) => {
      const link = record as Link;
      return [
        { collection: 'entity', id: link.source, path: ['source'] },
        { collection: 'entity', id: link.target, path: ['target'] },
      ];
    },
  ],
  [
    'engagement',
    (record) => {
      const e = record as Engagement;
      const refs: Reference[] = e.participants.map((p, i) => ({
        collection: 'entity' as const,
        id: p.entity,
        path: ['participants', i, 'entity'],
      }));
      refs.push(...engagementReferencesBeyondParticipants(e));
      return refs;
    },
  ],
  [
    'indicator',
    (record) =>
      ((record as Indicator).measure.filter.programmes ?? []).map((id, i) => ({
        collection: 'programme' as const,
        id,
        path: ['measure', 'filter', 'programmes', i],
      })),
  ],
  [
    'figure',
    (record) => [{ collection: 'indicator', id: (record as Figure).indicator, path: ['indicator'] }],
  ],
]);

/** The schema of a collection kept beside the graph (none for entities, links and engagements). */
export function collectionSpec(collection: Collection): CollectionSpec | undefined {
  return schemas.get(collection);
}

/** The references a record makes. */
export function referencesOf(collection: Collection, record: StoredRecord): Reference[] {
  return finders.get(collection)?.(record) ?? [];
}

/**
 * @internal For the tests of the generic machinery of collections beside the graph (the projection,
 * `asOf`, the valid-time index) with records of other shapes: replaces a collection's schema and
 * references in this module (a test file's own copy under vitest). The core never calls it.
 */
export function replaceCollectionForTests(
  collection: Collection,
  spec: CollectionSpec & { references?: ReferenceFinder },
): void {
  schemas.set(collection, { schema: spec.schema, idPrefix: spec.idPrefix, what: spec.what });
  if (spec.references) finders.set(collection, spec.references);
  else finders.delete(collection);
}

/** The record a write refers to that is not there, as a `REFERENCE` refusal names it. */
export interface MissingReference {
  readonly collection: Collection;
  readonly id: Id;
}

/**
 * The record a refused write referred to and that does not exist: read from a `REFERENCE` error's
 * `details.missing` (the projection's refusal of a dangling reference), checked, never from its
 * message; `undefined` for any other error (a removal still referenced, a record that must stay a
 * person, or no MusubiError at all).
 */
export function missingReferenceOf(error: unknown): MissingReference | undefined {
  if (!isMusubiError(error, 'REFERENCE')) return undefined;
  const missing = error.details.missing;
  if (typeof missing !== 'object' || missing === null) return undefined;
  const { collection, id } = missing as { collection?: unknown; id?: unknown };
  if (typeof id !== 'string' || !(collections as readonly unknown[]).includes(collection)) return undefined;
  return { collection: collection as Collection, id };
}
