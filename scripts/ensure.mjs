// Makes a fresh machine ready: pnpm 12, the workspace's dependencies, and (for tests) Debian's Chromium.
// Each step runs only when what it provides is missing, so running it again is cheap.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const PNPM = '12.21.0';

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

function has(command, args = ['--version']) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** pnpm 12 (a native binary; pnpm 11 needs Node 22, corepack fails here: see shared TOOLCHAIN.md). */
export function ensurePnpm() {
  const version = has('pnpm', ['-v']);
  if (version?.startsWith('12.')) return;
  console.log(`Installing pnpm ${PNPM} / pnpm ${PNPM} をインストールします`);
  sh('npm', ['i', '-g', `pnpm@${PNPM}`]);
}

/** The workspace's dependencies, installed from the lockfile when node_modules is missing or older. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing dependencies / 依存パッケージをインストールします');
  sh('pnpm', ['install', '--frozen-lockfile']);
}

/**
 * Debian's Chromium for the browser tests (playwright cannot download browsers here), IPA Gothic so
 * that Japanese text renders in headless screenshots (not as empty boxes), and strace, with which a
 * storage test checks that a change is fsynced before it is acknowledged.
 */
export function ensureChromium() {
  const font = '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf';
  if (existsSync('/usr/bin/chromium') && existsSync(font) && has('strace', ['-V'])) return;
  if (process.getuid?.() !== 0) {
    console.error(
      'Chromium, its Japanese font or strace is missing: run `sudo apt-get install -y chromium fonts-ipafont-gothic strace` / 必要なパッケージがありません',
    );
    process.exit(1);
  }
  console.log('Installing Chromium, a Japanese font and strace (Debian) / Chromium などをインストールします');
  sh('apt-get', ['update']);
  sh('apt-get', ['install', '-y', 'chromium', 'fonts-ipafont-gothic', 'strace'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/**
 * Debian's PostgreSQL for the team server's tests: they start a throwaway cluster with its initdb
 * and pg_ctl (/usr/lib/postgresql/15/bin), loopback only, and stop it afterwards.
 */
export function ensurePostgres() {
  if (existsSync('/usr/lib/postgresql/15/bin/initdb')) return;
  if (process.getuid?.() !== 0) {
    console.error(
      'PostgreSQL is missing: run `sudo apt-get install -y postgresql` / PostgreSQL がありません',
    );
    process.exit(1);
  }
  console.log('Installing PostgreSQL (Debian) / PostgreSQL をインストールします');
  sh('apt-get', ['update']);
  sh('apt-get', ['install', '-y', 'postgresql'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
