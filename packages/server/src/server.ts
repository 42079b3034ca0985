import type { FastifyInstance } from 'fastify';
import { Accounts } from './accounts/accounts.js';
import { Sessions } from './accounts/sessions.js';
import { SignInLimiter } from './accounts/sign-in-limiter.js';
import type { Database } from './database/database.js';
import { type AppOptions, buildApp } from './http/app.js';
import { Sequencer } from './sequencer/sequencer.js';

export interface ServerOptions extends AppOptions {
  /** The database (see `openDatabase`); the server does not close it. */
  db: Database;
  /** The network's name in the database (default `main`). */
  network?: string;
  /** The clock for record time, sessions and the audit trail (tests inject one). */
  now?: () => Date;
  /** A browser session unused this long expires (default 12 h). */
  sessionIdleMs?: number;
  /** Failed sign-ins allowed per username and per address in 15 minutes (default 5 and 20). */
  signInLimits?: { perUsername?: number; perAddress?: number };
}

/** A team server, built but not yet listening. */
export interface MusubiServer {
  readonly app: FastifyInstance;
  readonly sequencer: Sequencer;
  readonly accounts: Accounts;
  /** Listens (on 127.0.0.1 unless `host` says otherwise); resolves with the address. */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Stops listening and ends open streams (the database stays open). */
  close(): Promise<void>;
}

/**
 * Builds the team server on an opened database: replays the network's log into the sequencer and
 * sets up the HTTP API.
 *
 * @example
 * const db = await openDatabase({ dataDir: './musubi-data' });
 * const server = await createServer({ db });
 * console.log(await server.listen({ port: 8080 }));
 */
export async function createServer(options: ServerOptions): Promise<MusubiServer> {
  const now = options.now ?? (() => new Date());
  const sequencer = await Sequencer.open(options.db, { network: options.network ?? 'main', now });
  const accounts = new Accounts(options.db, now);
  const sessions = new Sessions(options.db, now, options.sessionIdleMs);
  const limiter = new SignInLimiter(now, options.signInLimits ?? {});
  const app = await buildApp({ sequencer, accounts, sessions, limiter }, options);
  return {
    app,
    sequencer,
    accounts,
    listen: ({ port = 8080, host = '127.0.0.1' } = {}) => app.listen({ port, host }),
    async close() {
      app.server.closeAllConnections?.();
      await app.close();
    },
  };
}
