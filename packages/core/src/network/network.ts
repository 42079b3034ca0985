import {
  type Change,
  type Collection,
  type Effect,
  invertEffects,
  malformedChange,
  type Operation,
  type StoredRecord,
} from '../changes/change.js';
import { type ChangeLabel, ChangeLabelSchema } from '../changes/change-label.js';
import { checkEffectBase, effectTarget, type ProposedChange, sameJson } from '../changes/proposed-change.js';
import { collectionSpec } from '../changes/references.js';
import { isMusubiError, MusubiError } from '../errors.js';
import { ChangeLog } from '../log/change-log.js';
import { type ChangePlace, decodeProposedChange } from '../log/proposal.js';
import type { NetworkSnapshot } from '../log/store.js';
import { generateId, type Id } from '../model/ids.js';
import { plainInput } from '../model/input.js';
import { isWellFormedText } from '../model/names.js';
import {
  type Engagement,
  type EngagementInput,
  EngagementInputSchema,
  type EngagementPatch,
  EngagementPatchSchema,
  EngagementSchema,
  type Entity,
  type EntityInput,
  EntityInputSchema,
  type EntityPatch,
  EntityPatchSchema,
  EntitySchema,
  type Link,
  type LinkEvent,
  type LinkEventInput,
  LinkEventInputSchema,
  type LinkInput,
  LinkInputSchema,
  type LinkPatch,
  LinkPatchSchema,
  LinkSchema,
} from '../model/records.js';
import { parseOrThrow } from '../model/validate.js';
import { NetworkState } from '../projection/state.js';
import { NetworkView } from '../views/view.js';

/** Told after every change that lands in the log (including undo and redo). */
export type ChangeListener = (change: Change) => void;

/**
 * Receives every change before it is acknowledged; a store's append. If it throws, the change is
 * rolled back and the write fails with a STORAGE error.
 */
export type ChangeSink = (change: Change) => void;

export type { NetworkSnapshot };

export interface NetworkOptions {
  /** Recorded on every change as its author. Default `anonymous`. */
  author?: string;
  /** The clock for record time. Default `() => new Date()`. */
  now?: () => Date;
  /** Changes to replay before the network is handed out (an opened store's log). */
  log?: readonly Change[];
  /**
   * Start from a snapshot; `log` then holds only the changes after it (seq `snapshot.seq + 1` on).
   * `log()`, undo and `asRecordedAt` then reach back only to the snapshot.
   */
  snapshot?: NetworkSnapshot;
  /** Called with each new change before the write returns (a store's append). */
  sink?: ChangeSink;
}

export interface RemoveOptions {
  /**
   * Also remove what refers to the record: an entity's links, and its place in engagements (an
   * engagement left with no participant is removed too).
   */
  cascade?: boolean;
}

export interface TransactionOptions {
  /** A label for the log and the history view (`{ ja: '来訪を記録', en: 'Record a visit' }`). */
  label?: ChangeLabel;
}

type Patch = Record<string, unknown>;

/** Applies a patch where `null` clears a field and `undefined` leaves it alone. */
function applyPatch<T extends object>(record: T, patch: Patch): T {
  const next: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as T;
}

/**
 * An update's `before` or a delete's `record` read from a log is a copy of the record the state
 * stored: the log keeps the stored record instead when both are the same JSON text, so that a
 * replayed network holds each version of a record once.
 */
function keepStored(effect: Effect, stored: StoredRecord): void {
  if (Object.isFrozen(effect)) return;
  const e = effect as { before?: StoredRecord; record?: StoredRecord };
  const copy = effect.type === 'update' ? e.before : e.record;
  if (copy === stored || JSON.stringify(copy) !== JSON.stringify(stored)) return;
  if (effect.type === 'update') e.before = stored;
  else e.record = stored;
}

/**
 * @internal For a store that replays a log as it reads it (`../storage/open-network.ts`), instead
 * of handing a network the whole log: `change` replays the `i`-th change (0-based) as the
 * constructor's `log` would, `end` is called once after the last; `reserve` makes room for as many
 * changes as the store says its log holds, before the first.
 */
export let replaying: {
  change(network: Network, change: Change, i: number): void;
  end(network: Network): void;
  reserve(network: Network, changes: number): void;
};

/**
 * A partner network: a change log and its projection. Every write is validated, applied
 * all-or-nothing and appended to the log; reads come from the projection (see {@link NetworkView}).
 *
 * @example
 * const network = createNetwork({ author: 'international-affairs' });
 * const mie = network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
 */
