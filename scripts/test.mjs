#!/usr/bin/env node
// `pnpm test`: lint, typecheck, build, unit tests (Node), browser tests (real Chromium), end-to-end tests.
// Prints one closing line `N passed, N failed` counted from the runners' own JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureDependencies, ensurePnpm, ensurePostgres } from './ensure.mjs';

const root = new URL('..', import.meta.url).pathname;
const polyfills = join(root, 'scripts', 'node-polyfills.mjs');
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${polyfills}`.trim();
ensurePnpm();
ensureDependencies();
ensureChromium();
ensurePostgres();
const reports = join(root, 'tests', 'artifacts', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(name, command, args, opts = {}) {
  console.log(`\n── ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...opts.env },
  });
  const ok = result.status === 0;
  if (!ok) failures.push(name);
  return ok;
}

/** Counts tests from a vitest JSON report (numPassedTests / numFailedTests). */
function countVitest(file, name) {
  if (!existsSync(file)) {
    failures.push(`${name}: no report`);
    failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numTotalTests === 0) failures.push(`${name}: ran no test`);
}

// Checks count as one test each, so that a lint or type error fails the closing line too.
for (const [name, cmd, args] of [
  ['lint', 'pnpm', ['exec', 'biome', 'check', '.']],
  // build before typecheck: packages that import @musubi/core read its built declarations
  ['build', 'pnpm', ['-r', '--if-present', 'build']],
  ['typecheck', 'pnpm', ['-r', '--if-present', 'typecheck']],
]) {
  if (run(name, cmd, args)) passed += 1;
  else failed += 1;
}

const suites = [['unit', 'vitest.config.ts']];
if (existsSync(join(root, 'vitest.browser.config.ts'))) suites.push(['browser', 'vitest.browser.config.ts']);
if (existsSync(join(root, 'vitest.e2e.config.ts'))) suites.push(['e2e', 'vitest.e2e.config.ts']);
for (const [name, config] of suites) {
  const file = join(reports, `${name}.json`);
  run(name, 'pnpm', [
    'exec',
    'vitest',
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  countVitest(file, name);
}

if (failures.length > 0) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
