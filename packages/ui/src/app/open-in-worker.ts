/**
 * Reads the saved network's log in a web worker (open.worker.ts), so that the page stays free to
 * draw its shell, its progress and the view's code while IndexedDB is read and every record
 * validated. The page then replays what the worker read (`openStoredLog`, no second validation).
 * When no module worker can run (an older browser, a script that does not load), the answer is
 * `unavailable` and the page opens the database itself, as before.
 */
import { MusubiError, type StoredLog } from '@musubi/core';
import { LogReceiver } from './log-transfer.js';
import type { OpenReply, OpenRequest } from './open-messages.js';
import { timed } from './timing.js';

export type WorkerRead =
  | { kind: 'read'; log: StoredLog }
  | { kind: 'empty' }
  /** The worker could not do the reading; `reason` says why (for the console). */
  | { kind: 'unavailable'; reason: string };

/**
 * Asks a worker to read the database `name`. Resolves with the log, `empty` (a first start) or
 * `unavailable`; rejects with the worker's FORMAT or VERSION MusubiError when the log is damaged
 * or newer, the same error the page would give. `onReading` is told when the worker has started;
 * `signal` stops the worker (the app turned out to work on a team server).
 */
export function readInWorker(
  name: string,
  onReading?: () => void,
  signal?: AbortSignal,
): Promise<WorkerRead> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./open.worker.ts', import.meta.url), { type: 'module' });
  } catch (error) {
    return Promise.resolve({ kind: 'unavailable', reason: (error as Error)?.message ?? String(error) });
  }
  const receiver = new LogReceiver();
  return new Promise<WorkerRead>((resolve, reject) => {
    const done = (outcome: () => void) => {
      worker.terminate();
      outcome();
    };
    signal?.addEventListener(
      'abort',
      () => done(() => resolve({ kind: 'unavailable', reason: 'cancelled' })),
      {
        once: true,
      },
    );
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      done(() => resolve({ kind: 'unavailable', reason: event.message || 'the worker did not start' }));
    });
    worker.addEventListener('messageerror', () =>
      done(() => resolve({ kind: 'unavailable', reason: 'the worker’s answer could not be read' })),
    );
    worker.addEventListener('message', (event: MessageEvent<OpenReply>) => {
      const reply = event.data;
      if (reply.type === 'reading') onReading?.();
      else if (reply.type === 'part') {
        try {
          timed('musubi:open:part', () => receiver.add(reply.part));
        } catch (error) {
          // texts the worker wrote itself: should one not parse, the page reads the log itself
          done(() => resolve({ kind: 'unavailable', reason: (error as Error)?.message ?? String(error) }));
        }
      } else if (reply.type === 'read') {
        done(() => {
          try {
            resolve({ kind: 'read', log: receiver.finish(reply.head) });
          } catch (error) {
            resolve({ kind: 'unavailable', reason: (error as Error)?.message ?? String(error) });
          }
        });
      } else if (reply.type === 'empty') done(() => resolve({ kind: 'empty' }));
      else if (reply.type === 'failed') done(() => resolve({ kind: 'unavailable', reason: reply.reason }));
      else {
        const { code, message, path, issues, details } = reply.error;
        done(() => reject(new MusubiError(code, message, { path, issues, details })));
      }
    });
    worker.postMessage({ database: name } satisfies OpenRequest);
  });
}