/**
 * Creates a snapshot's records in an empty state, part by part (FORMAT if they cannot all be
 * created). A record that refers to one not created yet waits, and is tried again after each part
 * that created something and at the end: records may come in any order, but in an order where
 * references resolve (see {@link SNAPSHOT_ORDER}) none waits.
 */
class RecordsRestore {
  #waiting: { collection: Collection; record: StoredRecord }[] = [];
  #lastError: unknown;

  constructor(private readonly state: NetworkState) {}

  /** Creates what it can of `records`; returns how many were created. */
  #create(collection: Collection, records: readonly StoredRecord[]): number {
    let created = 0;
    for (const record of records) {
      try {
        this.state.apply({ type: 'create', collection, record });
        created++;
      } catch (error) {
        if (!isMusubiError(error, 'REFERENCE')) {
          throw new MusubiError('FORMAT', `the snapshot cannot be restored: ${(error as Error).message}`, {
            cause: error,
          });
        }
        this.#waiting.push({ collection, record });
        this.#lastError = error;
      }
    }
    return created;
  }

  /** Tries the waiting records again, in passes, while a pass creates something. */
  #retry(): void {
    while (this.#waiting.length > 0) {
      const waiting = this.#waiting;
      this.#waiting = [];
      let created = 0;
      for (const { collection, record } of waiting) created += this.#create(collection, [record]);
      if (created === 0) return;
    }
  }

  add(collection: Collection, records: readonly StoredRecord[]): void {
    const waited = this.#waiting.length;
    const created = this.#create(collection, records);
    if (created > 0 && waited > 0) this.#retry();
  }

  end(): void {
    this.#retry();
    if (this.#waiting.length > 0) {
      throw new MusubiError(
        'FORMAT',
        `the snapshot cannot be restored: ${(this.#lastError as Error).message}`,
        {
          cause: this.#lastError,
        },
      );
    }
  }
}

/** Creates a snapshot's records in an empty state (FORMAT if they cannot all be created). */
function restoreRecords(state: NetworkState, snapshotRecords: NetworkSnapshot['records']): void {
  const restore = new RecordsRestore(state);
  for (const [collection, records] of Object.entries(snapshotRecords))
    restore.add(collection as Collection, records ?? []);
  restore.end();
}

/**
 * The collections in an order where every record's references resolve once the collections
 * before it are in (a link and an engagement refer to entities, an engagement and an indicator to
 * a programme, a figure to an indicator): a store keeps a snapshot's records in this order so that
 * a reader restores them part by part as they come, none waiting.
 */
export const SNAPSHOT_ORDER: readonly Collection[] = [
  'entity',
  'programme',
  'indicator',
  'figure',
  'link',
  'engagement',
];

/**
 * @internal A network restored from a snapshot that arrives in parts (`../storage/open-network.ts`):
 * `add` creates the records of one part (a FORMAT error ends the restore: the network is then
 * dropped), `end` checks that every record is in and starts the log after the snapshot.
 */
export let restoring: (network: Network) => {
  add(collection: Collection, records: readonly StoredRecord[]): void;
  end(head: { seq: number; changeId: Id | null }): void;
};

export class Network extends NetworkView {
  #log = new ChangeLog();
  readonly #listeners = new Set<ChangeListener>();
  #author: string;
  readonly #now: () => Date;
  #sink: ChangeSink | undefined;
  #pending: Effect[] | null = null;

  constructor(options: NetworkOptions = {}) {
    super(new NetworkState());
    this.#author = options.author ?? 'anonymous';
    this.#now = options.now ?? (() => new Date());
    if (options.snapshot) this.#restore(options.snapshot);
    if (options.log) this.#replay(options.log);
    this.#sink = options.sink;
  }

