import type { Collection, StoredRecord } from '../changes/change.js';
import { MusubiError } from '../errors.js';
import { decodeSnapshot, LogAssembler } from '../log/log-codec.js';
import type { Engagement, Entity, Link } from '../model/records.js';
import { createNetwork, type Network, type NetworkOptions, SNAPSHOT_ORDER } from '../network/network.js';
import type { NetworkView } from '../views/view.js';
import { decodeImport, parseImportedJson } from './hostile-input.js';

/** The `format` of every Musubi JSON file. */
export const JSON_FORMAT = 'musubi';
/** The JSON interchange version this Musubi writes; older ones are migrated on load, newer refused. */
export const JSON_FORMAT_VERSION = 1;

/** A Musubi JSON file: the whole network as its log, or as its current state. */
export type MusubiJson =
  | {
      readonly format: 'musubi';
      readonly formatVersion: number;
      readonly kind: 'log';
      readonly exportedAt?: string;
      readonly changes: readonly unknown[];
    }
  | {
      readonly format: 'musubi';
      readonly formatVersion: number;
      readonly kind: 'state';
      readonly exportedAt?: string;
      readonly seq: number;
      readonly changeId: string | null;
      readonly records: Readonly<Partial<Record<Collection, readonly unknown[]>>>;
    };

/** One step from version `from` to `from + 1`; migrations run in order. */
export interface JsonMigration {
  readonly from: number;
  migrate(document: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Version 0 is the pre-release layout: `{ "musubi": 0, "entities": [], "links": [], "engagements": [] }`
 * (no envelope, no log). It becomes a version-1 state document.
 */
const fromVersion0: JsonMigration = {
  from: 0,
  migrate(document) {
    const list = (key: string) => {
      const value = document[key] ?? [];
      if (!Array.isArray(value))
        throw new MusubiError('FORMAT', `"${key}" must be a list / 「${key}」は配列です`, { path: [key] });
      return value;
    };
    return {
      format: JSON_FORMAT,
      formatVersion: 1,
      kind: 'state',
      seq: 0,
      changeId: null,
      records: { entity: list('entities'), link: list('links'), engagement: list('engagements') },
    };
  },
};

/** Every migration, oldest first. Add one here when JSON_FORMAT_VERSION goes up. */
export const jsonMigrations: readonly JsonMigration[] = [fromVersion0];

function versionOf(document: Record<string, unknown>): number {
  if (document.format === undefined && document.musubi === 0) return 0;
  if (document.format !== JSON_FORMAT) {
    throw new MusubiError(
      'FORMAT',
      'this is not a Musubi JSON file (no "format": "musubi") / Musubi の JSON ではありません',
      { path: ['format'], details: { reason: 'not-musubi' } },
    );
  }
  const version = document.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new MusubiError('FORMAT', 'the file has no valid formatVersion / formatVersion が不正です', {
      path: ['formatVersion'],
      details: { reason: 'not-musubi' },
    });
  }
  if (version > JSON_FORMAT_VERSION) {
    throw new MusubiError(
      'VERSION',
      `the file was written by a newer Musubi (format ${version}; this one reads up to ${JSON_FORMAT_VERSION}) / 新しい版の Musubi で書かれたファイルです`,
      { path: ['formatVersion'], details: { formatVersion: version, supported: JSON_FORMAT_VERSION } },
    );
  }
  return version;
}

/**
 * Reads a Musubi JSON file (text or bytes) and brings it to the current version. Refuses what is not
 * JSON or not Musubi (FORMAT), a newer version (VERSION), and prototype keys (FORMAT).
 */
export function readMusubiJson(
  input: string | Uint8Array,
  options: { maxBytes?: number; migrations?: readonly JsonMigration[] } = {},
): MusubiJson {
  const raw = parseImportedJson(decodeImport(input, { what: 'the JSON file', ...options }));
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new MusubiError('FORMAT', 'a Musubi JSON file is an object / Musubi の JSON はオブジェクトです', {
      details: { reason: 'not-musubi' },
    });
  }
  return checkedDocument(raw as Record<string, unknown>, options.migrations);
}

/**
 * @internal A parsed Musubi JSON document brought to the current version, or refused (FORMAT,
 * VERSION); for `readMusubiJson` and the streaming reader.
 */
