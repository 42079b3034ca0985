// Makes a fresh machine ready: pnpm 12, the workspace's dependencies, and (for tests) Debian's Chromium.
// Each step runs only when what it provides is missing, so running it again is cheap. Nothing here
// needs root except Chromium: pnpm goes into the project's own `.tools/` when none is installed.
// Why pnpm 12 and how it is installed: CONTRIBUTING.md (Toolchain).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
export const PNPM = '12.21.0';
const tools = join(root, '.tools');
const localBin = join(tools, 'node_modules', '.bin');

/**
 * Runs a step; when it fails, says in Japanese and English what failed and what to do, and exits
 * with the step's code.
 */
function step(command, args, help, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status === 0) return;
  const code = result.status ?? 1;
  const why = result.error ? ` (${result.error.message})` : '';
  console.error(`\n✗ ${command} ${args.join(' ')} が失敗しました / failed (exit ${code})${why}`);
  console.error(`  ${help.ja}\n  ${help.en}`);
  process.exit(code);
}

function versionOf(command, args = ['--version']) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * pnpm 12 (a native binary; pnpm 11 needs Node 22 and corepack fails here). A pnpm 12 on PATH is
 * used as it is; otherwise pnpm is installed into `.tools/` of the project with npm (no global
 * install, so no root) and put first on PATH for this process and the commands it starts.
 */
export function ensurePnpm() {
  if (versionOf('pnpm', ['-v'])?.startsWith('12.')) return;
  if (versionOf(join(localBin, 'pnpm'), ['-v']) !== PNPM) {
    console.log(
      `pnpm ${PNPM} をプロジェクトの .tools/ にインストールします / Installing pnpm ${PNPM} into .tools/`,
    );
    step(
      'npm',
      ['install', '--prefix', tools, '--no-audit', '--no-fund', '--loglevel=error', `pnpm@${PNPM}`],
      {
        ja: `ネットワークにつながっているか確かめて、もう一度 npm start を実行してください。pnpm ${PNPM} を自分で入れてもかまいません（npm i -g pnpm@${PNPM}、または sudo 付き）。`,
        en: `Check that this machine reaches the npm registry and run npm start again, or install pnpm ${PNPM} yourself (npm i -g pnpm@${PNPM}, with sudo if npm's global folder needs it).`,
      },
    );
  }
  process.env.PATH = `${localBin}${delimiter}${process.env.PATH ?? ''}`;
}

/** The workspace's dependencies, installed from the lockfile when node_modules is missing or older. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('依存パッケージをインストールします / Installing dependencies');
  step('pnpm', ['install', '--frozen-lockfile'], {
    ja: 'ネットワークにつながっているか確かめて、もう一度実行してください。lockfile が古いと言われたら、git pull で最新にしてから実行してください。',
    en: 'Check that this machine reaches the npm registry and run it again. If the lockfile is said to be outdated, update your clone (git pull) first.',
  });
}

/**
 * Debian's Chromium for the browser tests (playwright cannot download browsers here), IPA Gothic so
 * that Japanese text renders in headless screenshots (not as empty boxes), and strace, with which a
 * storage test checks that a change is fsynced before it is acknowledged.
 */
export function ensureChromium() {
  const font = '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf';
  if (existsSync('/usr/bin/chromium') && existsSync(font) && versionOf('strace', ['-V'])) return;
  if (process.getuid?.() !== 0) {
    console.error(
      '✗ Chromium、日本語フォント、strace のどれかがありません。次を実行してください / Chromium, its Japanese font or strace is missing; run:\n' +
        '  sudo apt-get install -y chromium fonts-ipafont-gothic strace',
    );
    process.exit(1);
  }
  console.log(
    'Chromium などを Debian からインストールします / Installing Chromium, a Japanese font and strace (Debian)',
  );
  const help = {
    ja: 'apt-get が使えるか（ネットワーク、ほかの apt が動いていないか）を確かめて、もう一度実行してください。',
    en: 'Check that apt-get works here (network, no other apt running) and run it again.',
  };
  step('apt-get', ['update'], help);
  step('apt-get', ['install', '-y', 'chromium', 'fonts-ipafont-gothic', 'strace'], help, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
