import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type ErrorCode, type ErrorIssue, MusubiError } from '../errors.js';

/**
 * The validating worker of the NDJSON store's one-pass open (`readChangesInto`): a worker thread
 * reads the same file as the main thread and does what makes a read trustworthy: every line's
 * integrity check, `JSON.parse` and every record's validation (the store's own `checkLog`, the very
 * code of a sequential read). The main thread meanwhile parses and replays, checking each change's
 * envelope and the records of the collections the fast path does not read, but not the records of
 * entities, links and engagements nor the checks. Nothing is returned before the worker's verdict:
 *
 * - a fault the worker found (damage, invalid JSON, an invalid record, a cut) is the error of the
 *   open, the very error a sequential read gives (its first fault in the file);
 * - a change whose records validation would have changed (a text trimmed or normalised, a default
 *   added: a file not written by Musubi), or a log whose end the two threads did not see alike,
 *   makes the open read again the sequential way ({@link ReadAgain});
 * - else the main thread's replay stands: it replayed the very objects validation returns.
 *
 * Where a core is to spare this takes the checks and validation off the main thread's wall time
 * (bench/README.md, "Opening the log with a validating worker"). Small files are read the
 * sequential way: starting a worker and loading the core into it costs more than it saves below
 * {@link WORKER_FROM_BYTES}.
 */

/** Files at least this large are validated in a worker during a one-pass open. */
export const WORKER_FROM_BYTES = 24 * 1024 * 1024;

/**
 * What the worker found: the log's last seq and whether every change came through validation as it
 * was, or the log's first fault; `broken` when the worker itself failed (it could not load the core,
 * it threw or exited before its verdict): then nothing is known of the log, and the open reads it
 * again on one thread.
 */
export type Verdict =
  | { readonly ok: true; readonly lastSeq: number; readonly asIs: boolean }
  | { readonly ok: false; readonly error: SentError; readonly broken?: true };

/** A MusubiError as it crosses to another thread (a structured clone keeps no class). */
export interface SentError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly path: readonly (string | number)[];
  readonly issues: readonly ErrorIssue[];
  readonly details: Readonly<Record<string, unknown>>;
  readonly cause?: { readonly name: string; readonly message: string };
}

/** The data a worker starts with. */
export interface ValidatorData {
  readonly path: string;
  readonly maxLineBytes: number;
  readonly port: MessagePort;
}

/** A MusubiError (or anything thrown) as plain data. */
export function sendableError(error: unknown): SentError {
  const e =
    error instanceof MusubiError
      ? error
      : new MusubiError('STORAGE', (error as Error)?.message ?? String(error), { cause: error });
  const cause = e.cause as { name?: unknown; message?: unknown } | undefined;
  return {
    code: e.code,
    message: e.message,
    path: [...e.path],
    issues: e.issues.map((issue) => ({ ...issue, path: [...issue.path] })),
    details: JSON.parse(JSON.stringify(e.details)) as Record<string, unknown>,
    ...(cause && typeof cause === 'object'
      ? { cause: { name: String(cause.name ?? 'Error'), message: String(cause.message ?? '') } }
      : {}),
  };
}

/** The MusubiError a worker sent, made again on this thread (its cause as an error of the same name). */
export function receivedError(sent: SentError): MusubiError {
  let cause: Error | undefined;
  if (sent.cause) {
    const Kind =
      sent.cause.name === 'SyntaxError' ? SyntaxError : sent.cause.name === 'TypeError' ? TypeError : Error;
    cause = new Kind(sent.cause.message);
  }
  return new MusubiError(sent.code, sent.message, {
    path: sent.path,
    issues: sent.issues,
    details: sent.details,
    ...(cause ? { cause } : {}),
  });
}

/**
 * What the worker runs: the node entry of the core (`node.js` beside the built module, or
 * `index.ts` beside this file when the core runs from its TypeScript source, loaded through tsx's
 * loader, registered in the worker: a worker takes no `--import`), whose `runLogValidator` reads
 * the file. The node entry rather than a script of its own: a further entry would change how the
 * bundler splits the modules the browser's entry shares.
 */
