/**
 * @musubi/server — the team server: one network shared by an office, its change log in
 * PostgreSQL (PGlite in a data folder, or a real server). See docs/team-server.md for the API.
 */
export type { Account, TokenInfo } from './accounts/accounts.js';
export { Accounts } from './accounts/accounts.js';
export type { Role, TokenScope, User } from './accounts/roles.js';
export { roles, tokenScopes } from './accounts/roles.js';
export type { Database, Queryable } from './database/database.js';
export type { Migration } from './database/migrations.js';
export { migrate, migrations } from './database/migrations.js';
export type { OpenDatabaseOptions } from './database/open-database.js';
export { openDatabase } from './database/open-database.js';
export type { PushResult, SequencerOptions } from './sequencer/sequencer.js';
export { Sequencer } from './sequencer/sequencer.js';
export type { MusubiServer, ServerOptions } from './server.js';
export { createServer } from './server.js';
export { PostgresStore } from './store/postgres-store.js';
