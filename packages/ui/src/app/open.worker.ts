/**
 * Reads and validates the network's log in IndexedDB off the page's thread (see open-in-worker.ts).
 * It only reads: its connection is closed before it answers, so that the page's store is the one
 * connection that writes (and a database the page later deletes is not held open here).
 */
import { isMusubiError, readStoredLog, type StoredLog } from '@musubi/core';
import { IndexedDbStore } from '@musubi/core/indexeddb';
import { logHead, logParts } from './log-transfer.js';
import type { OpenReply, OpenRequest } from './open-messages.js';
import { startTiming } from './timing.js';

function reply(message: OpenReply): void {
  try {
    postMessage(message);
  } catch (error) {
    // a reply that cannot be cloned: the page opens the database itself
    postMessage({ type: 'failed', reason: (error as Error)?.message ?? String(error) } satisfies OpenReply);
  }
}

async function read(database: string): Promise<OpenReply | { type: 'log'; log: StoredLog }> {
  let store: IndexedDbStore | undefined;
  try {
    store = await IndexedDbStore.open(database);
    if ((await store.lastSeq()) === 0) return { type: 'empty' };
    const end = startTiming('musubi:worker:read');
    const log = await readStoredLog(store);
    end();
    return { type: 'log', log };
  } catch (error) {
    if (isMusubiError(error, 'FORMAT') || isMusubiError(error, 'VERSION')) {
      const { code, message, path, issues, details } = error;
      return { type: 'refused', error: { code, message, path, issues, details } };
    }
    return { type: 'failed', reason: (error as Error)?.message ?? String(error) };
  } finally {
    await store?.close();
  }
}

/** Sends the log in parts, each as soon as it is written, then its head (see log-transfer.ts). */
function send(log: StoredLog): void {
  const end = startTiming('musubi:worker:send');
  try {
    for (const part of logParts(log)) postMessage({ type: 'part', part } satisfies OpenReply);
    postMessage({ type: 'read', head: logHead(log) } satisfies OpenReply);
  } catch (error) {
    // a log that cannot be sent: the page opens the database itself
    reply({ type: 'failed', reason: (error as Error)?.message ?? String(error) });
  }
  end();
}

addEventListener('message', (event: MessageEvent<OpenRequest>) => {
  reply({ type: 'reading' });
  // the store is closed before the log is sent
  void read(event.data.database).then((answer) => (answer.type === 'log' ? send(answer.log) : reply(answer)));
});
