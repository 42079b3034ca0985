/**
 * What the page and the opening worker (open.worker.ts) say to each other. The worker reads and
 * validates the log in IndexedDB, closes its connection, and hands the page what it read; the page
 * then replays it and is the only one that writes (see open-in-worker.ts).
 */
import type { ErrorCode, ErrorIssue, ErrorPath } from '@musubi/core';
import type { LogPart } from './log-transfer.js';

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
  /** The log's head, after its parts: the log is whole; the worker's connection is closed. */
  | { type: 'read'; head: string }
  /** The log is damaged or newer than this Musubi (FORMAT, VERSION): the page would refuse it too. */
  | { type: 'refused'; error: RefusalData }
  /** Anything else went wrong in the worker: the page opens the database itself. */
  | { type: 'failed'; reason: string };
