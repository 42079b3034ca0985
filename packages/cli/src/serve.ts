import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MusubiError } from '@musubi/core';
import { buildMieNetwork } from '@musubi/examples';
import {
  Accounts,
  createServer,
  type Database,
  openDatabase,
  PostgresStore,
  type Role,
  roles,
  type TokenScope,
} from '@musubi/server';
import { type CliLang, say } from './messages.js';

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Where the server keeps its log: `--database <url>` or DATABASE_URL, else PGlite in `--data`. */
export interface DatabaseOptions {
  data?: string;
  database?: string;
}

async function open(options: DatabaseOptions): Promise<Database> {
  const url = options.database ?? process.env.DATABASE_URL;
  return openDatabase(url ? { url } : { dataDir: options.data ?? './musubi-data' });
}

/** The built UI beside this command in the repository (packages/ui/dist), when it is there. */
function bundledUi(): string | undefined {
  const dist = fileURLToPath(new URL('../../ui/dist', import.meta.url));
  return existsSync(`${dist}/index.html`) ? dist : undefined;
}

export interface ServeOptions extends DatabaseOptions {
  port?: string;
  host?: string;
  example?: boolean;
  ui?: boolean | string;
}

/**
 * `musubi serve`: opens the database (migrating it), loads the example network into an empty log
 * with `--example`, makes a first admin with a random password when there is no account, and
 * serves the API (and the UI with `--ui`) until stopped.
 */
export async function serve(options: ServeOptions, lang: CliLang): Promise<void> {
  const db = await open(options);
  if (options.example) {
    const store = new PostgresStore(db);
    if ((await store.lastSeq()) === 0) {
      await store.append(buildMieNetwork().log());
      print(
        say(lang, {
          ja: '例示ネットワーク（三重県）を読み込みました',
          en: 'loaded the example network (Mie)',
        }),
      );
    }
  }
  const accounts = new Accounts(db);
  if ((await accounts.listUsers()).length === 0) {
    const password = randomBytes(12).toString('base64url');
    await accounts.addUser({ username: 'admin', password, role: 'admin', displayName: 'Administrator' });
    print(
      say(lang, {
        ja: `最初の管理者を作りました: ユーザー名 admin、パスワード ${password}（一度だけ表示します。musubi user password admin で変更できます）`,
        en: `made the first admin: username admin, password ${password} (shown once; change it with musubi user password admin)`,
      }),
    );
  }
  const staticDir = typeof options.ui === 'string' ? options.ui : options.ui ? bundledUi() : undefined;
  if (options.ui && !staticDir) {
    throw new MusubiError(
      'NOT_FOUND',
      say(lang, {
        ja: 'UI のビルドがありません（pnpm build を実行するか --ui <フォルダ> を指定してください）',
        en: 'no built UI (run pnpm build, or give --ui <folder>)',
      }),
    );
  }
  const server = await createServer({ db, ...(staticDir ? { staticDir } : {}) });
  const port = Number(options.port ?? 8080);
  const address = await server.listen({ port, host: options.host ?? '127.0.0.1' });
  print(
    say(lang, {
      ja: `${db.description} で待ち受け中: ${address}`,
      en: `serving ${db.description} at ${address}`,
    }),
  );
  const stop = async () => {
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Reads a password: from stdin when it is not a terminal, else asked without echo. */
async function readPassword(lang: CliLang): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (!process.stdin.isTTY) {
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  const question = say(lang, { ja: 'パスワード: ', en: 'Password: ' });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stdout.write(question);
    };
  });
}

async function withAccounts<T>(
  options: DatabaseOptions,
  work: (accounts: Accounts) => Promise<T>,
): Promise<T> {
  const db = await open(options);
  try {
    return await work(new Accounts(db));
  } finally {
    await db.close();
  }
}

/** `musubi user add <username> --role <role>`: the password from stdin or a prompt. */
export async function userAdd(
  username: string,
  options: DatabaseOptions & { role: string; name?: string },
  lang: CliLang,
): Promise<void> {
  if (!(roles as readonly string[]).includes(options.role)) {
    throw new MusubiError('VALIDATION', `role: ${roles.join(' | ')}`, { path: ['role'] });
  }
  const password = await readPassword(lang);
  await withAccounts(options, (accounts) =>
    accounts.addUser({
      username,
      password,
      role: options.role as Role,
      ...(options.name ? { displayName: options.name } : {}),
    }),
  );
  print(say(lang, { ja: `ユーザー ${username} を追加しました`, en: `added the user ${username}` }));
}

export async function userList(options: DatabaseOptions, lang: CliLang): Promise<void> {
  const users = await withAccounts(options, (accounts) => accounts.listUsers());
  for (const user of users) {
    const state = user.disabled ? say(lang, { ja: '無効', en: 'disabled' }) : '';
    print(`${user.username}\t${user.role}\t${user.displayName}\t${state}`.trimEnd());
  }
}

export async function userDisable(
  username: string,
  options: DatabaseOptions & { enable?: boolean },
  lang: CliLang,
) {
  await withAccounts(options, (accounts) => accounts.setDisabled(username, !options.enable));
  print(
    options.enable
      ? say(lang, { ja: `${username} を有効にしました`, en: `enabled ${username}` })
      : say(lang, {
          ja: `${username} を無効にし、セッションを取り消しました`,
          en: `disabled ${username} and revoked its sessions`,
        }),
  );
}

export async function userPassword(username: string, options: DatabaseOptions, lang: CliLang): Promise<void> {
  const password = await readPassword(lang);
  await withAccounts(options, (accounts) => accounts.setPassword(username, password));
  print(say(lang, { ja: `${username} のパスワードを変えました`, en: `changed the password of ${username}` }));
}

export async function tokenCreate(name: string, options: DatabaseOptions & { scope: string }, lang: CliLang) {
  const { token, info } = await withAccounts(options, (accounts) =>
    accounts.createToken({ name, scope: options.scope as TokenScope, createdBy: 'cli' }),
  );
  print(say(lang, { ja: `トークン ${info.id}（${info.scope}）:`, en: `token ${info.id} (${info.scope}):` }));
  print(token);
  process.stderr.write(
    `${say(lang, { ja: 'このトークンは一度だけ表示します。', en: 'This token is shown once.' })}\n`,
  );
}

export async function tokenList(options: DatabaseOptions, lang: CliLang): Promise<void> {
  const tokens = await withAccounts(options, (accounts) => accounts.listTokens());
  for (const token of tokens) {
    const state = token.revoked ? say(lang, { ja: '取り消し済み', en: 'revoked' }) : '';
    print(`${token.id}\t${token.scope}\t${token.name}\t${token.createdAt}\t${state}`.trimEnd());
  }
}

export async function tokenRevoke(id: string, options: DatabaseOptions, lang: CliLang): Promise<void> {
  await withAccounts(options, (accounts) => accounts.revokeToken(id));
  print(say(lang, { ja: `トークン ${id} を取り消しました`, en: `revoked the token ${id}` }));
}
