/**
 * Where this browser's changes stand with the team server, as the header shows it: 保存済み / Saved
 * (the server has them all), 送信待ち N 件 / N to send (kept in this browser, being sent),
 * オフライン / Offline (the server cannot be reached; changes are kept and sent when it is back),
 * 競合 N 件 / N conflicts (changes the server refused because the record moved on: the user decides).
 */
import type { StoredRecord } from '@musubi/core';

export type SyncState =
  | { readonly status: 'saved' }
  | { readonly status: 'pending'; readonly count: number }
  | { readonly status: 'offline'; readonly count: number }
  | { readonly status: 'conflict'; readonly count: number };

/** A change of this user that the server refused because a record moved on since it was made. */
export interface Conflict {
  /** The refused change's id. */
  readonly changeId: string;
  /** What the change was, in words (from its label or operation). */
  readonly what: string;
  readonly collection: string;
  /** The record's id. */
  readonly id: string;
  /** The record as the user made it (null when the user removed it). */
  readonly mine: StoredRecord | null;
  /** The record as it is now on the server (null when it was removed). */
  readonly current: StoredRecord | null;
}

/** What the UI needs from the replica to show the sync state and settle conflicts. */
export interface TeamSync {
  readonly state: SyncState;
  readonly conflicts: readonly Conflict[];
  /** Tells `listener` whenever the state or the conflicts change; returns a function that stops. */
  onChange(listener: () => void): () => void;
  /** Applies the user's version again on top of the current record (a new change). */
  reapply(changeId: string): void;
  /** Drops the refused change: the current record stays. */
  drop(changeId: string): void;
}
