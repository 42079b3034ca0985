import * as z from 'zod/mini';
import {
  type Change,
  type Collection,
  collections,
  type Effect,
  type StoredRecord,
} from '../changes/change.js';
import { ChangeLabelSchema } from '../changes/change-label.js';
import { collectionSpec } from '../changes/references.js';
import { type ErrorPath, MusubiError } from '../errors.js';
import { IdSchema } from '../model/ids.js';
import { EngagementSchema, EntitySchema, LinkSchema } from '../model/records.js';
// zod's English messages, as zod's classic API sets them
import '../model/zod-english.js';
import { isChangeAsIs, isStoredRecordAsIs } from './record-fast-path.js';
import {
  LOG_FORMAT,
  LOG_FORMAT_VERSION,
  type LogRead,
  type NetworkSnapshot,
  type StoreWarning,
} from './store.js';

/** Keys that could reach an object's prototype if some later code merged the parsed value. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * Whether a JSON text may hold a forbidden key (then the parsed value is walked): four substring
 * searches, which cost two thirds of one regular expression with alternatives on a block of
 * thousands of changes (0.28 s against 0.41 s of CPU over scale M's 165 MB).
 */
export function mayHideForbiddenKey(text: string): boolean {
  return (
    text.includes('__proto__') ||
    text.includes('constructor') ||
    text.includes('prototype') ||
    text.includes('\\u')
  );
}

function findForbiddenKey(value: unknown, path: (string | number)[]): (string | number)[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findForbiddenKey(item, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (forbiddenKeys.has(key)) return [...path, key];
    const found = findForbiddenKey((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Parses one JSON text from a log (a line, a snapshot), refusing malformed JSON and keys such as
 * `__proto__` or `constructor` with a FORMAT error at `where` (a line number, a seq).
 */
export function parseLogJson(text: string, where: ErrorPath, what: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MusubiError('FORMAT', `${what} is not valid JSON: ${(error as Error).message}`, {
      path: where,
      cause: error,
      details: { reason: 'not-json' },
    });
  }
  if (mayHideForbiddenKey(text)) {
    const key = findForbiddenKey(value, []);
    if (key) {
      throw new MusubiError('FORMAT', `${what} holds the forbidden key ${JSON.stringify(key.at(-1))}`, {
        path: where,
        details: { reason: 'forbidden-key', key },
      });
    }
  }
  return value;
}

const LooseRecordSchema = z.looseObject({ id: IdSchema });

function recordSchema(collection: Collection): z.ZodMiniType<StoredRecord> {
  if (collection === 'entity') return EntitySchema;
  if (collection === 'link') return LinkSchema;
  if (collection === 'engagement') return EngagementSchema;
  // a collection whose module is not loaded is checked for its id only (its module validates writes)
  return collectionSpec(collection)?.schema ?? LooseRecordSchema;
}

function refuse(where: ErrorPath, message: string, issues?: z.core.$ZodIssue[]): never {
  throw new MusubiError('FORMAT', message, {
    path: where,
    ...(issues
      ? {
          issues: issues.map((issue) => ({
            path: [...where, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
            code: issue.code,
            message: issue.message,
          })),
        }
      : {}),
  });
}

/**
 * How a value to decode was made. `parsed`: it is a fresh `JSON.parse` result that nothing else
 * holds, so a record that passes the fast path (record-fast-path.ts) is kept as it is instead of
 * being copied by zod; anything the fast path does not vouch for is validated by zod as always.
 */
export interface DecodeOptions {
  parsed?: boolean;
}

/** Validates a stored record with its collection's schema (an edited file cannot inject a bad record). */
export function decodeRecord(
  collection: Collection,
  raw: unknown,
  where: ErrorPath,
  what: string,
  options: DecodeOptions = {},
) {
  if (options.parsed && isStoredRecordAsIs(collection, raw)) return raw as StoredRecord;
  const result = recordSchema(collection).safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    refuse(
      where,
      `${what} holds an invalid ${collection}: ${first?.message ?? 'invalid'}`,
      result.error.issues,
    );
  }
  return result.data;
}

const CollectionSchema = z.enum(collections);
const EnvelopeSchema = z.strictObject({
  id: IdSchema,
  seq: z.number().check(z.int(), z.positive()),
  recordedAt: z.iso.datetime(),
  author: z.string(),
  operation: z.string().check(z.minLength(1)),
  label: z.optional(ChangeLabelSchema),
  undoes: z.optional(IdSchema),
  redoes: z.optional(IdSchema),
  effects: z.array(
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('create'), collection: CollectionSchema, record: z.unknown() }),
      z.strictObject({ type: z.literal('delete'), collection: CollectionSchema, record: z.unknown() }),
      z.strictObject({
        type: z.literal('update'),
        collection: CollectionSchema,
        before: z.unknown(),
        after: z.unknown(),
      }),
    ]),
  ),
});

/**
 * Turns a parsed log entry into a Change, or refuses it with a FORMAT error at `where`. With
 * `records: false` only the envelope is checked (changes before a snapshot are not replayed). With
 * `parsed` (see {@link DecodeOptions}), a change the fast path vouches for is returned as it is.
 */
