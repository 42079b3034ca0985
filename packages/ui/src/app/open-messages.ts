/**
 * What the page and the opening worker (open.worker.ts) say to each other. The worker reads and
 * validates the log in IndexedDB and hands the page what it read part by part, the page replaying
 * each part as it comes; the worker closes its connection before the last message, and the page is
 * the only one that writes (see open-in-worker.ts).
 */
import type { ErrorCode, ErrorIssue, ErrorPath } from '@musubi/core';
import type { LogPart, SnapshotHead } from './log-transfer.js';

/** The page asks the worker to read the database `database`. */
export interface OpenRequest {
  database: string;
}

/** A MusubiError as data (an Error's own fields do not survive `postMessage`). */
export interface RefusalData {
  code: ErrorCode;
  message: string;
  path: ErrorPath;
  issues: readonly ErrorIssue[];
  details: Readonly<Record<string, unknown>>;
}

export type OpenReply =
  /** The worker started reading. */
  | { type: 'reading' }
  /** The database holds no change (a first start): the page writes the example network. */
  | { type: 'empty' }
  /** The next part of the log read and validated (log-transfer.ts), in order; the head follows them. */
  | { type: 'part'; part: LogPart }
  /** The snapshot's head, after its records, once it is known to match the log, and before the changes after it (none without a snapshot). */
  | { type: 'snapshot'; head: SnapshotHead }
  /** The snapshot whose records were sent is damaged or does not match the log: forget them; the whole log follows. */
  | { type: 'snapshot-dropped' }
  /** The reading's head (log-transfer.ts `readHead`), after every part: the log is whole; the worker's connection is closed. */
  | { type: 'read'; head: string }
  /** The log is damaged or newer than this Musubi (FORMAT, VERSION): the page would refuse it too. */
  | { type: 'refused'; error: RefusalData }
  /** Anything else went wrong in the worker: the page opens the database itself. */
  | { type: 'failed'; reason: string };
