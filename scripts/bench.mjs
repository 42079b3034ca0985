// `pnpm bench [--scale S|M|L] [--all] [--json]`: runs bench/src/main.ts with tsx, a full gc between
// runs (--expose-gc) and room for scale L. Arguments pass through.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2).filter((a) => a !== '--');
const result = spawnSync(
  process.execPath,
  ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', 'src/main.ts', ...args],
  { cwd: `${root}bench`, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
