import { type Change, type Effect, invertEffects, malformedChange, undoStacks } from '../changes/change.js';
import type { ProposedChange } from '../changes/proposed-change.js';
import { MusubiError } from '../errors.js';
import type { Id } from '../model/ids.js';
import { Network, type NetworkOptions, type NetworkSnapshot } from '../network/network.js';
import { conflictOf, effectKey, rebaseEffects, recordOf } from './conflicts.js';

/** What a replica pushes: its pending changes and the seq of the log they were made on. */
export interface Outbox {
  readonly baseSeq: number;
  readonly changes: readonly ProposedChange[];
}

/**
 * A local change the server refused or that no longer applies on the server's records: kept aside
 * (never dropped silently) until the user re-applies it on the current records or drops it.
 */
export interface SetAsideChange {
  /** The change as it was made here. */
  readonly change: Change;
  /**
   * Why: `CONFLICT` with `details: { changeId, collection, id, current }` (the record as it is
   * now, or null) when a record moved on; otherwise the server's refusal (`VALIDATION`,
   * `FORBIDDEN`…).
   */
  readonly error: MusubiError;
}

/** Whether the server can be reached, as the transport last saw it. */
export type Connection = 'online' | 'offline';

/** Where a replica's changes stand with the server, for a UI's indicator. */
export type SyncState =
  | { readonly status: 'saved' }
  | { readonly status: 'pending'; readonly pending: number }
  | { readonly status: 'offline'; readonly pending: number }
  | { readonly status: 'conflict'; readonly conflicts: number; readonly pending: number };

/** Told whenever the sync state changes. */
export type SyncStateListener = (state: SyncState) => void;

/** Told of the server's changes as they become part of the confirmed log (to keep them, e.g. in IndexedDB). */
export type ConfirmedListener = (changes: readonly Change[]) => void;

export interface ReplicaOptions extends Omit<NetworkOptions, 'sink' | 'log' | 'snapshot'> {
  /** The server's records at a seq (`GET /api/snapshot`, or one kept locally). */
  snapshot?: NetworkSnapshot;
  /** Confirmed changes after the snapshot, in seq order (a kept replica's log). */
  log?: readonly Change[];
  /** Pending changes kept from an earlier session (see {@link Replica.pending}); put back on top. */
  pending?: readonly Change[];
  /** Set-aside changes kept from an earlier session (see {@link Replica.setAside}). */
  setAside?: readonly SetAsideChange[];
}

interface Waiter {
  resolve: (change: Change) => void;
  reject: (error: MusubiError) => void;
}

const withSeq = (change: Change, seq: number): Change =>
  change.seq === seq ? change : Object.freeze({ ...change, seq });

/**
 * A replica of a network kept by a server: the confirmed log (the server's changes, by seq) with
 * this client's pending changes on top. Reads, `subscribe` and the write API are those of a
 * {@link Network}: a write lands here at once and becomes a pending change (its id made here), for a
 * transport to push ({@link outbox}) and the server to acknowledge ({@link acknowledge}).
 *
 * When the server's changes arrive ({@link receive}), the pending changes are taken off, the
 * server's put on, and the pending ones put back (the cost is that of the pending changes, not of
 * the log). One whose records moved on, or that the server refuses, is set aside with a `CONFLICT`
 * naming the record (or the server's error), never dropped silently ({@link setAside}), to be
 * re-applied on the current record ({@link reapply}) or dropped ({@link drop}). Undo undoes this
 * user's own last change, as a new change.
 *
 * The replica does no I/O: {@link connectNetwork} joins it to a server over HTTP; a browser keeps
 * it in IndexedDB from {@link confirmedSnapshot}, {@link onConfirmed}, {@link pending} and
 * {@link setAside}, and starts it again from them.
 *
 * @example
 * const replica = new Replica({ snapshot, author: 'suzuki' });
 * replica.recordEngagement({ type: 'courtesy-visit', date: '2026-12-02', title: { ja: '表敬訪問' }, participants: [{ entity: 'th-embassy' }] });
 * const { accepted } = await post('/api/changes', replica.outbox());
 * replica.acknowledge(accepted);
 */
