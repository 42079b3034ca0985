import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Change, createNetwork, type Network } from '@musubi/core';

/**
 * The NDJSON log file the open task reads. When the core's NDJSON store (`@musubi/core/node`) is
 * there, the file is written and opened by it (what users do); otherwise by a plain writer (one
 * change per line), and the rows say so.
 */
export interface LogFile {
  readonly path: string;
  /** `store`: the core's NDJSON store; `plain`: one JSON change per line. */
  readonly via: 'store' | 'plain';
  /** How the store's opens validate (`openNetworkFile`'s `validateInWorker`). */
  readonly validateInWorker: boolean | 'auto';
  /** Opens the file into a network as users do (through the store when there is one). */
  open(): Promise<Network>;
  /** Releases a network `open` returned (the store's lock). */
  close(network: Network): Promise<void>;
  /** Keeps a snapshot of the network beside the file (store only); the next `open` starts from it. */
  saveSnapshot?(network: Network): Promise<void>;
  /** Opens another log file (a copy of this one) through the store. */
  openAt?(path: string): Promise<Network>;
  /** Removes the snapshot, if any. */
  dropSnapshot(): void;
  /** The changes of the file, read and parsed with nothing else: the floor every opener pays. */
  parse(): unknown[];
}

interface ClosableNetwork extends Network {
  close?(): Promise<void>;
  saveSnapshot?(): Promise<void>;
}

interface NodeStoreModule {
  NdjsonFileStore: {
    open(
      path: string,
      options?: { create?: boolean },
    ): { appendSync(changes: readonly Change[]): void; close(): Promise<void> };
  };
  openNetworkFile(path: string, options?: object): Promise<ClosableNetwork>;
}

async function nodeStore(): Promise<NodeStoreModule | undefined> {
  const specifier = '@musubi/core/node';
  try {
    const mod = (await import(specifier)) as Partial<NodeStoreModule>;
    return mod.NdjsonFileStore && mod.openNetworkFile ? (mod as NodeStoreModule) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the file and parses every line that holds a change (a store's header line is skipped).
 * Lines are decoded one by one from the bytes: a big log is longer than the longest string V8 makes.
 */
export function parseLines(path: string): unknown[] {
  const bytes = readFileSync(path);
  const out: unknown[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end === -1) end = bytes.length;
    if (end > start) {
      const value = JSON.parse(bytes.toString('utf8', start, end)) as { effects?: unknown; check?: unknown };
      // the store's integrity check (log format 2) ends each line; it is not part of the change
      delete value.check;
      if (Array.isArray(value.effects)) out.push(value);
    }
    start = end + 1;
  }
  return out;
}

/** Writes the log to `path` and returns how to open it. */
export async function writeLogFile(
  path: string,
  log: readonly Change[],
  /** How the store's opens validate (`openNetworkFile`'s option; its default 'auto'). */
  options: { validateInWorker?: boolean | 'auto' } = {},
): Promise<LogFile> {
  const validateInWorker = options.validateInWorker ?? 'auto';
  const mod = await nodeStore();
  const dropSnapshot = () => rmSync(`${path}.snapshot`, { force: true });
  const parse = () => parseLines(path);
  if (mod) {
    const store = mod.NdjsonFileStore.open(path, { create: true });
    for (let i = 0; i < log.length; i += 20_000) store.appendSync(log.slice(i, i + 20_000));
    await store.close();
    return {
      path,
      via: 'store',
      validateInWorker,
      // no snapshot on close: every measured opening replays the whole log
      open: () => mod.openNetworkFile(path, { snapshotEvery: Number.POSITIVE_INFINITY, validateInWorker }),
      close: async (network) => (network as ClosableNetwork).close?.(),
      saveSnapshot: async (network) => (network as ClosableNetwork).saveSnapshot?.(),
      openAt: (other) =>
        mod.openNetworkFile(other, { snapshotEvery: Number.POSITIVE_INFINITY, validateInWorker }),
      dropSnapshot,
      parse,
    };
  }
  const lines: string[] = [];
  for (const change of log) lines.push(`${JSON.stringify(change)}\n`);
  writeFileSync(path, Buffer.concat(lines.map((line) => Buffer.from(line))));
  return {
    path,
    via: 'plain',
    validateInWorker,
    open: async () => createNetwork({ log: parseLines(path) as Change[] }),
    close: async () => undefined,
    dropSnapshot,
    parse,
  };
}
