/**
 * @musubi/core/client — a network kept by a team server, as a live local replica: `connectNetwork`
 * for tools, and the `Replica` and `ServerSync` it is made of for a UI that keeps its own copy.
 */

export type { ProposedChange } from '../changes/proposed-change.js';
export { sameJson } from '../changes/proposed-change.js';
export type { ConnectOptions } from './connect.js';
export { ConnectedNetwork, connectNetwork } from './connect.js';
export type {
  ConfirmedListener,
  Connection,
  Outbox,
  ReplicaOptions,
  SetAsideChange,
  SyncState,
  SyncStateListener,
} from './replica.js';
export { proposed, Replica } from './replica.js';
export type { ChangePage, ServerOptions } from './server-api.js';
export { errorOfResponse, isRetryable, ServerApi } from './server-api.js';
export type { SyncErrorListener, SyncOptions } from './server-sync.js';
export { ServerSync } from './server-sync.js';
