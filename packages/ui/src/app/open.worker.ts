/**
 * Reads and validates the network's log in IndexedDB off the page's thread (see open-in-worker.ts).
 * It only reads: its connection is closed before it answers, so that the page's store is the one
 * connection that writes (and a database the page later deletes is not held open here).
 */
import { isMusubiError, readStoredLog } from '@musubi/core';
import { IndexedDbStore } from '@musubi/core/indexeddb';
import { logToTexts } from './log-transfer.js';
import type { OpenReply, OpenRequest } from './open-messages.js';
import { startTiming, timed } from './timing.js';

function reply(message: OpenReply): void {
  try {
    timed('musubi:worker:post', () => postMessage(message));
  } catch (error) {
    // a reply that cannot be cloned: the page opens the database itself
    postMessage({ type: 'failed', reason: (error as Error)?.message ?? String(error) } satisfies OpenReply);
  }
}

async function read(database: string): Promise<OpenReply> {
  let store: IndexedDbStore | undefined;
  try {
    store = await IndexedDbStore.open(database);
    if ((await store.lastSeq()) === 0) return { type: 'empty' };
    const end = startTiming('musubi:worker:read');
    const log = await readStoredLog(store);
    end();
    return { type: 'read', log: timed('musubi:worker:texts', () => logToTexts(log)) };
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

addEventListener('message', (event: MessageEvent<OpenRequest>) => {
  reply({ type: 'reading' });
  void read(event.data.database).then(reply);
});
