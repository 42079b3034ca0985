/**
 * Reads the saved network's log in a web worker (open.worker.ts), so that the page stays free to
 * draw its shell, its progress and the view's code while IndexedDB is read and every record
 * validated. The page replays each part the worker sends as it comes (log-transfer.ts, the core's
 * `replayInParts`, no second validation), so that the network exists as soon as the last part is
 * in. When no module worker can run (an older browser, a script that does not load), the answer is
 * `unavailable` and the page opens the database itself, as before.
 */
import { MusubiError, type OpenNetworkOptions, type StoredNetwork } from '@musubi/core';
import type { IndexedDbStore } from '@musubi/core/indexeddb';
import { LogReplayer } from './log-transfer.js';
import type { OpenReply, OpenRequest } from './open-messages.js';
import { startTiming, timed } from './timing.js';

export type WorkerRead =
  /** The network, replayed from the worker's reading; it holds the page's store. */
  | { kind: 'read'; network: StoredNetwork; fromSnapshot: boolean }
  | { kind: 'empty' }
  /** The worker could not do the reading; `reason` says why (for the console). */
  | { kind: 'unavailable'; reason: string };

export interface ReadInWorkerOptions {
  /**
   * Opens the page's store of the database, the one that writes (asked once the worker has started,
   * while it reads): the network replayed holds it; any other answer closes it.
   */
  openStore: () => Promise<IndexedDbStore>;
  /** The network's options (its author). */
  network?: OpenNetworkOptions;
  /** Told when the worker has started. */
  onReading?: () => void;
  /** Told when the snapshot's first records came, before they are restored (awaited: the page may draw first). */
  onSnapshot?: () => void | Promise<void>;
  /** Told after each part of changes replayed: how many so far, and whether after a snapshot. */
  onReplayed?: (replayed: number, fromSnapshot: boolean) => void;
  /** Stops the worker (the app turned out to work on a team server). */
  signal?: AbortSignal;
}

/**
 * Asks a worker to read the database `name` and replays what it sends. Resolves with the network,
 * `empty` (a first start) or `unavailable`; rejects with the worker's FORMAT or VERSION MusubiError
 * when the log is damaged or newer, the same error the page would give, or with the replay's
 * FORMAT error when a change cannot be replayed: no network then.
 */
export function readInWorker(name: string, options: ReadInWorkerOptions): Promise<WorkerRead> {
  const { openStore, onReading, onReplayed, signal } = options;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./open.worker.ts', import.meta.url), { type: 'module' });
  } catch (error) {
    return Promise.resolve({ kind: 'unavailable', reason: (error as Error)?.message ?? String(error) });
  }
  // the page's store is opened once the worker has started (after the page's shell is drawn)
  let opening: Promise<IndexedDbStore> | undefined;
  const store = (): Promise<IndexedDbStore> => {
    if (!opening) {
      opening = openStore();
      opening.catch(() => undefined); // met where a part is handled
    }
    return opening;
  };
  let replayer: LogReplayer | undefined;
  let settled = false;
  return new Promise<WorkerRead>((resolve, reject) => {
    // the page's store is the network's once it is read; closed on any other answer
    const done = (outcome: WorkerRead | { error: unknown }) => {
      if (settled) return;
      settled = true;
      worker.terminate();
      if ('kind' in outcome && outcome.kind === 'read') resolve(outcome);
      else {
        void opening?.then((opened) => opened.close()).catch(() => undefined);
        if ('kind' in outcome) resolve(outcome);
        else reject(outcome.error);
      }
    };
    const unavailable = (error: unknown) =>
      done({ kind: 'unavailable', reason: (error as Error)?.message ?? String(error) });
    signal?.addEventListener('abort', () => done({ kind: 'unavailable', reason: 'cancelled' }), {
      once: true,
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      done({ kind: 'unavailable', reason: event.message || 'the worker did not start' });
    });
    worker.addEventListener('messageerror', () =>
      done({ kind: 'unavailable', reason: 'the worker’s answer could not be read' }),
    );
    const replayerOf = (store: IndexedDbStore) => {
      replayer ??= new LogReplayer(store, options.network);
      return replayer;
    };
    const handle = async (reply: OpenReply): Promise<void> => {
      if (settled) return;
      if (reply.type === 'reading') {
        void store();
        onReading?.();
      } else if (reply.type === 'part') {
        const into = replayerOf(await store());
        if (reply.part.list !== 'changes' && !into.restoring) await options.onSnapshot?.();
        // texts the worker wrote itself: should one not parse, the page reads the log itself
        timed('musubi:open:part', () => into.add(reply.part));
        if (reply.part.list === 'changes') onReplayed?.(into.replayed, into.fromSnapshot);
      } else if (reply.type === 'snapshot') {
        const into = replayerOf(await store());
        timed('musubi:open:snapshot', () => into.snapshot(reply.head));
      } else if (reply.type === 'snapshot-dropped') {
        replayerOf(await store()).dropSnapshot();
      } else if (reply.type === 'read') {
        const into = replayerOf(await store());
        const end = startTiming('musubi:open:finish');
        let network: StoredNetwork;
        try {
          network = await into.finish(reply.head);
        } catch (error) {
          done({ error });
          return;
        } finally {
          end();
        }
        done({ kind: 'read', network, fromSnapshot: into.fromSnapshot });
      } else if (reply.type === 'empty') done({ kind: 'empty' });
      else if (reply.type === 'failed') done({ kind: 'unavailable', reason: reply.reason });
      else {
        const { code, message, path, issues, details } = reply.error;
        done({ error: new MusubiError(code, message, { path, issues, details }) });
      }
    };
    // in order, each as it comes once the page's store is open
    let queue: Promise<void> = Promise.resolve();
    worker.addEventListener('message', (event: MessageEvent<OpenReply>) => {
      queue = queue.then(() => handle(event.data)).catch(unavailable);
    });
    worker.postMessage({ database: name } satisfies OpenRequest);
  });
}
