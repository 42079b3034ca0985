/**
 * Opening a Musubi JSON file as the whole network: the file becomes the log the workspace
 * replaces the network with. A `log` file keeps its history (who changed what, when); a `state`
 * file (current records only) becomes one change that adds them all. Everything is validated
 * first: a refused file throws a MusubiError and nothing is replaced.
 */
import { type Change, createNetwork, MusubiError } from '@musubi/core';
import { importJsonInto, networkFromJson, readMusubiJson } from '@musubi/core/json';

/** A network file read and checked, ready to replace the current network. */
export interface NetworkFile {
  readonly log: readonly Change[];
  /** What it holds, for the confirmation. */
  readonly counts: { readonly entities: number; readonly links: number; readonly engagements: number };
}

/** Reads a Musubi JSON file as the log to open; without history, recorded as `author`. */
export function readNetworkFile(bytes: Uint8Array | string, author: string, now?: () => Date): NetworkFile {
  const document = readMusubiJson(bytes);
  if (document.kind === 'log') {
    const network = networkFromJson(bytes);
    if (network.changeCount > 0) return { log: network.log(), counts: network.counts() };
  }
  const network = createNetwork({ author, ...(now ? { now } : {}) });
  importJsonInto(network, bytes);
  if (network.changeCount === 0) {
    throw new MusubiError('VALIDATION', 'the file holds an empty network / 空のネットワークです', {
      details: { reason: 'empty' },
    });
  }
  return { log: network.log(), counts: network.counts() };
}