function workerScript(): string | undefined {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './index.ts' : './node.js', import.meta.url);
  if (entry.protocol !== 'file:' || !existsSync(fileURLToPath(entry))) return undefined;
  const run = `import(${JSON.stringify(entry.href)}).then((core) => core.runLogValidator())`;
  if (!fromSource) return run;
  try {
    // tsx's ESM entry (`require.resolve` would give its CommonJS one)
    const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    const tsx = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
    return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return ${run}; })`;
  } catch {
    return undefined;
  }
}

function largeFile(path: string): boolean {
  try {
    return statSync(path).size >= WORKER_FROM_BYTES;
  } catch {
    return false;
  }
}

/** How long `spareCore` watches the machine's cores. */
const WATCH_MS = 100;

/** The time the machine's cores have spent busy and in all since they started, in ms, and how many they are. */
function coreTimes(): { busy: number; all: number; count: number } {
  let busy = 0;
  let all = 0;
  const each = cpus();
  for (const { times } of each) {
    const total = times.user + times.nice + times.sys + times.irq + times.idle;
    all += total;
    busy += total - times.idle;
  }
  return { busy, all, count: each.length };
}

/**
 * A core the worker can have to itself: two or more, and the other processes busy on less than
 * their number less one and a half over the next {@link WATCH_MS} ms (this thread waits meanwhile).
 * On a busy machine the worker would take the main thread's core and its gc's helpers, and the open
 * takes longer than on one thread (bench/README.md, "Opening the log with a validating worker").
 * Watched now, not read from the load average: that average of the last minute still counts, for
 * most of a minute, a process that has ended (an open right after another one went on one thread).
 */
async function spareCore(): Promise<boolean> {
  const cores = availableParallelism();
  if (cores < 2) return false;
  const before = coreTimes();
  const own = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
  const after = coreTimes();
  const ownUsed = process.cpuUsage(own);
  const all = after.all - before.all;
  // (a system that does not tell the cores' times: a core is to spare)
  if (!(all > 0)) return true;
  const busyCores = ((after.busy - before.busy) / all) * after.count;
  const ownCores = (ownUsed.user + ownUsed.system) / 1000 / WATCH_MS;
  return busyCores - ownCores < cores - 1.5;
}

/**
 * Whether the one-pass open of `path` should validate in a worker (`mode` 'auto': the file is at
 * least {@link WORKER_FROM_BYTES} long and a core is to spare; else `mode` says).
 */
export async function workerWanted(path: string, mode: boolean | 'auto'): Promise<boolean> {
  return mode === 'auto' ? largeFile(path) && (await spareCore()) : mode;
}

/** A validating worker at work on one file. */
export class LogValidator {
  readonly #worker: Worker;
  readonly #port: MessagePort;
  #verdict: Verdict | undefined;
  readonly #settled: Promise<Verdict>;

  private constructor(worker: Worker, port: MessagePort) {
    this.#worker = worker;
    this.#port = port;
    this.#settled = new Promise<Verdict>((resolve) => {
      const settle = (verdict: Verdict) => {
        this.#verdict ??= verdict;
        resolve(this.#verdict);
      };
      port.once('message', (verdict: Verdict) => settle(verdict));
      worker.once('error', (error) =>
        settle({ ok: false, error: sendableError(workerFailed(error)), broken: true }),
      );
      worker.once('exit', (code) => {
        // a verdict posted just before the exit may not have been dispatched yet
        const received = receiveMessageOnPort(port);
        settle(
          received
            ? (received.message as Verdict)
            : {
                ok: false,
                error: sendableError(workerFailed(new Error(`the worker exited with code ${code}`))),
                broken: true,
              },
        );
      });
    });
  }

  /**
   * Starts a worker on `path` when the one-pass open should use one (`wanted`, see
   * {@link workerWanted}) and the node entry is there to run it; undefined otherwise.
   */
  static start(
    path: string,
    maxLineBytes: number,
    wanted: boolean,
    /** What the worker runs (the core's tests give one that fails); by default the node entry's `runLogValidator`. */
    script?: string,
  ): LogValidator | undefined {
    if (!wanted) return undefined;
    // (looked for only when a worker is wanted: not on every open on one thread)
    script ??= workerScript();
    if (!script) return undefined;
    const { port1, port2 } = new MessageChannel();
    try {
      const data: ValidatorData = { path, maxLineBytes, port: port2 };
      const worker = new Worker(script, {
        eval: true,
        workerData: data,
        transferList: [port2],
        // its output is the verdict; a warning it prints is the main thread's to print
        stdout: false,
        stderr: false,
      });
      return new LogValidator(worker, port1);
    } catch {
      port1.close();
      return undefined;
    }
  }

  /** The worker's fault, if it has already sent one (a look without waiting: polled as lines are read). */
  failedYet(): boolean {
    if (this.#verdict === undefined) {
      const received = receiveMessageOnPort(this.#port);
      if (received) this.#verdict = received.message as Verdict;
    }
    return this.#verdict !== undefined && !this.#verdict.ok;
  }

  /** The worker's verdict, once it has read the whole file (then the worker is let go). */
  async verdict(): Promise<Verdict> {
    const verdict = this.#verdict ?? (await this.#settled);
    this.#port.close();
    await this.#worker.terminate();
    return verdict;
  }
}

function workerFailed(error: unknown): MusubiError {
  return new MusubiError(
    'STORAGE',
    `the worker that checks the log failed: ${(error as Error)?.message ?? String(error)} / 変更履歴を検査するワーカーが失敗しました`,
    { cause: error },
  );
}

/**
 * A one-pass read whose changes are not those a validating read returns (see the module): the
 * caller (`openNetwork`) drops what it made of them and reads the log again with `readChanges`.
 */
export class ReadAgain extends Error {
  readonly readAgain = true;
  constructor(why: string) {
    super(
      `read the log again, validating every record on this thread: ${why} / 変更履歴をこのスレッドですべて検証しながら読み直してください`,
    );
    this.name = 'ReadAgain';
  }
}