export class Replica extends Network {
  #confirmedSeq: number;
  /** The pending changes, in log order, on top of the confirmed log. */
  #pending: Change[] = [];
  /**
   * Pending changes the server has acknowledged (at a seq not reached yet) that do not apply on the
   * confirmed log as it is: they wait for the server's changes before them, then land at their seq.
   */
  #stalled: Change[] = [];
  #setAside: SetAsideChange[] = [];
  /** Server changes that came before the ones between them and the confirmed log. */
  readonly #early = new Map<number, Change>();
  /** Acknowledged by the server (a push's reply) but not yet in the confirmed log. */
  readonly #acknowledged = new Map<Id, Change>();
  readonly #waiters = new Map<Id, Waiter[]>();
  /** Ids of the changes made here (this session or a kept one) and confirmed since. */
  readonly #mine = new Set<Id>();
  /** This user's confirmed changes and their undos, for undo (oldest first). */
  readonly #myConfirmed: Change[] = [];
  #connection: Connection = 'online';
  #lastState: SyncState = { status: 'saved' };
  readonly #stateListeners = new Set<SyncStateListener>();
  readonly #confirmedListeners = new Set<ConfirmedListener>();

  constructor(options: ReplicaOptions = {}) {
    const { snapshot, log, pending, setAside, ...networkOptions } = options;
    const base = snapshot?.seq ?? 0;
    (log ?? []).forEach((change, i) => {
      if (change?.seq !== base + i + 1) {
        throw new MusubiError(
          'FORMAT',
          `change ${i + 1} of the log has seq ${change?.seq}, not ${base + i + 1}`,
          {
            path: ['log', i, 'seq'],
          },
        );
      }
    });
    super({ ...networkOptions, ...(snapshot ? { snapshot } : {}), ...(log ? { log } : {}) });
    this.#confirmedSeq = base + (log?.length ?? 0);
    for (const change of log ?? []) if (this.#isMine(change)) this.#myConfirmed.push(change);
    this.connect((change) => this.#madeHere(change));
    for (const change of pending ?? []) {
      const problem = malformedChange(change);
      if (problem !== undefined) throw new MusubiError('FORMAT', `a pending change is malformed: ${problem}`);
      this.#mine.add(change.id);
      this.#putBack(change);
    }
    this.#setAside.push(...(setAside ?? []));
    this.#lastState = this.syncState;
  }

  #isMine(change: Change): boolean {
    return this.#mine.has(change.id) || change.author === this.author;
  }

  #madeHere(change: Change): void {
    this.#pending.push(change);
    this.#mine.add(change.id);
    queueMicrotask(() => this.#tellState());
  }

  // ── what the replica holds ───────────────────────────────────────────────────────────────

  /** The seq of the last change of the confirmed log (the `baseSeq` of what is pushed). */
  get confirmedSeq(): number {
    return this.#confirmedSeq;
  }

  /**
   * The local changes not yet acknowledged by the server (keep them to restart with): those in the
   * projection, oldest first, then the {@link stalled} ones.
   */
  pending(): readonly Change[] {
    return [...this.#pending, ...this.#stalled];
  }

  /**
   * Pending changes the server has already stored, not in the projection until the server's
   * changes before them arrive (they did not apply on the records as those left them).
   */
  stalled(): readonly Change[] {
    return [...this.#stalled];
  }

  /** The changes set aside (refused, or their records moved on), oldest first. */
  setAside(): readonly SetAsideChange[] {
    return [...this.#setAside];
  }

  /**
   * The confirmed records (without the pending changes) at {@link confirmedSeq}: what a browser keeps
   * so that its next session starts from there. Takes the pending changes off and puts them back.
   */
  confirmedSnapshot(): NetworkSnapshot {
    const taken = this.takeOffLast(this.#pending.length);
    try {
      return this.snapshot();
    } finally {
      for (const change of taken) this.landChange(change, true);
    }
  }

  /** Where the changes stand: saved, pending, offline, or conflict (some set aside). */
  get syncState(): SyncState {
    const pending = this.#pending.length + this.#stalled.length;
    if (this.#setAside.length > 0) return { status: 'conflict', conflicts: this.#setAside.length, pending };
    if (this.#connection === 'offline') return { status: 'offline', pending };
    if (pending > 0) return { status: 'pending', pending };
    return { status: 'saved' };
  }

  /** Listens to the sync state; returns a function that stops listening. */
  onSyncState(listener: SyncStateListener): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** Listens to the changes that join the confirmed log; returns a function that stops listening. */
  onConfirmed(listener: ConfirmedListener): () => void {
    this.#confirmedListeners.add(listener);
    return () => this.#confirmedListeners.delete(listener);
  }

  #tellState(): void {
    const state = this.syncState;
    if (JSON.stringify(state) === JSON.stringify(this.#lastState)) return;
    this.#lastState = state;
    for (const listener of this.#stateListeners) {
      try {
        listener(state);
      } catch {
        // a failing listener must not stop syncing
      }
    }
  }

  /** For a transport: whether the server could be reached on its last try. */
  setConnection(connection: Connection): void {
    this.#connection = connection;
    this.#tellState();
  }

  // ── with the server ──────────────────────────────────────────────────────────────────────

  /**
   * The pending changes to push (at most `limit`, oldest first) with the seq they were made on.
   * A change already acknowledged (its reply came, its place in the log not yet) is not sent again.
   */
  outbox(limit = 100): Outbox {
    const changes: ProposedChange[] = [];
    for (const change of [...this.#pending, ...this.#stalled]) {
      if (changes.length >= limit) break;
      if (this.#acknowledged.has(change.id)) continue;
      changes.push(proposed(change));
    }
    return { baseSeq: this.#confirmedSeq, changes };
  }

  /**
   * Takes the server's changes (pulled, live, or a push's reply), in any order and more than once:
   * those that follow the confirmed log join it, pending changes are put back on top, and later
   * ones wait for the ones between. Returns the seq after which changes are missing (for the
   * transport to pull), or undefined when none is.
   */
  receive(changes: readonly Change[]): number | undefined {
    changes.forEach((change, i) => {
      const problem = malformedChange(change);
      if (problem !== undefined || !Number.isInteger(change.seq) || change.seq < 1) {
        throw new MusubiError('FORMAT', `the server's change ${i + 1} is malformed: ${problem ?? 'no seq'}`, {
          path: [i],
        });
      }
      if (change.seq > this.#confirmedSeq) this.#early.set(change.seq, change);
    });
    if (this.#early.has(this.#confirmedSeq + 1)) this.#advance();
    return this.#early.size > 0 ? this.#confirmedSeq : undefined;
  }

  /** Takes a push's reply: the stored changes (with their seq, time and author). */
  acknowledge(accepted: readonly Change[]): number | undefined {
    for (const change of accepted) {
      if (change.seq > this.#confirmedSeq && this.#isPending(change.id)) {
        this.#acknowledged.set(change.id, change);
      }
      this.#settle(change.id, (w) => w.resolve(change));
    }
    return this.receive(accepted);
  }

  /**
   * The server refused the pending change `changeId` (`CONFLICT`, `VALIDATION`, `FORBIDDEN`…): it
   * is taken off and set aside with the error, and so is any later pending change that no longer
   * applies without it.
   */
  refuse(changeId: Id, error: MusubiError): void {
    const stalled = this.#stalled.findIndex((p) => p.id === changeId);
    if (stalled >= 0) {
      const [refused] = this.#stalled.splice(stalled, 1) as [Change];
      this.#setChangeAside(refused, this.#withChangeId(error, refused.id));
    } else {
      const at = this.#pending.findIndex((p) => p.id === changeId);
      if (at < 0) return;
      const taken = this.takeOffLast(this.#pending.length - at);
      this.#pending.length = at;
      const [refused, ...rest] = taken as [Change, ...Change[]];
      this.#setChangeAside(refused, this.#withChangeId(error, refused.id));
      const off = this.#putBackAll([...rest, ...this.#takeStalled()]);
      this.#tellSetAside([refused, ...off.filter((c) => rest.includes(c))]);
    }
    this.#tellState();
  }

  #isPending(id: Id): boolean {
    return this.#pending.some((p) => p.id === id) || this.#stalled.some((p) => p.id === id);
  }

  #takeStalled(): Change[] {
    const stalled = this.#stalled;
    this.#stalled = [];
    return stalled;
  }

  #withChangeId(error: MusubiError, changeId: Id): MusubiError {
    if (error.details.changeId === changeId) return error;
    return new MusubiError(error.code, error.message, {
      path: error.path,
      issues: error.issues,
      details: { ...error.details, changeId },
      cause: error,
    });
  }

  #advance(): void {
    const run: Change[] = [];
    for (let seq = this.#confirmedSeq + 1; this.#early.has(seq); seq++) {
      run.push(this.#early.get(seq) as Change);
      this.#early.delete(seq);
    }
    const taken = this.takeOffLast(this.#pending.length);
    this.#pending = [];
    const waiting = [...taken, ...this.#takeStalled()];
    const confirmedIds = new Set<Id>();
    const landed: Change[] = [];
    try {
      for (const change of run) {
        this.landChange(change, true);
        this.#confirmedSeq = change.seq;
        landed.push(change);
        confirmedIds.add(change.id);
        this.#acknowledged.delete(change.id);
        if (this.#isMine(change)) this.#myConfirmed.push(change);
        // set aside here (its records had moved on when it was put back) but stored after all
        // (a reply lost, or a later change of the log put the record back): it is confirmed
        const aside = this.#setAside.findIndex((a) => a.change.id === change.id);
        if (aside >= 0) this.#setAside.splice(aside, 1);
      }
    } catch (error) {
      // the server's log does not apply here: this replica went astray; keep what it had
      for (const change of run.slice(landed.length)) this.#early.set(change.seq, change);
      this.#putBackAll(waiting.filter((p) => !confirmedIds.has(p.id)));
      throw new MusubiError(
        'FORMAT',
        `the server's change ${run[landed.length]?.seq} does not apply on this replica: ${(error as Error).message}; start again from a snapshot`,
        { cause: error },
      );
    } finally {
      for (const change of landed) this.#settle(change.id, (w) => w.resolve(change));
    }
    const off = this.#putBackAll(waiting.filter((p) => !confirmedIds.has(p.id)));
    for (const change of landed) this.tell(change);
    this.#tellSetAside(off.filter((c) => taken.includes(c)));
    for (const listener of this.#confirmedListeners) {
      try {
        listener(landed);
      } catch {
        // a failing listener must not stop syncing
      }
    }
    this.#tellState();
  }

  /** Puts pending changes back on top; returns those that no longer apply (set aside or stalled). */
  #putBackAll(changes: readonly Change[]): Change[] {
    const off: Change[] = [];
    for (const change of changes) if (!this.#putBack(change)) off.push(change);
    return off;
  }

  #putBack(change: Change): boolean {
    const again = withSeq(change, this.#confirmedSeq + this.#pending.length + 1);
    try {
      this.landChange(again, true);
      this.#pending.push(again);
      return true;
    } catch (error) {
      // the server has it at a later seq: it lands there; otherwise its records moved on
      if (this.#acknowledged.has(change.id)) this.#stalled.push(change);
      else this.#setChangeAside(change, conflictOf(this.state, change, error));
      return false;
    }
  }

  #setChangeAside(change: Change, error: MusubiError): void {
    this.#acknowledged.delete(change.id);
    this.#setAside.push({ change, error });
    this.#settle(change.id, (w) => w.reject(error));
  }

  /**
   * Tells the listeners that changes left the projection (set aside), as changes that undo them
   * with the operation `setAside` (they are not in the log).
   */
  #tellSetAside(changes: readonly Change[]): void {
    for (const change of changes) {
      this.tell(
        Object.freeze({
          ...change,
          operation: 'setAside',
          effects: Object.freeze(invertEffects(change.effects)),
        }),
      );
    }
  }

  #settle(id: Id, how: (waiter: Waiter) => void): void {
    const waiters = this.#waiters.get(id);
    if (!waiters) return;
    this.#waiters.delete(id);
    for (const waiter of waiters) how(waiter);
  }

  /**
   * Resolves with the server's version of the change once the server has acknowledged it; rejects
   * with the error it was set aside with. A change already confirmed resolves at once.
   */
  whenAcknowledged(changeId: Id): Promise<Change> {
    const acknowledged = this.#acknowledged.get(changeId);
    if (acknowledged) return Promise.resolve(acknowledged);
    const aside = this.#setAside.find((s) => s.change.id === changeId);
    if (aside) return Promise.reject(aside.error);
    if (!this.#isPending(changeId)) {
      const change = this.changeById(changeId);
      if (change) return Promise.resolve(change);
      return Promise.reject(
        new MusubiError('NOT_FOUND', `change ${changeId} is not in this replica`, { details: { changeId } }),
      );
    }
    return new Promise((resolve, reject) => {
      const waiters = this.#waiters.get(changeId) ?? [];
      waiters.push({ resolve, reject });
      this.#waiters.set(changeId, waiters);
    });
  }

  /**
   * Resolves once every change made so far is acknowledged by the server; rejects with the error of
   * the first one set aside (`CONFLICT`, `VALIDATION`, `FORBIDDEN`…).
   */
  async acknowledged(): Promise<void> {
    await Promise.all(this.pending().map((p) => this.whenAcknowledged(p.id)));
  }

  // ── set-aside changes ──────────────────────────────────────────────────────────────────

  #takeAside(changeId: Id): SetAsideChange {
    const at = this.#setAside.findIndex((s) => s.change.id === changeId);
    const aside = this.#setAside[at];
    if (!aside) {
      throw new MusubiError('NOT_FOUND', `change ${changeId} is not set aside`, { details: { changeId } });
    }
    return aside;
  }

  /**
   * Makes a set-aside change again on the current records, as a new pending change: the fields it
   * changed are written over the record as it is now (a record it created must not exist; one it
   * removed is removed as it is now). Throws CONFLICT, leaving it aside, when that cannot be done.
   */
  reapply(changeId: Id): Change | undefined {
    const aside = this.#takeAside(changeId);
    const effects = rebaseEffects(this.state, aside.change);
    // nothing left to do (the records already are as it would make them): it is done
    const change =
      effects.length === 0
        ? undefined
        : this.commitEffects(aside.change.operation, effects, {
            ...(aside.change.label === undefined ? {} : { label: aside.change.label }),
          });
    this.#setAside.splice(this.#setAside.indexOf(aside), 1);
    this.#tellState();
    return change;
  }

  /** Forgets a set-aside change (the user chose the record as it is now). */
  drop(changeId: Id): void {
    const aside = this.#takeAside(changeId);
    this.#setAside.splice(this.#setAside.indexOf(aside), 1);
    this.#tellState();
  }

  // ── undo in a team: this user's own changes ───────────────────────────────────────────────

  #stacks(): { undo: Id[]; redo: Id[] } {
    return undoStacks([...this.#myConfirmed, ...this.#pending]);
  }

  #mineById(id: Id | undefined): Change | undefined {
    if (id === undefined) return undefined;
    return this.#pending.find((c) => c.id === id) ?? this.#myConfirmed.find((c) => c.id === id);
  }

  override canUndo(): boolean {
    return this.#stacks().undo.length > 0;
  }

  override canRedo(): boolean {
    return this.#stacks().redo.length > 0;
  }

  /** This user's change `undo()` would undo (a colleague's changes are never undone from here). */
  override nextUndo(): Change | undefined {
    return this.#mineById(this.#stacks().undo.at(-1));
  }

  override nextRedo(): Change | undefined {
    return this.#mineById(this.#stacks().redo.at(-1));
  }

  /**
   * The changes of others that touched a record of `change` after it: what undoing it would
   * overwrite. Empty when undo can go ahead.
   */
  changedSince(change: Change): Change[] {
    const keys = new Set(change.effects.map(effectKey));
    // read back from the newest change to it (an undo's target is mostly recent), not the whole log
    const since: Change[] = [];
    for (let i = this.changeCount - 1; i >= 0; i--) {
      const c = this.changeAt(i) as Change;
      if (c.id === change.id) break;
      if (!this.#isMine(c) && c.effects.some((e) => keys.has(effectKey(e)))) since.push(c);
    }
    return since.reverse();
  }

  #refuseIfChangedSince(target: Change, what: 'undo' | 'redo'): void {
    const since = this.changedSince(target);
    const first = since[0];
    if (!first) return;
    const keys = new Set(target.effects.map(effectKey));
    const effect = first.effects.find((e) => keys.has(effectKey(e))) as Effect;
    const record = recordOf(effect);
    const names = [...new Set(since.map((c) => c.author))].join(', ');
    throw new MusubiError(
      'CONFLICT',
      `cannot ${what} ${target.operation}: ${names} changed ${effect.collection} ${record.id} since`,
      {
        details: {
          changeId: target.id,
          collection: effect.collection,
          id: record.id,
          current: this.state.get(effect.collection, record.id) ?? null,
          changedBy: since.map((c) => ({ changeId: c.id, author: c.author, recordedAt: c.recordedAt })),
        },
      },
    );
  }

  /**
   * Undoes this user's latest change not yet undone, as a new (pending) change. Refused with
   * CONFLICT when a colleague changed one of its records since (`details.changedBy` names them).
   */
  override undo(): Change | undefined {
    const target = this.nextUndo();
    if (!target) return undefined;
    this.#refuseIfChangedSince(target, 'undo');
    return this.commitEffects('undo', invertEffects(target.effects), { undoes: target.id });
  }

  override redo(): Change | undefined {
    const target = this.nextRedo();
    if (!target) return undefined;
    this.#refuseIfChangedSince(target, 'redo');
    return this.commitEffects('redo', target.effects, { redoes: target.id });
  }
}

/** The change as pushed: what the server keeps of it (it sets seq, time and author itself). */
export function proposed(change: Change): ProposedChange {
  return {
    id: change.id,
    operation: change.operation,
    ...(change.label === undefined ? {} : { label: change.label }),
    ...(change.undoes === undefined ? {} : { undoes: change.undoes }),
    ...(change.redoes === undefined ? {} : { redoes: change.redoes }),
    effects: change.effects,
  };
}
