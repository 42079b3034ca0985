/**
 * @musubi/core/node — the parts of Musubi that need Node (files). Import them from
 * `@musubi/core/node`; `@musubi/core` itself stays browser-safe.
 */

import { type OpenNetworkOptions, openNetwork, type StoredNetwork } from '../storage/open-network.js';
import { NdjsonFileStore, type NdjsonFileStoreOptions, type RepairReport } from './ndjson-store.js';

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
  const { create, readOnly, maxLineBytes, ...networkOptions } = options;
  const store = NdjsonFileStore.open(path, {
    ...(create === undefined ? {} : { create }),
    ...(readOnly === undefined ? {} : { readOnly }),
    ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
  });
  try {
    return await openNetwork(store, { snapshotEvery: 10_000, ...networkOptions });
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Moves a torn last line (left by a crash) of a log file to a side file so that writing can resume;
 * returns what it moved, or undefined when the file was whole. Nothing else in the file changes.
 *
 * @example
 * const report = repairNetworkFile('mie.musubi.ndjson');
 * if (report) console.log(`line ${report.line} moved to ${report.movedTo}`);
 */
export function repairNetworkFile(path: string): RepairReport | undefined {
  const store = NdjsonFileStore.open(path);
  try {
    return store.repair();
  } finally {
    void store.close();
  }
}
