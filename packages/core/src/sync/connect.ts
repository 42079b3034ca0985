import { Replica, type ReplicaOptions } from './replica.js';
import { ServerApi, type ServerOptions } from './server-api.js';
import { ServerSync, type SyncOptions } from './server-sync.js';

/** Options of {@link connectNetwork}. */
export interface ConnectOptions
  extends ServerOptions,
    SyncOptions,
    Omit<ReplicaOptions, 'snapshot' | 'log' | 'pending' | 'setAside'> {
  /**
   * Read the server's whole log instead of starting from its snapshot: slower for a long log, but
   * `log()`, `asRecordedAt()` and a JSON export with history then reach back to the first change.
   */
  history?: boolean;
}

/**
 * A network kept by a team server, as a live local replica: the read API of a {@link Network}
 * answers from the replica at once; writes land in it at once and are pushed to the server. A write
 * returns its record as a network's does; `await network.sync()` resolves when the server has
 * acknowledged every change written so far, or rejects with the `MusubiError` of the first it
 * refused (`CONFLICT`, `VALIDATION`, `FORBIDDEN`…), which stays aside in `setAside()`.
 */
export class ConnectedNetwork extends Replica {
  /** The connection to the server: `pull()`, `push()`, `error`, `onError()`. */
  readonly server: ServerSync;
  /** The server's HTTP API, for what the replica does not cover. */
  readonly api: ServerApi;

  constructor(api: ServerApi, options: ReplicaOptions & SyncOptions = {}) {
    const { retryDelayMs, maxRetryDelayMs, idleMs, batch, live, ...replicaOptions } = options;
    super(replicaOptions);
    this.api = api;
    this.server = new ServerSync(this, api, {
      ...(retryDelayMs === undefined ? {} : { retryDelayMs }),
      ...(maxRetryDelayMs === undefined ? {} : { maxRetryDelayMs }),
      ...(idleMs === undefined ? {} : { idleMs }),
      ...(batch === undefined ? {} : { batch }),
      ...(live === undefined ? {} : { live }),
    });
  }

  /**
   * Resolves once the server has acknowledged every change written so far; rejects with the
   * MusubiError of the first one it refused or that conflicted.
   */
  sync(): Promise<void> {
    return this.server.sync();
  }

  /** Stops following the server. Changes not yet acknowledged stay listed in `pending()`. */
  close(): Promise<void> {
    return this.server.close();
  }
}

/**
 * Connects to a team server: reads its current records (`GET /api/snapshot`), then follows its log
 * live and pushes what is written here. Rejects with `UNAVAILABLE` when the server cannot be
 * reached, `UNAUTHENTICATED` or `FORBIDDEN` for a token it does not take.
 *
 * @example
 * import { connectNetwork } from '@musubi/core/client';
 * const network = await connectNetwork('http://127.0.0.1:8787', { token: process.env.MUSUBI_TOKEN });
 * network.recordEngagement({ type: 'courtesy-visit', date: '2026-12-02', title: { ja: '大使表敬' }, participants: [{ entity: 'th-embassy' }] });
 * await network.sync(); // the server has it
 * await network.close();
 */
export async function connectNetwork(url: string, options: ConnectOptions = {}): Promise<ConnectedNetwork> {
  const { token, fetch, headers, history, ...rest } = options;
  const api = new ServerApi(url, {
    ...(token === undefined ? {} : { token }),
    ...(fetch === undefined ? {} : { fetch }),
    ...(headers === undefined ? {} : { headers }),
  });
  if (history) {
    const network = new ConnectedNetwork(api, rest);
    await network.server.pull();
    network.server.start();
    return network;
  }
  const snapshot = await api.snapshot();
  const network = new ConnectedNetwork(api, { ...rest, snapshot });
  network.server.start();
  return network;
}