export function decodeChange(
  raw: unknown,
  where: ErrorPath,
  options: { records?: boolean } & DecodeOptions = {},
): Change {
  if (options.parsed && isChangeAsIs(raw, options.records !== false)) return raw as Change;
  const what = `the change at ${where.join('.')}`;
  const parsed = EnvelopeSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    refuse(where, `${what} is malformed: ${first?.path.join('.')} ${first?.message}`, parsed.error.issues);
  }
  const envelope = parsed.data;
  if (options.records === false) return envelope as Change;
  const effects: Effect[] = envelope.effects.map((effect) =>
    effect.type === 'update'
      ? {
          type: 'update',
          collection: effect.collection,
          before: decodeRecord(effect.collection, effect.before, where, what, options),
          after: decodeRecord(effect.collection, effect.after, where, what, options),
        }
      : {
          type: effect.type,
          collection: effect.collection,
          record: decodeRecord(effect.collection, effect.record, where, what, options),
        },
  );
  return { ...envelope, effects } as Change;
}

/**
 * Checks a log header (`{ format, formatVersion }`): FORMAT when it is not one, VERSION when newer
 * than `supported` (a store whose own format moved on, as the NDJSON file's, gives its own).
 */
export function checkHeader(
  raw: unknown,
  where: ErrorPath,
  description: string,
  supported: number = LOG_FORMAT_VERSION,
): void {
  const header = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (header === null || typeof header !== 'object' || header.format !== LOG_FORMAT) {
    throw new MusubiError('FORMAT', `${description} is not a Musubi log (no "${LOG_FORMAT}" header)`, {
      path: where,
      details: { reason: 'not-musubi' },
    });
  }
  const version = header.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new MusubiError('FORMAT', `${description} has no valid formatVersion`, {
      path: where,
      details: { reason: 'not-musubi' },
    });
  }
  if (version > supported) {
    throw new MusubiError(
      'VERSION',
      `${description} was written by a newer Musubi (log format ${version}; this version reads up to ${supported}); update Musubi to open it`,
      { path: where, details: { formatVersion: version, supported } },
    );
  }
}

const SnapshotSchema = z.looseObject({
  seq: z.number().check(z.int(), z.nonnegative()),
  changeId: z.nullable(IdSchema),
  records: z.partialRecord(CollectionSchema, z.array(z.unknown())),
});

/** Validates a stored snapshot like the log: every record with its collection's schema. */
export function decodeSnapshot(raw: unknown, where: ErrorPath, options: DecodeOptions = {}): NetworkSnapshot {
  const parsed = SnapshotSchema.safeParse(raw);
  if (!parsed.success) refuse(where, 'the snapshot is malformed', parsed.error.issues);
  const records: Partial<Record<Collection, StoredRecord[]>> = {};
  for (const [collection, list] of Object.entries(parsed.data.records) as [Collection, unknown[]][]) {
    records[collection] = list.map((record) =>
      decodeRecord(collection, record, where, 'the snapshot', options),
    );
  }
  return { seq: parsed.data.seq, changeId: parsed.data.changeId, records };
}

/**
 * Assembles a log from entries read in order: checks that seqs run 1, 2, 3… and validates the
 * records of the changes after `after`. Every store reads through this.
 */
export class LogAssembler {
  readonly changes: Change[] = [];
  readonly warnings: StoreWarning[] = [];
  #lastSeq: number;
  #idAt: string | null = null;

  readonly #decode: DecodeOptions;
  readonly #keep: boolean;
  readonly #onChange: ((change: Change) => void) | undefined;

  /**
   * `firstSeq`: the seq of the first entry to come (a store may skip what a snapshot covers).
   * `options.parsed`: every entry added is a fresh `JSON.parse` result (see {@link DecodeOptions}).
   * `options.keep: false`: the changes are checked but not kept (a reader that hands them on as it
   * goes); `result().changes` is then empty.
   * `options.onChange`: each change after `after` is handed to it as soon as it is read and
   * validated, instead of being kept in `changes`.
   */
  constructor(
    readonly after: number,
    firstSeq = 1,
    options: DecodeOptions & { keep?: boolean; onChange?: (change: Change) => void } = {},
  ) {
    this.#lastSeq = firstSeq - 1;
    this.#decode = { parsed: options.parsed };
    this.#keep = options.keep !== false;
    this.#onChange = options.onChange;
  }

  /** The id of the change at `after`, once it has been added (null before, or when `after` is 0). */
  get idAt(): string | null {
    return this.#idAt;
  }

  /**
   * Checks the next entry and returns the change (the very object `raw` when it was kept as it is,
   * see {@link DecodeOptions}); refuses it with a FORMAT error at `where`.
   */
  add(raw: unknown, where: ErrorPath): Change {
    const peek = (raw as { seq?: unknown } | null)?.seq;
    const replayed = typeof peek !== 'number' || peek > this.after;
    const change = decodeChange(raw, where, { records: replayed, parsed: this.#decode.parsed });
    if (change.seq !== this.#lastSeq + 1) {
      refuse(where, `the change at ${where.join('.')} has seq ${change.seq}; expected ${this.#lastSeq + 1}`);
    }
    this.#lastSeq = change.seq;
    if (change.seq === this.after) this.#idAt = change.id;
    if (change.seq > this.after) {
      if (this.#onChange) this.#onChange(change);
      else if (this.#keep) this.changes.push(change);
    }
    return change;
  }

  result(): LogRead {
    return { changes: this.changes, idAt: this.#idAt, lastSeq: this.#lastSeq, warnings: this.warnings };
  }
}
