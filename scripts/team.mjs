#!/usr/bin/env node
// `npm run team`: set up a fresh machine and start the team server with the UI on the prefecture's
// example network (`musubi serve --example --ui`, its data in PGlite in ./musubi-data). Builds the
// packages first when a build is missing or older than their sources, so that a second start only
// starts the server. Arguments after `--` go to `musubi serve` (`npm run team -- --port 8081`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, ensurePnpm } from './ensure.mjs';

const root = new URL('..', import.meta.url).pathname;
/** Each build and the sources it is made from (the UI bundles the core's source). */
const builds = [
  ['core/dist/index.js', ['core/src']],
  ['server/dist/index.js', ['server/src']],
  ['cli/dist/main.js', ['cli/src']],
  ['ui/dist/index.html', ['ui/src', 'core/src']],
].map(([file, from]) => ({
  file: join(root, 'packages', file),
  from: from.map((d) => join(root, 'packages', d)),
}));

/** The newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

function stale() {
  return builds.some(
    ({ file, from }) => !existsSync(file) || Math.max(...from.map(newest)) > statSync(file).mtimeMs,
  );
}

ensurePnpm();
ensureDependencies();
if (stale()) {
  console.log('パッケージをビルドします / Building the packages');
  const build = spawnSync('pnpm', ['build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error(
      '\n✗ ビルドが失敗しました。上のメッセージを確かめてください。 / The build failed: see the messages above.',
    );
    process.exit(build.status ?? 1);
  }
}
console.log(
  '\nMusubi: 下に出るアドレスを開いてサインインしてください（admin のパスワードは初回の起動で一度だけ表示されます） / open the address below and sign in (the admin password is printed once, on the first start)\n',
);
const result = spawnSync(
  process.execPath,
  [join(root, 'packages/cli/dist/main.js'), 'serve', '--example', '--ui', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 0);
