import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const main = join(root, 'packages/cli/dist/main.js');
const folder = mkdtempSync(join(tmpdir(), 'musubi-accounts-'));
const data = join(folder, 'data');

beforeAll(() => {
  // `pnpm test` builds first; a lone run builds the command (and the server it imports) here
  if (!existsSync(main)) spawnSync('pnpm', ['-r', 'build'], { cwd: root, stdio: 'ignore' });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function musubi(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [main, ...args, '--data', data, '--lang', 'en'], {
    encoding: 'utf8',
    ...(input === undefined ? {} : { input }),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('musubi user and musubi token (on the server database in a PGlite folder)', () => {
  it('adds and lists accounts, refuses a short password and a taken name, makes, lists and revokes tokens', () => {
    const added = musubi(
      ['user', 'add', 'suzuki', '--role', 'editor', '--name', '鈴木'],
      'a long password\n',
    );
    expect([added.code, added.stdout.trim()]).toEqual([0, 'added the user suzuki']);
    expect(musubi(['user', 'add', 'suzuki'], 'another password\n')).toMatchObject({ code: 1 });
    const short = musubi(['user', 'add', 'tanaka'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/^VALIDATION/);
    expect(musubi(['user', 'list']).stdout).toBe('suzuki\teditor\t鈴木\n');

    const made = musubi(['token', 'create', 'report tool', '--scope', 'write']);
    expect(made.code).toBe(0);
    const [heading, secret] = made.stdout.trim().split('\n');
    const id = /(tok_[A-Za-z0-9_-]+)/.exec(heading ?? '')?.[1] as string;
    expect(secret).toMatch(new RegExp(`^musubi_${id}_`));
    expect(musubi(['token', 'revoke', id]).code).toBe(0);
    expect(musubi(['token', 'list']).stdout).toMatch(
      new RegExp(`^${id}\\twrite\\treport tool\\t.*\\trevoked$`, 'm'),
    );
    expect(musubi(['token', 'revoke', 'tok_nothing'])).toMatchObject({ code: 1 });
  }, 900_000);
});
