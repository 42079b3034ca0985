/**
 * The README's commands, run as written (in a copy of the places they name, so that the repository
 * is left as it was): the command-line block with the CSV files of examples/data, and the library
 * program, which must be the README's own snippet.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const main = join(root, 'packages/cli/dist/main.js');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
/** A ceiling, not a wait: each test starts the command several times, slow on a loaded machine. */
const ceiling = 300_000;

/** The fenced block of `lang` that follows `heading` in the README. */
function blockAfter(heading: string, lang: string): string {
  const at = readme.indexOf(heading);
  const match = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``).exec(readme.slice(at));
  if (at < 0 || !match?.[1]) throw new Error(`the README has no ${lang} block after ${heading}`);
  return match[1];
}

beforeAll(() => {
  // `pnpm test` builds first; a lone run builds the command here
  if (!existsSync(main))
    spawnSync('pnpm', ['--filter', '@musubi/cli', 'build'], { cwd: root, stdio: 'ignore' });
});

describe("the README's command-line block", () => {
  it(
    'imports the example CSVs with their links, exports a GEXF with edges, says what it wrote, and explains the empty report',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'musubi-readme-'));
      mkdirSync(join(dir, 'examples'));
      cpSync(join(root, 'examples/data'), join(dir, 'examples/data'), { recursive: true });
      const commands = blockAfter('## Command line', 'sh')
        .split('\n')
        .map((line) => line.replace(/\s+#.*$/, '').trim())
        .filter((line) => line.startsWith('pnpm musubi '));
      expect(commands.length).toBeGreaterThanOrEqual(6);
      const outputs = commands.map((line) => {
        const args = line.slice('pnpm musubi '.length).split(/\s+/);
        const result = spawnSync(process.execPath, [main, ...args], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, MUSUBI_AUTHOR: 'test', MUSUBI_LANG: '' },
        });
        expect(result.status, `${line}\n${result.stderr}`).toBe(0);
        return { line, stdout: result.stdout, stderr: result.stderr };
      });
      const gexf = readFileSync(join(dir, 'partners.gexf'), 'utf8');
      expect(gexf.match(/<edge /g)?.length).toBe(3);
      const exported = outputs.find((o) => o.line.includes(' export '));
      expect(exported?.stdout).toMatch(
        /^書き出しました: partners\.gexf（gexf、組織等 5、つながり 3、活動 2）/,
      );
      const report = outputs.find((o) => o.line.includes(' report '));
      expect(report?.stderr).toContain('には指標も事業もまだ記録されていないため、表は空です');
      // what the block leaves is what .gitignore covers
      const ignored = readFileSync(join(root, '.gitignore'), 'utf8');
      for (const name of readdirSync(dir).filter((n) => n !== 'examples')) {
        expect(
          ignored.includes(`/${name}`) || (name.startsWith('partners.') && ignored.includes('/partners.*')),
        ).toBe(true);
      }
    },
    ceiling,
  );

  it(
    'suggests --kind engagements for a sheet of visits imported without it, in Japanese and English',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'musubi-readme-'));
      const file = join(dir, 'p.musubi.ndjson');
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [main, ...args], {
          encoding: 'utf8',
          env: { ...process.env, MUSUBI_LANG: '' },
        });
      expect(run('init', file).status).toBe(0);
      const ja = run('import', file, join(root, 'examples/data/visits.csv'));
      expect(ja.status).toBe(1);
      expect(ja.stderr).toContain('--kind engagements を付けて取り込んでください');
      const en = run('--lang', 'en', 'import', file, join(root, 'examples/data/links.csv'));
      expect(en.stderr).toContain('import it with --kind links');
      expect(JSON.parse(run('stats', file).stdout)).toMatchObject({ entities: 0, links: 0, engagements: 0 });
    },
    ceiling,
  );

  it(
    "speaks Japanese for commander's own errors in Japanese mode",
    () => {
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [main, ...args], {
          encoding: 'utf8',
          env: { ...process.env, MUSUBI_LANG: '' },
        });
      expect(run('import', 'x.ndjson').stderr).toMatch(/^エラー: 引数 input がありません/);
      expect(run('export', 'x.ndjson', '--format', 'pdf').stderr).toMatch(
        /^エラー: オプション --format <format> の値「pdf」は使えません/,
      );
      expect(run('bogus').stderr).toMatch(/^エラー: 不明なコマンドです: bogus/);
      expect(run('--lang', 'en', 'bogus').stderr).toMatch(/^error: unknown command 'bogus'/);
    },
    ceiling,
  );
});

describe("the README's library program", () => {
  it(
    'is examples/src/first-network.ts, and prints 0 then 1',
    () => {
      const program = readFileSync(join(root, 'examples/src/first-network.ts'), 'utf8');
      expect(program.replace(/^\/\*\*[\s\S]*?\*\/\n/, '').trim()).toBe(
        blockAfter('## The library', 'ts').trim(),
      );
      // run as the README says, from the repository's root (it reads the built core)
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'examples/src/first-network.ts'], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('0\n1\n');
    },
    ceiling,
  );
});

describe("the README's team server command", () => {
  it(
    'starts the server with the UI on the example network, prints the address and the first admin’s password, and the admin can sign in',
    async () => {
      const block = blockAfter('### A team server with the UI', 'sh');
      const command = block.replace(/\s+#.*$/, '').trim();
      expect(command).toBe('npm run team');
      const dir = mkdtempSync(join(tmpdir(), 'musubi-readme-serve-'));
      // as written, with a free port instead of 8080 and the data in a folder of the test's own;
      // its own process group, so that npm, the script and the server it starts stop together
      const child = spawn('npm', ['run', 'team', '--', '--port', '0', '--data', join(dir, 'data')], {
        cwd: root,
        env: { ...process.env, MUSUBI_LANG: 'en' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      try {
        // waits for the line that says where it listens (or for the process to end first)
        const printed = await new Promise<string>((resolve, reject) => {
          let seen = '';
          child.stdout.on('data', (chunk: Buffer) => {
            seen += chunk.toString('utf8');
            if (/serving .* at http:\/\/\S+/.test(seen)) resolve(seen);
          });
          child.stderr.on('data', (chunk: Buffer) => {
            seen += chunk.toString('utf8');
          });
          void exited.then((code) => reject(new Error(`npm run team exited with ${code}:\n${seen}`)));
        });
        expect(printed).toContain('loaded the example network (Mie)');
        const password = /username admin, password (\S+) /.exec(printed)?.[1];
        const address = /serving .* at (http:\/\/\S+)/.exec(printed)?.[1] as string;
        expect(password).toBeDefined();
        const base = address.endsWith('/') ? address : `${address}/`;
        const page = await fetch(base);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(await page.text()).toContain('<div id="root">');
        const health = (await (await fetch(`${base}api/health`)).json()) as { ok: boolean; seq: number };
        expect(health.ok).toBe(true);
        expect(health.seq).toBeGreaterThan(0);
        const signIn = await fetch(`${base}api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password }),
        });
        expect(signIn.status).toBe(200);
        expect(((await signIn.json()) as { user: { role: string } }).user.role).toBe('admin');
      } finally {
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
    },
    ceiling,
  );
});