export function checkedDocument(
  raw: Record<string, unknown>,
  migrations: readonly JsonMigration[] = jsonMigrations,
): MusubiJson {
  let document = raw;
  for (let version = versionOf(document); version < JSON_FORMAT_VERSION; version++) {
    const step = migrations.find((m) => m.from === version);
    if (!step)
      throw new MusubiError('VERSION', `no migration from JSON format ${version}`, { details: { version } });
    document = step.migrate(document);
  }
  if (document.kind === 'log' && Array.isArray(document.changes)) return document as unknown as MusubiJson;
  if (document.kind === 'state' && document.records !== null && typeof document.records === 'object') {
    return document as unknown as MusubiJson;
  }
  throw new MusubiError(
    'FORMAT',
    'kind must be "log" (with changes) or "state" (with records) / kind が不正です',
    { path: ['kind'], details: { reason: 'not-musubi' } },
  );
}

/**
 * Writes the network as Musubi JSON: `kind: 'log'` keeps every change (history, undo), `kind: 'state'`
 * only the current records.
 */
export function networkToJson(
  network: Network,
  options: { kind?: 'log' | 'state'; now?: Date } = {},
): string {
  const exportedAt = (options.now ?? new Date()).toISOString();
  const head = { format: JSON_FORMAT, formatVersion: JSON_FORMAT_VERSION, exportedAt };
  if ((options.kind ?? 'log') === 'log') {
    return `${JSON.stringify({ ...head, kind: 'log', changes: network.log() }, null, 1)}\n`;
  }
  const snapshot = network.snapshot();
  return `${JSON.stringify({ ...head, kind: 'state', ...snapshot }, null, 1)}\n`;
}

/** Opens a network (in memory) from a Musubi JSON file, validating every change or record. */
export function networkFromJson(
  input: string | Uint8Array,
  options: Omit<NetworkOptions, 'log' | 'snapshot'> = {},
): Network {
  const document = readMusubiJson(input);
  if (document.kind === 'log') {
    // the document is this call's own parse: what the fast path vouches for is kept, not copied
    const assembler = new LogAssembler(0, 1, { parsed: true });
    document.changes.forEach((raw, i) => {
      assembler.add(raw, ['changes', i]);
    });
    return createNetwork({ ...options, log: assembler.result().changes });
  }
  const snapshot = decodeSnapshot(document, ['records'], { parsed: true });
  return createNetwork({ ...options, snapshot });
}

/** The order in which {@link importJsonInto} adds collections, so that references resolve (a snapshot's). */
const importOrder: readonly Collection[] = SNAPSHOT_ORDER;

/**
 * Adds the current records of a Musubi JSON file to an existing network, in one transaction
 * (all or nothing). Returns how many records of each collection were added.
 */
export function importJsonInto(network: Network, input: string | Uint8Array): Record<string, number> {
  const source: NetworkView = networkFromJson(input);
  return importSnapshotInto(network, (source as Network).snapshot().records);
}

/** @internal Adds records (by collection) to a network in one transaction; how many of each. */
export function importSnapshotInto(
  network: Network,
  records: Readonly<Partial<Record<Collection, readonly StoredRecord[]>>>,
): Record<string, number> {
  const snapshot = { records };
  const counts: Record<string, number> = {};
  // referenced records first: an engagement names a programme, an indicator a programme, a figure an indicator
  const order = (c: string) => {
    const i = importOrder.indexOf(c as Collection);
    return i === -1 ? importOrder.length : i;
  };
  const collectionsInOrder = (
    Object.entries(snapshot.records) as [Collection, readonly StoredRecord[]][]
  ).sort(([a], [b]) => order(a) - order(b));
  network.transaction(
    (n) => {
      for (const [collection, records] of collectionsInOrder) {
        for (const record of records) {
          if (collection === 'entity') n.addEntity(record as Entity);
          else if (collection === 'link') n.addLink(record as Link);
          else if (collection === 'engagement') n.recordEngagement(record as Engagement);
          else n.putRecord(collection, record);
          counts[collection] = (counts[collection] ?? 0) + 1;
        }
      }
    },
    { label: { ja: 'JSONの取り込み', en: 'import JSON' } },
  );
  return counts;
}
