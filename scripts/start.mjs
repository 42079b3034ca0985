#!/usr/bin/env node
// `npm start` (or `pnpm start`): set up a fresh machine and start the UI on the prefecture's example network.
import { spawnSync } from 'node:child_process';
import { ensureDependencies, ensurePnpm } from './ensure.mjs';

const root = new URL('..', import.meta.url).pathname;
ensurePnpm();
ensureDependencies();
const run = (args) => spawnSync('pnpm', args, { cwd: root, stdio: 'inherit' }).status ?? 1;
if (run(['--filter', '@musubi/core', 'build']) !== 0) process.exit(1);
console.log('\nMusubi: open the address below / 下のアドレスを開いてください\n');
process.exit(run(['--filter', '@musubi/ui', 'dev', ...process.argv.slice(2)]));
