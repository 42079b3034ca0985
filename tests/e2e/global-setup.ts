/**
 * Serves the built UI with `vite preview` on a free port for the end-to-end tests, building it
 * first when packages/ui/dist is missing. The address reaches the tests as `inject('baseUrl')`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

const root = new URL('../..', import.meta.url).pathname;
const ui = `${root}packages/ui`;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolves when `vite preview` says it listens (it prints its address once the port is bound), and
 * rejects if it exits first: no polling, no timer.
 */
function listening(url: string, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: vite may colour its address
      seen = (seen + chunk.toString('utf8')).replace(/\u001b\[[0-9;]*m/g, '').slice(-4096);
      if (seen.includes(url)) {
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`vite preview exited with ${code} before it listened at ${url}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

export default async function setup(project: TestProject) {
  // MUSUBI_E2E_OUT_DIR: build afresh into a directory of one's own (for work in parallel on one tree)
  const outDir = process.env.MUSUBI_E2E_OUT_DIR;
  if (outDir !== undefined || !existsSync(`${ui}/dist/index.html`)) {
    const args = ['build', ...(outDir ? ['--outDir', outDir, '--emptyOutDir'] : [])];
    const built = spawnSync(`${ui}/node_modules/.bin/vite`, args, { cwd: ui, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('building the UI failed');
  }
  const port = await freePort();
  const vite = `${ui}/node_modules/.bin/vite`;
  const previewArgs = ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  if (outDir) previewArgs.push('--outDir', outDir);
  const child = spawn(vite, previewArgs, {
    cwd: ui,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}/`;
  await listening(baseUrl, child);
  // its output is read no further: keep the pipe drained
  child.stdout?.resume();
  project.provide('baseUrl', baseUrl);
  return async () => {
    child.kill('SIGTERM');
  };
}
