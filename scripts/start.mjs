#!/usr/bin/env node
// `npm start` (or `pnpm start`): set up a fresh machine and start the UI on the prefecture's example network.
// The UI's dev server reads the core's source (packages/ui/vite.config.ts), so nothing is built first:
// a second start only starts Vite.
import { spawnSync } from 'node:child_process';
import { ensureDependencies, ensurePnpm } from './ensure.mjs';

const root = new URL('..', import.meta.url).pathname;
ensurePnpm();
ensureDependencies();
console.log('\nMusubi: 下に出るアドレスをブラウザで開いてください / open the address below in a browser\n');
const result = spawnSync('pnpm', ['--filter', '@musubi/ui', 'dev', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0 && result.signal === null) {
  console.error(
    '\n✗ UI の開発サーバーが止まりました。上のメッセージを確かめてください。ポート 5173 が使用中なら npm start -- --port 5174 のように別のポートを指定できます。\n' +
      '  The UI dev server stopped: see the messages above. If port 5173 is taken, choose another: npm start -- --port 5174',
  );
}
process.exit(result.status ?? 0);
