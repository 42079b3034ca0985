/**
 * @musubi/core/log — the change log's format, for who implements a `Store` elsewhere (the team
 * server's PostgreSQL store): read a log and its snapshots as the core does; and replay a log read
 * elsewhere (a worker's `readStoredLog`) part by part as it arrives (`replayInParts`).
 */

export { decodeSnapshot, LogAssembler, parseLogJson } from './log/log-codec.js';
export type {
  LogRead,
  NetworkSnapshot,
  SnapshotHead,
  SnapshotPartText,
  Store,
  StoreWarning,
} from './log/store.js';
export { LOG_FORMAT, LOG_FORMAT_VERSION } from './log/store.js';
export { SNAPSHOT_ORDER } from './network/network.js';
export type {
  LogPartsStart,
  LogReplay,
  SnapshotRestore,
  SnapshotTextsListener,
} from './storage/open-network.js';
export { replayInParts, restoreInParts } from './storage/open-network.js';