  #replay(log: readonly Change[]): void {
    if (!Array.isArray(log)) throw new MusubiError('FORMAT', 'a log is a list of changes');
    log.forEach((change, i) => {
      this.#replayOne(change, i);
    });
    this.#settle();
  }

  /**
   * A log or a snapshot taken in: the room the lists grew with given back, and the timelines of the
   * busiest entities made and kept (a hub is what a user opens first; its first timeline at scale L
   * took 17–34 ms, here 0.4% of the open). A timeline that cannot be made (a date the replay took in
   * but the sort refuses) is left to its first call, which says why: it does not stop the open.
   */
  #settle(): void {
    this.#log.trim();
    this.state.trim();
    for (const id of this.state.busiest()) {
      try {
        this.timeline(id);
      } catch {}
    }
  }

  /** Replays the `i`-th change of a log (0-based): all of it, or nothing and a FORMAT error. */
  #replayOne(change: Change, i: number): void {
    const problem = malformedChange(change);
    if (problem !== undefined) {
      throw new MusubiError('FORMAT', `change ${i + 1} is malformed: ${problem}`, { path: [i] });
    }
    const effects = change.effects;
    /** How many of the effects were applied (the first ones). */
    let applied = 0;
    try {
      for (; applied < effects.length; applied++) {
        const effect = effects[applied] as Effect;
        const stored =
          effect.type === 'create'
            ? undefined
            : this.state.get(
                effect.collection,
                effect.type === 'update' ? effect.before.id : effect.record.id,
              );
        this.state.apply(effect);
        if (stored !== undefined) keepStored(effect, stored);
      }
    } catch (error) {
      for (const effect of invertEffects(effects.slice(0, applied))) this.state.apply(effect);
      throw new MusubiError(
        'FORMAT',
        `change ${i + 1} (${change.id}) cannot be replayed: ${(error as Error).message}`,
        {
          path: [i],
          details: { change: change.id },
          cause: error,
        },
      );
    }
    // the log keeps it in columns (or, if they cannot say it exactly, frozen as it is)
    this.#log.append(change);
  }

  static {
    replaying = {
      change: (network, change, i) => network.#replayOne(change, i),
      end: (network) => network.#settle(),
      reserve: (network, changes) => network.#log.reserve(changes),
    };
    restoring = (network) => {
      const restore = new RecordsRestore(network.state);
      return {
        add: (collection, records) => restore.add(collection, records),
        end: (head) => {
          restore.end();
          network.#log = new ChangeLog({ seq: head.seq, changeId: head.changeId });
          network.#settle();
        },
      };
    };
  }

  #restore(snapshot: NetworkSnapshot): void {
    restoreRecords(this.state, snapshot.records);
    this.#log = new ChangeLog({ seq: snapshot.seq, changeId: snapshot.changeId });
    this.#settle();
  }

  /**
   * The current records and the seq of the last change, for a store to keep as a snapshot.
   *
   * @example
   * await store.writeSnapshot(network.snapshot());
   */
  snapshot(): NetworkSnapshot {
    const records: Partial<Record<Collection, StoredRecord[]>> = {
      entity: this.state.graph.mapNodes((_, attributes) => attributes),
      link: this.state.graph.mapEdges((_, attributes) => attributes),
    };
    for (const [collection, table] of this.state.records) {
      if (table.size > 0) records[collection] = [...table.values()];
    }
    return { seq: this.#log.lastSeq, changeId: this.#log.lastId, records };
  }

  /** Sets the sink that receives new changes (used by stores when they open a network). */
  connect(sink: ChangeSink | undefined): void {
    this.#sink = sink;
  }

  /** The author recorded on this network's changes. */
  get author(): string {
    return this.#author;
  }

  /**
   * Records the next changes as written by `author` (someone else taking over a shared browser).
   * Refuses an empty name, one over 100 characters, or one with control characters.
   */
  setAuthor(author: string): void {
    if (
      typeof author !== 'string' ||
      author.trim() === '' ||
      author.length > 100 ||
      !isWellFormedText(author) ||
      // biome-ignore lint/suspicious/noControlCharactersInRegex: an author is one line of text
      /[\u0000-\u001f\u007f]/.test(author)
    ) {
      throw new MusubiError(
        'VALIDATION',
        'an author is 1–100 characters on one line, without control characters',
        {
          path: ['author'],
        },
      );
    }
    this.#author = author.trim();
  }

  // ── the log ────────────────────────────────────────────────────────────────────────────

  /**
   * The change log, oldest first. The returned array is a copy; the changes are frozen. The log
   * is kept compactly and a change is made again when read: two reads of an old change give equal
   * objects, not always the same one.
   */
  log(): Change[] {
    return this.#log.toArray();
  }

  /** How many changes the log holds, without making them (`log().length` makes every one). */
  get changeCount(): number {
    return this.#log.length;
  }

  /** The change that landed last (an undo or a redo lands one too); undefined in an empty log. */
  lastChange(): Change | undefined {
    return this.#log.at(this.#log.length - 1);
  }

  /** The change with this id, if the log holds it, found through the log's id index. */
  changeById(id: Id): Change | undefined {
    return this.#log.byId(id);
  }

  /**
   * The change at a position of the log (0 the oldest it holds, `changeCount - 1` the last), made
   * from the compact log; undefined outside it. Reads a page of the log without making the rest.
   *
   * @example
   * // the ten latest changes, newest first
   * for (let i = network.changeCount - 1; i >= Math.max(0, network.changeCount - 10); i--) show(network.changeAt(i));
   */
  changeAt(position: number): Change | undefined {
    return this.#log.at(position);
  }

  /**
   * A mark of the log as it stands, for {@link Network.firstChangedSince}: data derived from the
   * log (an index, a count) keeps the mark and `changeCount` of the changes it read.
   */
  logMark(): number {
    return this.#log.landings;
  }

  /**
   * The first position whose change landed after `mark` (from {@link Network.logMark}), or
   * `changeCount` when none did; the positions below it hold what they held at the mark. A
   * network's log only grows, but a replica takes its pending changes off and lands them again
   * under the server's: a reader that follows the log reads again from the smaller of this and
   * the count it had read, and drops what it had derived from there on.
   *
   * @example
   * const from = Math.min(read, network.firstChangedSince(mark));
   * for (let i = from; i < network.changeCount; i++) index.add(network.changeAt(i));
   * (read = network.changeCount), (mark = network.logMark());
   */
  firstChangedSince(mark: number): number {
    return this.#log.firstLandedAfter(mark);
  }

  /** Listens to every change that lands; returns a function that stops listening. */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** True when `undo()` has something to undo. */
  canUndo(): boolean {
    return this.#log.canUndo;
  }

  /** True when `redo()` has something to redo. */
  canRedo(): boolean {
    return this.#log.canRedo;
  }

  /** The change `undo()` would undo, if any. */
  nextUndo(): Change | undefined {
    return this.#log.nextUndo();
  }

  /** The change `redo()` would redo, if any. */
  nextRedo(): Change | undefined {
    return this.#log.nextRedo();
  }

  /**
   * Undoes the latest change not yet undone by appending its inverse to the log (the log is never
   * rewritten). Returns the new change, or undefined when there is nothing to undo.
   */
  undo(): Change | undefined {
    this.#refuseInTransaction('undo');
    const target = this.nextUndo();
    if (!target) return undefined;
    const change = this.#commitEffects('undo', invertEffects(target.effects), { undoes: target.id });
    return change;
  }

  /** Re-applies the latest undone change. Returns the new change, or undefined when there is nothing to redo. */
  redo(): Change | undefined {
    this.#refuseInTransaction('redo');
    const target = this.nextRedo();
    if (!target) return undefined;
    return this.#commitEffects('redo', target.effects, { redoes: target.id });
  }

  /**
   * The network as our records stood at a moment of record time: the log replayed up to and
   * including the changes recorded at or before `at`. Answers "what did we know on date X".
   * A network started from a snapshot (a store's, a server's) answers from the snapshot on: for a
   * moment before the first change its log holds, it throws `VALIDATION` (reason `before-snapshot`),
   * since when the snapshot's records were recorded is not known.
   */
  asRecordedAt(at: string | Date): NetworkView {
    if (
      at instanceof Date ? Number.isNaN(at.getTime()) : typeof at !== 'string' || Number.isNaN(Date.parse(at))
    ) {
      throw new MusubiError('VALIDATION', 'asRecordedAt() needs a valid time (a Date or an ISO 8601 string)');
    }
    // a time with an offset (`…T10:00+09:00`) compares in UTC; a date alone means all of it (UTC)
    const limit = at instanceof Date || at.includes('T') ? new Date(at).toISOString() : at;
    const recordedBy = (change: Change) => change.recordedAt <= limit || change.recordedAt.startsWith(limit);
    const log = this.#log;
    const state = new NetworkState();
    const start = log.lastSeq - log.length;
    if (start === 0) {
      for (const change of log) {
        if (!recordedBy(change)) break;
        for (const effect of change.effects) state.apply(effect);
      }
      return new NetworkView(state);
    }
    // started from a snapshot: the log holds only the changes after it, so the records of then are
    // the current ones with the changes recorded after `at` undone, newest first; before the first
    // change the log holds, when the snapshot's records were recorded is not known
    const first = log.at(0);
    if (first === undefined || !recordedBy(first)) {
      throw new MusubiError(
        'VALIDATION',
        `asRecordedAt(): this network starts from a snapshot (after change ${start}); what was recorded before ${first?.recordedAt ?? 'its next change'} is not in its log`,
        { params: { reason: 'before-snapshot', seq: start } },
      );
    }
    restoreRecords(state, this.snapshot().records);
    state.trim();
    for (let i = log.length - 1; i > 0; i--) {
      const change = log.at(i) as Change;
      if (recordedBy(change)) break;
      for (const effect of invertEffects(change.effects)) state.apply(effect);
    }
    return new NetworkView(state);
  }

  // ── writing ────────────────────────────────────────────────────────────────────────────

  #refuseInTransaction(what: string): void {
    if (this.#pending !== null) {
      throw new MusubiError('CONFLICT', `${what}() cannot run inside a transaction`);
    }
  }

  /** Applies one effect now and remembers it for the change being built. */
  protected emit(effect: Effect): void {
    if (this.#pending === null) throw new MusubiError('CONFLICT', 'effects are emitted inside a write');
    // an update that changes nothing is not a change (a form saved as it was)
    if (effect.type === 'update' && JSON.stringify(effect.before) === JSON.stringify(effect.after)) return;
    this.state.apply(effect);
    this.#pending.push(effect);
  }

  /**
   * Runs `fn` as one write: everything it emits becomes one change, or nothing does if it throws.
   * Writes inside a transaction join the transaction's change.
   */
  protected write<T>(operation: Operation, fn: () => T, label?: ChangeLabel): T {
    if (this.#pending !== null) return fn();
    this.#pending = [];
    let result: T;
    try {
      result = fn();
    } catch (error) {
      this.#rollback();
      throw error;
    }
    const effects = this.#pending;
    this.#pending = null;
    if (effects.length > 0) {
      try {
        this.#commit(operation, effects, label === undefined ? {} : { label });
      } catch (error) {
        for (const effect of invertEffects(effects)) this.state.apply(effect);
        throw error;
      }
    }
    return result;
  }

  #rollback(): void {
    const effects = this.#pending ?? [];
    this.#pending = null;
    for (const effect of invertEffects(effects)) this.state.apply(effect);
  }

  #commitEffects(operation: Operation, effects: readonly Effect[], extra: Partial<Change>): Change {
    const applied: Effect[] = [];
    try {
      for (const effect of effects) {
        this.state.apply(effect);
        applied.push(effect);
      }
      return this.#commit(operation, applied, extra);
    } catch (error) {
      for (const effect of invertEffects(applied)) this.state.apply(effect);
      throw error;
    }
  }

  #commit(operation: Operation, effects: readonly Effect[], extra: Partial<Change>): Change {
    const change: Change = Object.freeze({
      id: generateId('chg'),
      seq: this.#log.nextSeq,
      recordedAt: this.#now().toISOString(),
      author: this.#author,
      operation,
      ...extra,
      effects: Object.freeze(effects.map((effect) => Object.freeze(effect))),
    });
    if (this.#sink) {
      try {
        this.#sink(change);
      } catch (error) {
        if (isMusubiError(error)) throw error;
        throw new MusubiError('STORAGE', `the change could not be stored: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    this.#log.append(change);
    this.#tell(change);
    return change;
  }

  // ── for replicas (a client of the team server, `sync/`) ──────────────────────────────────

  /**
   * @internal Takes the last `count` changes off the log, undoing their effects newest first, and
   * returns them oldest first. Listeners are not told; the caller puts changes back or tells its own.
   * For a replica, which takes its pending changes off before the server's land under them.
   */
  protected takeOffLast(count: number): Change[] {
    this.#refuseInTransaction('takeOffLast');
    const taken = this.#log.takeOffLast(count);
    for (let i = taken.length - 1; i >= 0; i--) {
      const change = taken[i] as Change;
      for (const effect of invertEffects(change.effects)) this.state.apply(effect);
    }
    return taken;
  }

  /**
   * @internal Lands a change made elsewhere as it is (its id, seq, time and author kept): all of
   * its effects or none (it throws the first effect's error and the state is as before). A removal
   * must find the record as it names it (CONFLICT otherwise), as an update must. The listeners are
   * told unless `quiet`. For a replica: the server's changes, and its own pending changes put back
   * on top of them.
   */
  protected landChange(change: Change, quiet = false): void {
    this.#refuseInTransaction('landChange');
    const applied: Effect[] = [];
    try {
      for (const effect of change.effects) {
        if (effect.type === 'delete') {
          const current = this.state.get(effect.collection, effect.record.id);
          if (current !== undefined && !sameJson(current, effect.record)) {
            throw new MusubiError(
              'CONFLICT',
              `${effect.collection} ${effect.record.id} changed since this removal was prepared`,
              { details: { collection: effect.collection, id: effect.record.id } },
            );
          }
        }
        this.state.apply(effect);
        applied.push(effect);
      }
    } catch (error) {
      for (const effect of invertEffects(applied)) this.state.apply(effect);
      throw error;
    }
    this.#log.land(change);
    if (!quiet) this.#tell(change);
  }

  /** @internal Commits effects as a new change of this network (a replica's own undo and redo). */
  protected commitEffects(operation: Operation, effects: readonly Effect[], extra: Partial<Change>): Change {
    this.#refuseInTransaction(operation);
    return this.#commitEffects(operation, effects, extra);
  }

  /** @internal Tells the listeners of a change (a replica telling them what it set aside). */
  protected tell(change: Change): void {
    this.#tell(change);
  }

  #tell(change: Change): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        // a failing listener must not undo a stored change
      }
    }
  }

  /**
   * Lands a change made elsewhere (a replica's push): checks it with the log's schemas, checks each
   * effect against the current records (a create's id must be free; an update's or a delete's
   * `before` must equal the current record), applies all of its effects or none, and appends it
   * with the next seq, this network's clock and `meta.author`, keeping the proposed id. Refused
   * with VALIDATION (a malformed change), CONFLICT (`details: { changeId, collection, id, current }`,
   * `current` null when the record is gone) or REFERENCE; the network is then as it was. A change
   * whose id is already in the log is not applied again: the stored one is returned.
   *
   * @example
   * // the server, sequencing a client's push
   * const stored = network.accept(proposed, { author: user.username });
   */
  accept(proposed: ProposedChange, meta: { author: string }): Change {
    this.#refuseInTransaction('accept');
    // read once, here: a throwing getter or Proxy is refused with VALIDATION before anything lands
    proposed = plainInput(proposed, 'proposed change');
    meta = plainInput(meta, 'accept() meta');
    const id = (proposed as { id?: unknown } | null)?.id;
    const stored = typeof id === 'string' ? this.#log.byId(id) : undefined;
    if (stored) return stored;
    if (typeof meta?.author !== 'string' || meta.author.trim() === '') {
      throw new MusubiError('VALIDATION', 'accept() needs the author of the change', { path: ['author'] });
    }
    const place: ChangePlace = {
      seq: this.#log.nextSeq,
      recordedAt: this.#now().toISOString(),
      author: meta.author,
    };
    const change = decodeProposedChange(proposed, place);
    const applied: Effect[] = [];
    try {
      for (const [index, effect] of change.effects.entries()) {
        const target = effectTarget(effect);
        checkEffectBase(change.id, index, effect, this.state.get(target.collection, target.id));
        this.state.apply(effect);
        applied.push(effect);
      }
    } catch (error) {
      for (const effect of invertEffects(applied)) this.state.apply(effect);
      throw error;
    }
    const { id: changeId, author, recordedAt, label, undoes, redoes } = change;
    const extra: Partial<Change> = { id: changeId, author, recordedAt };
    try {
      return this.#commit(change.operation, applied, {
        ...extra,
        ...(label === undefined ? {} : { label }),
        ...(undoes === undefined ? {} : { undoes }),
        ...(redoes === undefined ? {} : { redoes }),
      });
    } catch (error) {
      for (const effect of invertEffects(applied)) this.state.apply(effect);
      throw error;
    }
  }

  /**
   * Runs several writes as one change: all of them land, or none does (the network is exactly as
   * before if `fn` throws). Returns what `fn` returns.
   *
   * @example
   * network.transaction(() => {
   *   const person = network.addEntity({ kind: 'person', name: { en: 'New Ambassador' } });
   *   network.addLink({ kind: 'role', source: person.id, target: 'th-embassy', events: [{ type: 'signed', date: '2022-04' }] });
   * }, { label: 'New ambassador' });
   */
  transaction<T>(fn: (network: this) => T, options: TransactionOptions = {}): T {
    if (this.#pending !== null) return fn(this);
    options = plainInput(options, 'transaction options');
    const label =
      options.label === undefined
        ? undefined
        : parseOrThrow(ChangeLabelSchema, options.label, 'transaction label', ['label']);
    return this.write(
      'transaction',
      () => {
        const result = fn(this);
        // writes after an `await` would land outside the transaction: refuse, and land nothing
        if (typeof (result as { then?: unknown } | null)?.then === 'function') {
          Promise.resolve(result).catch(() => undefined); // its own failure is reported by this error
          throw new MusubiError(
            'VALIDATION',
            'transaction() takes a synchronous function; do async work before it',
          );
        }
        return result;
      },
      label,
    );
  }

  #require<T extends StoredRecord>(collection: Collection, id: Id): T {
    if (typeof id !== 'string') {
      throw new MusubiError('VALIDATION', `a ${collection} id is a string, not ${typeof id}`, {
        path: ['id'],
      });
    }
    const record = this.state.get<T>(collection, id);
    if (!record) {
      throw new MusubiError(
        'NOT_FOUND',
        `${collection} ${JSON.stringify(String(id).slice(0, 140))} does not exist`,
        {
          details: { collection, id },
          params: { reason: 'not-found', collection, id: String(id).slice(0, 140) },
        },
      );
    }
    return record;
  }

  /** Adds an entity and returns the stored record (with its id). */
  addEntity(input: EntityInput): Entity {
    return this.write('addEntity', () => {
      const parsed = parseOrThrow(EntityInputSchema, input, 'entity');
      const record = parseOrThrow(EntitySchema, { ...parsed, id: parsed.id ?? generateId('ent') }, 'entity');
      this.emit({ type: 'create', collection: 'entity', record });
      return record;
    });
  }

  /** Changes some fields of an entity (`null` clears an optional field) and returns the new record. */
  updateEntity(id: Id, patch: EntityPatch): Entity {
    return this.write('updateEntity', () => {
      const before = this.#require<Entity>('entity', id);
      const parsed = parseOrThrow(EntityPatchSchema, patch, 'entity patch');
      const after = parseOrThrow(EntitySchema, applyPatch(before, parsed), 'entity');
      this.emit({ type: 'update', collection: 'entity', before, after });
      return this.#require<Entity>('entity', id); // the stored record (the same one when nothing changed)
    });
  }

  /**
   * Removes an entity. Refused with a REFERENCE error naming the links and engagements that still
   * refer to it, unless `{ cascade: true }`.
   */
  removeEntity(id: Id, options: RemoveOptions = {}): Entity {
    options = plainInput(options, 'remove options');
    return this.write('removeEntity', () => {
      const record = this.#require<Entity>('entity', id);
      if (options.cascade) {
        for (const linkId of this.state.graph.edges(id)) this.#removeLinkNow(linkId);
        for (const engagementId of [...this.state.referringIds('entity', id, 'engagement')]) {
          const before = this.#require<Engagement>('engagement', engagementId);
          const participants = before.participants.filter((p) => p.entity !== id);
          if (participants.length === 0)
            this.emit({ type: 'delete', collection: 'engagement', record: before });
          else {
            const after: Engagement = { ...before, participants };
            this.emit({ type: 'update', collection: 'engagement', before, after });
          }
        }
      }
      this.emit({ type: 'delete', collection: 'entity', record });
      return record;
    });
  }

  /** Adds a link between two existing entities, with its history of events. */
  addLink(input: LinkInput): Link {
    return this.write('addLink', () => {
      const parsed = parseOrThrow(LinkInputSchema, input, 'link');
      const events = parsed.events.map((e) => ({ ...e, id: e.id ?? generateId('evt') }));
      const record = parseOrThrow(
        LinkSchema,
        { ...parsed, id: parsed.id ?? generateId('lnk'), events },
        'link',
      );
      this.emit({ type: 'create', collection: 'link', record });
      return record;
    });
  }

  /** Changes a link's title, tags or notes. Its ends cannot change; its events change by events. */
  updateLink(id: Id, patch: LinkPatch): Link {
    return this.write('updateLink', () => {
      const before = this.#require<Link>('link', id);
      const parsed = parseOrThrow(LinkPatchSchema, patch, 'link patch');
      const after = parseOrThrow(LinkSchema, applyPatch(before, parsed), 'link');
      this.emit({ type: 'update', collection: 'link', before, after });
      return this.#require<Link>('link', id); // the stored record (the same one when nothing changed)
    });
  }

  /** Adds a dated event (signed, revised, renewed, suspended, ended) to a link's history. */
  addLinkEvent(linkId: Id, event: LinkEventInput): Link {
    return this.write('addLinkEvent', () => {
      const before = this.#require<Link>('link', linkId);
      const parsed = parseOrThrow(LinkEventInputSchema, event, 'link event');
      const added: LinkEvent = { ...parsed, id: parsed.id ?? generateId('evt') };
      if (before.events.some((e) => e.id === added.id)) {
        throw new MusubiError('CONFLICT', `link ${linkId} already has an event ${added.id}`, {
          path: ['id'],
          params: { reason: 'exists', collection: 'event', id: added.id },
        });
      }
      const events = [...before.events, added];
      const after = parseOrThrow(LinkSchema, { ...before, events }, 'link', []);
      this.emit({ type: 'update', collection: 'link', before, after });
      return after;
    });
  }

  /** Removes one event from a link's history (a mistaken entry). */
  removeLinkEvent(linkId: Id, eventId: Id): Link {
    return this.write('removeLinkEvent', () => {
      const before = this.#require<Link>('link', linkId);
      if (!before.events.some((e) => e.id === eventId)) {
        throw new MusubiError('NOT_FOUND', `link ${linkId} has no event ${eventId}`, {
          details: { linkId, eventId },
        });
      }
      const after = parseOrThrow(
        LinkSchema,
        { ...before, events: before.events.filter((e) => e.id !== eventId) },
        'link',
      );
      this.emit({ type: 'update', collection: 'link', before, after });
      return after;
    });
  }

  #removeLinkNow(id: Id): Link {
    const record = this.#require<Link>('link', id);
    this.emit({ type: 'delete', collection: 'link', record });
    return record;
  }

  /** Removes a link with its whole history. (To record that a tie ended, add an `ended` event instead.) */
  removeLink(id: Id): Link {
    return this.write('removeLink', () => this.#removeLinkNow(id));
  }

  /** Records an engagement (a visit, a mission, a seminar…) and returns the stored record. */
  recordEngagement(input: EngagementInput): Engagement {
    return this.write('recordEngagement', () => {
      const parsed = parseOrThrow(EngagementInputSchema, input, 'engagement');
      const followUps = parsed.followUps.map((f) => ({ ...f, id: f.id ?? generateId('fup') }));
      const record = parseOrThrow(
        EngagementSchema,
        { ...parsed, id: parsed.id ?? generateId('eng'), followUps },
        'engagement',
      );
      this.emit({ type: 'create', collection: 'engagement', record });
      return record;
    });
  }

  /** Changes some fields of an engagement (`null` clears an optional field). */
  updateEngagement(id: Id, patch: EngagementPatch): Engagement {
    return this.write('updateEngagement', () => {
      const before = this.#require<Engagement>('engagement', id);
      const parsed = parseOrThrow(EngagementPatchSchema, patch, 'engagement patch');
      const withIds = parsed.followUps
        ? { ...parsed, followUps: parsed.followUps.map((f) => ({ ...f, id: f.id ?? generateId('fup') })) }
        : parsed;
      const after = parseOrThrow(EngagementSchema, applyPatch(before, withIds), 'engagement');
      this.emit({ type: 'update', collection: 'engagement', before, after });
      return this.#require<Engagement>('engagement', id); // the stored record (the same one when nothing changed)
    });
  }

  /** Removes an engagement. */
  removeEngagement(id: Id): Engagement {
    return this.write('removeEngagement', () => {
      const record = this.#require<Engagement>('engagement', id);
      this.emit({ type: 'delete', collection: 'engagement', record });
      return record;
    });
  }

  /**
   * Adds or replaces a record of a collection kept beside the graph (programmes, indicators,
   * figures), validated by the schema the collection registered. Modules build their typed API on
   * this (`addProgramme(network, input)`); entities, links and engagements have their own methods.
   */
  putRecord<T extends StoredRecord>(
    collection: Collection,
    input: unknown,
    operation: Operation = 'putRecord',
  ): T {
    input = plainInput(input, `${collection} record`);
    return this.write(operation, () => {
      const spec = collectionSpec(collection);
      if (!spec || collection === 'entity' || collection === 'link' || collection === 'engagement') {
        throw new MusubiError('VALIDATION', `putRecord does not take ${collection} records`, { path: [] });
      }
      const withId =
        input !== null &&
        typeof input === 'object' &&
        !Array.isArray(input) &&
        (input as { id?: unknown }).id === undefined
          ? { ...(input as object), id: generateId(spec.idPrefix) }
          : input;
      const record = parseOrThrow(spec.schema, withId, spec.what) as T;
      const before = this.state.get(collection, record.id);
      if (before) this.emit({ type: 'update', collection, before, after: record });
      else this.emit({ type: 'create', collection, record });
      return record;
    });
  }

  /** Removes a record of a collection kept beside the graph; refused while other records refer to it. */
  removeRecord<T extends StoredRecord>(
    collection: Collection,
    id: Id,
    operation: Operation = 'removeRecord',
  ): T {
    return this.write(operation, () => {
      if (collection === 'entity' || collection === 'link' || collection === 'engagement') {
        throw new MusubiError('VALIDATION', `removeRecord does not take ${collection} records`, { path: [] });
      }
      const record = this.#require<T>(collection, id);
      this.emit({ type: 'delete', collection, record });
      return record;
    });
  }
}

/**
 * Creates a network, empty or replayed from a log.
 *
 * @example
 * import { createNetwork } from '@musubi/core';
 * const network = createNetwork({ author: 'suzuki' });
 */
export function createNetwork(options: NetworkOptions = {}): Network {
  return new Network(options);
}
