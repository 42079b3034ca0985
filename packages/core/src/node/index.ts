/**
 * @musubi/core/node — the parts of Musubi that need Node (files). Import them from
 * `@musubi/core/node`; `@musubi/core` itself stays browser-safe.
 */

import { workerData } from 'node:worker_threads';
import { type OpenNetworkOptions, openNetwork, type StoredNetwork } from '../storage/open-network.js';
import { inspectLog, type LogInspection } from './log-repair.js';
import { ReadAgain, sendableError, type ValidatorData, type Verdict } from './log-validator.js';
import { NdjsonFileStore, type NdjsonFileStoreOptions, type RepairReport } from './ndjson-store.js';

export type { LogInspection, MissingChanges, SetAsideLine } from './log-repair.js';
export type { NdjsonFileStoreOptions, RepairReport } from './ndjson-store.js';
export { NdjsonFileStore } from './ndjson-store.js';

/**
 * Opens a network kept in an NDJSON log file (creating it with `{ create: true }`). Closing it keeps
 * a snapshot beside the file when 10,000 changes or more were replayed or written since the last
 * one (`snapshotEvery`), so that the next opening reads only the snapshot and the log after it.
 *
 * @example
 * const network = await openNetworkFile('mie.musubi.ndjson', { create: true, author: 'suzuki' });
 * network.addEntity({ kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } }); // on disk when this returns
 * await network.close();
 */
export async function openNetworkFile(
  path: string,
  options: NdjsonFileStoreOptions & OpenNetworkOptions = {},
): Promise<StoredNetwork> {
  const { create, readOnly, maxLineBytes, validateInWorker, ...networkOptions } = options;
  const store = NdjsonFileStore.open(path, {
    ...(create === undefined ? {} : { create }),
    ...(readOnly === undefined ? {} : { readOnly }),
    ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
    validateInWorker: validateInWorker ?? 'auto',
  });
  try {
    const opening = { snapshotEvery: 10_000, ...networkOptions };
    try {
      return await openNetwork(store, opening);
    } catch (error) {
      // the worker found records that validation changes: read again, validating on this thread
      if (!(error instanceof ReadAgain)) throw error;
      return await openNetwork(store, opening);
    }
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Repairs a log file so that it opens and takes appends again (see {@link NdjsonFileStore.repair}):
 * a torn last line, lines whose integrity check fails and the changes that depend on them go
 * verbatim to a side file; what can still be trusted is kept; a file of format 1 gets its checks.
 * Returns what it did, or undefined when the file was sound. A failure is STORAGE and leaves the
 * file as it was, with no side or temporary file.
 *
 * @example
 * const report = repairNetworkFile('mie.musubi.ndjson');
 * for (const line of report?.setAside ?? []) console.log(`line ${line.line}: ${line.message.en}`);
 */
export function repairNetworkFile(path: string): RepairReport | undefined {
  const store = NdjsonFileStore.open(path);
  try {
    return store.repair();
  } finally {
    void store.close();
  }
}

/**
 * Reads a whole log file as `repair` would, changing nothing: checks every line's integrity check,
 * validates and replays every change, and compares the file's end with its end record. `sound` is
 * true when nothing is wrong; otherwise `setAside` and `missing` say what a repair would lose.
 * The lock is not taken. For `musubi validate`.
 *
 * @example
 * const inspection = inspectNetworkFile('mie.musubi.ndjson');
 * if (!inspection.sound) console.log(inspection.setAside.map((l) => l.line));
 */
export function inspectNetworkFile(path: string, options: { maxLineBytes?: number } = {}): LogInspection {
  const store = NdjsonFileStore.open(path, { readOnly: true });
  void store.close();
  return inspectLog(path, options.maxLineBytes ?? store.maxLineBytes);
}
// Musubi JSON in chunks, for files larger than one string can hold (the CLI's JSON export and import)
export type { JsonChunks } from '../io/json-stream.js';
export { importJsonChunksInto, networkFromJsonChunks, networkJsonChunks } from '../io/json-stream.js';

/**
 * The NDJSON store's validating worker (see `validateInWorker`): reads the file its `workerData`
 * names the way a sequential read does and posts the verdict on the port it was given. Runs only
 * in the worker the store starts; not for other use.
 */
export async function runLogValidator(): Promise<void> {
  const { path, maxLineBytes, port } = workerData as ValidatorData;
  let verdict: Verdict;
  try {
    const store = NdjsonFileStore.open(path, { readOnly: true, maxLineBytes });
    try {
      verdict = { ok: true, ...store.checkLog() };
    } finally {
      await store.close();
    }
  } catch (error) {
    verdict = { ok: false, error: sendableError(error) };
  }
  port.postMessage(verdict);
  port.close();
}
