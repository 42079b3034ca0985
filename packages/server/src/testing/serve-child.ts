/**
 * A team server in a process of its own, for the crash tests: `node --import tsx serve-child.ts
 * <postgres URL or PGlite folder>`. Makes a write token and prints `{ url, token }` as one JSON
 * line once it listens (on a free loopback port). Not part of the public API.
 */
import { openDatabase } from '../database/open-database.js';
import { createServer } from '../server.js';

const target = process.argv[2] ?? 'memory://';
const db = await openDatabase(target.startsWith('postgres') ? { url: target } : { dataDir: target });
const server = await createServer({ db });
const { token } = await server.accounts.createToken({ name: `crash-test-${process.pid}`, scope: 'write' });
const url = await server.listen({ port: 0 });
process.stdout.write(`${JSON.stringify({ url, token })}\n`);
