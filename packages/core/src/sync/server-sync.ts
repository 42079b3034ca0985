import type { Change } from '../changes/change.js';
import { isMusubiError, MusubiError } from '../errors.js';
import type { Id } from '../model/ids.js';
import { readEventStream } from './event-stream.js';
import type { Replica } from './replica.js';
import { isRetryable, type ServerApi } from './server-api.js';

/** How a {@link ServerSync} retries and follows. */
export interface SyncOptions {
  /** The first wait after a failure, doubled at each further one (with jitter). Default 250 ms. */
  retryDelayMs?: number;
  /** The longest wait between tries. Default 10 s. */
  maxRetryDelayMs?: number;
  /**
   * A live stream silent this long is taken as lost and opened again (the server sends a comment
   * line every 15 s). Default 45 s.
   */
  idleMs?: number;
  /** At most this many changes per push. Default 100. */
  batch?: number;
  /** Follow the server live (Server-Sent Events). Default true; without it, `pull()` catches up. */
  live?: boolean;
}

/** Told of an error the sync cannot get past by trying again (a revoked token, a replica gone astray). */
export type SyncErrorListener = (error: MusubiError) => void;

/** Codes that refuse every change of a push whatever it holds: the user may not write. */
const refusesAll = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

/**
 * Keeps a {@link Replica} in step with a server: follows the log live (Server-Sent Events, resumed
 * from the last seq after a lost connection, with backoff), pulls what a gap left out, and pushes
 * the pending changes (retrying with the same change ids, so a push whose reply was lost is stored
 * once). Marks the replica offline while the server cannot be reached.
 */
export class ServerSync {
  readonly #replica: Replica;
  readonly #api: ServerApi;
  readonly #options: Required<SyncOptions>;
  readonly #stop = new AbortController();
  #pushing: Promise<void> | null = null;
  #pushAgain = false;
  #following: Promise<void> | null = null;
  #unsubscribe: (() => void) | undefined;
  readonly #errorListeners = new Set<SyncErrorListener>();
  #error: MusubiError | undefined;
  /** Wakes the waits between tries (the server came back, or the replica has something new). */
  #wake: (() => void) | undefined;
  /** Rejects when the sync is closed, so that a `sync()` waiting then does not wait for ever. */
  readonly #closed: Promise<never>;

