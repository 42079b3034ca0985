/**
 * Reads and validates the network's log in IndexedDB off the page's thread (see open-in-worker.ts).
 * What it read is sent as it is checked (log-transfer.ts): the snapshot's records first, part by
 * part as they are read (dropped again, should the snapshot turn out damaged or not to match the
 * log), its head once it is known to match, then each stretch of changes as the JSON text the store keeps
 * (a packed block of thousands of changes is sent as it was read), so the page replays one while
 * the worker reads the next. It writes no change: the store only packs the loose changes it read
 * into blocks (a first opening of a log written one change at a time) before the reading ends; its
 * connection is closed before it sends the reading's head, so that the page's store is the one
 * connection that writes (and a database the page later deletes is not held open here).
 */
import { isMusubiError, readStoredLog, type StoredLog } from '@musubi/core';
import { IndexedDbStore } from '@musubi/core/indexeddb';
import { partsOf, readHead } from './log-transfer.js';
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
    // sent to the page as they are checked; a damaged change later makes the answer `refused`
    const log = await readStoredLog(store, {
      // each part of the snapshot's records is posted as soon as it is read and checked
      snapshotTexts: {
        part: ({ collection, text }) =>
          postMessage({ type: 'part', part: { list: collection, text } } satisfies OpenReply),
        head: ({ seq, changeId }) =>
          postMessage({ type: 'snapshot', head: { seq, changeId } } satisfies OpenReply),
        dropped: () => postMessage({ type: 'snapshot-dropped' } satisfies OpenReply),
      },
      onChangesText: (text) =>
        postMessage({ type: 'part', part: { list: 'changes', text } } satisfies OpenReply),
    });
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

/** Sends the changes not sent yet (a store that hands none on as texts), then the reading's head. */
function send(log: StoredLog): void {
  const end = startTiming('musubi:worker:send');
  try {
    for (const part of partsOf('changes', log.read.changes))
      postMessage({ type: 'part', part } satisfies OpenReply);
    postMessage({ type: 'read', head: readHead(log.read) } satisfies OpenReply);
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
