import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractServer } from '../../packages/core/src/sync/fixtures/contract-server.js';
import { Sequencer } from '../../packages/core/src/sync/fixtures/sequencer.js';

const root = new URL('../..', import.meta.url).pathname;
const main = join(root, 'packages/cli/dist/main.js');
const run = promisify(execFile);

let server: ContractServer;

beforeAll(async () => {
  // `pnpm test` builds first; a lone run needs `pnpm --filter @musubi/core build && pnpm --filter @musubi/cli build`
  expect(existsSync(main)).toBe(true);
  const network = new Sequencer({ author: 'admin' });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  network.addEntity({ id: 'th', kind: 'government', name: { ja: 'タイ', en: 'Thailand' }, country: 'TH' });
  network.addLink({ kind: 'mou', source: 'mie', target: 'th', events: [{ type: 'signed', date: '2013' }] });
  network.updateEntity('th', { notes: 'BOI' });
  server = new ContractServer(network, { 'read-token': { username: 'reporter', role: 'viewer' } });
  await server.start();
});

afterAll(() => server.stop());

/** Runs the built command without blocking this process (the server answers from it). */
async function musubi(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [main, ...args], {
      encoding: 'utf8',
      env: { ...process.env, MUSUBI_SERVER: '', MUSUBI_TOKEN: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the musubi command on a team server', () => {
  it('counts the server’s network with --server and --token', async () => {
    const result = await musubi(['stats', '--server', server.url, '--token', 'read-token']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ entities: 2, links: 1, changes: 4 });
  });

  it('exports JSON with the server’s whole history, from MUSUBI_SERVER and MUSUBI_TOKEN', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'musubi-cli-server-')), 'mie.json');
    const result = await musubi(['export', '--format', 'json', '-o', out], {
      MUSUBI_SERVER: server.url,
      MUSUBI_TOKEN: 'read-token',
    });
    expect(result.code).toBe(0);
    const document = JSON.parse(readFileSync(out, 'utf8')) as { kind: string; changes: { author: string }[] };
    expect(document.kind).toBe('log');
    expect(document.changes).toHaveLength(4);
    const csv = await musubi(['export', '--format', 'csv', '--server', server.url, '--token', 'read-token']);
    expect(csv.stdout).toContain('Thailand');
  });

  it('says in Japanese or English what went wrong: a token the server refuses, a file and --server both', async () => {
    const refused = await musubi(['stats', '--server', server.url, '--token', 'forged']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('サーバーに認証されていません');
    const both = await musubi(['--lang', 'en', 'stats', 'mie.ndjson', '--server', server.url]);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('either a file or --server');
    const neither = await musubi(['--lang', 'en', 'report']);
    expect(neither.stderr).toContain('a network file or --server');
  });
});