  constructor(replica: Replica, api: ServerApi, options: SyncOptions = {}) {
    this.#replica = replica;
    this.#api = api;
    this.#options = {
      retryDelayMs: options.retryDelayMs ?? 250,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 10_000,
      idleMs: options.idleMs ?? 45_000,
      batch: options.batch ?? 100,
      live: options.live ?? true,
    };
    this.#closed = new Promise<never>((_, reject) => {
      this.#stop.signal.addEventListener('abort', () =>
        reject(
          new MusubiError(
            'UNAVAILABLE',
            'the connection to the server was closed before the changes were acknowledged',
          ),
        ),
      );
    });
    this.#closed.catch(() => undefined);
  }

  /** Starts following the server and pushing what is written. */
  start(): void {
    if (this.#unsubscribe || this.#stop.signal.aborted) return;
    this.#unsubscribe = this.#replica.subscribe(() => {
      if (this.#replica.outbox(1).changes.length > 0) this.push();
    });
    if (this.#options.live) this.#following = this.#follow();
    this.push();
  }

  /** The error that stopped the sync, if one did (UNAUTHENTICATED for a revoked token…). */
  get error(): MusubiError | undefined {
    return this.#error;
  }

  /** Listens to errors that stop the sync; returns a function that stops listening. */
  onError(listener: SyncErrorListener): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  #fail(error: MusubiError): void {
    this.#error = error;
    for (const listener of this.#errorListeners) {
      try {
        listener(error);
      } catch {
        // a failing listener must not hide the error from the others
      }
    }
  }

  /** Waits before the next try (`attempt` from 0), or until woken or stopped. */
  #backoff(attempt: number): Promise<void> {
    const { retryDelayMs, maxRetryDelayMs } = this.#options;
    const delay = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** Math.min(attempt, 20));
    const jittered = delay / 2 + Math.random() * (delay / 2);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#stop.signal.removeEventListener('abort', done);
        if (this.#wake === done) this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, jittered);
      this.#stop.signal.addEventListener('abort', done, { once: true });
      const other = this.#wake;
      this.#wake = () => {
        other?.();
        done();
      };
    });
  }

  #online(): void {
    this.#replica.setConnection('online');
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  // ── pulling and following ─────────────────────────────────────────────────────────────────

  #take(changes: readonly Change[]): number | undefined {
    try {
      return this.#replica.receive(changes);
    } catch (error) {
      if (isMusubiError(error)) this.#fail(error);
      throw error;
    }
  }

  /** Fetches the changes after the replica's confirmed seq, page by page, up to the server's head. */
  async pull(): Promise<void> {
    for (;;) {
      const page = await this.#api.changes(this.#replica.confirmedSeq, 1000);
      this.#online();
      this.#take(page.changes);
      if (page.changes.length === 0 || this.#replica.confirmedSeq >= page.head) return;
    }
  }

  async #follow(): Promise<void> {
    let attempt = 0;
    while (!this.#stop.signal.aborted && !this.#error) {
      try {
        const response = await this.#api.events(this.#replica.confirmedSeq, this.#stop.signal);
        this.#online();
        attempt = 0;
        await readEventStream(
          response,
          (event) => {
            if (event.event !== 'change') return;
            const gap = this.#take([JSON.parse(event.data) as Change]);
            if (gap !== undefined) void this.pull().catch(() => undefined);
          },
          { signal: this.#stop.signal, idleMs: this.#options.idleMs },
        );
      } catch (error) {
        if (this.#stop.signal.aborted || this.#error) return;
        if (isMusubiError(error) && refusesAll.has(error.code)) return this.#fail(error);
      }
      if (this.#stop.signal.aborted) return;
      // the stream ended or failed: the server may be down; say so until it answers again
      this.#replica.setConnection('offline');
      await this.#backoff(attempt++);
    }
  }

  // ── pushing ─────────────────────────────────────────────────────────────────────────────

  /** Pushes the pending changes now (and again whenever more come); resolves when none is left to send. */
  push(): Promise<void> {
    if (this.#pushing) {
      this.#pushAgain = true;
      return this.#pushing;
    }
    const run = this.#pushAll().finally(() => {
      this.#pushing = null;
    });
    this.#pushing = run;
    return run;
  }

  async #pushAll(): Promise<void> {
    let attempt = 0;
    do {
      this.#pushAgain = false;
      while (!this.#stop.signal.aborted) {
        const outbox = this.#replica.outbox(this.#options.batch);
        if (outbox.changes.length === 0) break;
        try {
          const accepted = await this.#api.push(outbox, this.#stop.signal);
          this.#online();
          attempt = 0;
          const gap = this.#replica.acknowledge(accepted);
          if (gap !== undefined && !this.#options.live) await this.pull();
        } catch (error) {
          if (this.#stop.signal.aborted) return;
          if (!isMusubiError(error)) throw error;
          if (isRetryable(error)) {
            if (error.code === 'UNAVAILABLE') this.#replica.setConnection('offline');
            await this.#backoff(attempt++);
            continue;
          }
          // the server answered: it can be reached (a live stream waiting to try again goes now)
          this.#online();
          attempt = 0;
          // a record moved on: take the server's changes first, so that the change is set aside
          // on the records as they are now (to be applied again on them, not on the ones it was
          // made on; a page started while the server could not be reached has not followed it yet)
          if (error.code === 'CONFLICT') await this.pull().catch(() => undefined);
          this.#refused(
            outbox.changes.map((c) => c.id),
            error,
          );
        }
      }
    } while (this.#pushAgain && !this.#stop.signal.aborted);
  }

  #refused(ids: readonly Id[], error: MusubiError): void {
    const accepted = Array.isArray(error.details.accepted) ? (error.details.accepted as Change[]) : [];
    if (accepted.length > 0) this.#replica.acknowledge(accepted);
    const stored = new Set(accepted.map((c) => c.id));
    const left = ids.filter((id) => !stored.has(id));
    const named = typeof error.details.changeId === 'string' ? (error.details.changeId as Id) : left[0];
    if (refusesAll.has(error.code)) for (const id of left) this.#replica.refuse(id, error);
    else if (named !== undefined) this.#replica.refuse(named, error);
  }

  /**
   * Resolves once every change written so far is acknowledged by the server (pushing them if
   * needed); rejects with the error of the first one refused or set aside.
   */
  async sync(): Promise<void> {
    if (this.#error) throw this.#error;
    if (this.#stop.signal.aborted) await this.#closed;
    const waiting = this.#replica.acknowledged();
    void this.push().catch(() => undefined);
    await Promise.race([waiting, this.#closed]);
  }

  /** Stops following and pushing. Pending changes stay in the replica. */
  async close(): Promise<void> {
    this.#stop.abort();
    this.#unsubscribe?.();
    await Promise.allSettled([this.#following, this.#pushing]);
  }
}
