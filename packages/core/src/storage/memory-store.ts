import type { Change } from '../changes/change.js';
import { MusubiError } from '../errors.js';
import { decodeSnapshot, LogAssembler, parseLogJson } from '../log/log-codec.js';
import type { LogRead, Store } from '../log/store.js';
import type { NetworkSnapshot } from '../network/network.js';

/** What a memory store holds; pass the same one to a new MemoryStore to "reopen" it. */
export interface MemoryLog {
  /** One JSON text per change, as a file store would keep them. */
  readonly lines: string[];
  snapshot?: string;
}

/**
 * A store in memory, for tests and throwaway networks. It keeps changes as JSON texts, so what it
 * returns is a copy read back and validated like any other store's. Acknowledged = held in this
 * process's memory (lost when it ends).
 *
 * @example
 * const network = await openNetwork(new MemoryStore(), { author: 'suzuki' });
 */
export class MemoryStore implements Store {
  readonly description = 'memory';
  readonly #log: MemoryLog;
  #closed = false;

  constructor(log: MemoryLog = { lines: [] }) {
    this.#log = log;
  }

  #open(): void {
    if (this.#closed) throw new MusubiError('STORAGE', 'the memory store is closed');
  }

  async readChanges(after = 0): Promise<LogRead> {
    this.#open();
    const assembler = new LogAssembler(after);
    this.#log.lines.forEach((line, i) => {
      assembler.add(parseLogJson(line, [i + 1], `change ${i + 1}`), [i + 1]);
    });
    return assembler.result();
  }

  appendSync(changes: readonly Change[]): void {
    this.#open();
    const lines = changes.map((change) => JSON.stringify(change));
    this.#log.lines.push(...lines);
  }

  async append(changes: readonly Change[]): Promise<void> {
    this.appendSync(changes);
  }

  async readSnapshot(): Promise<NetworkSnapshot | undefined> {
    this.#open();
    if (this.#log.snapshot === undefined) return undefined;
    return decodeSnapshot(parseLogJson(this.#log.snapshot, ['snapshot'], 'the snapshot'), ['snapshot']);
  }

  async writeSnapshot(snapshot: NetworkSnapshot): Promise<void> {
    this.#open();
    this.#log.snapshot = JSON.stringify(snapshot);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
