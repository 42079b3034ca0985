import { csvKinds } from '@musubi/core/csv';
import { Command, Option } from 'commander';
import {
  briefingCommand,
  exportFile,
  fiscalYears,
  type ImportOptions,
  importFile,
  init,
  repair,
  reportCommand,
  type SourceOptions,
  stats,
  validate,
} from './commands.js';
import { type CliLang, commanderError, describeError } from './messages.js';
import {
  serve,
  tokenCreate,
  tokenList,
  tokenRevoke,
  userAdd,
  userDisable,
  userList,
  userPassword,
} from './serve.js';

/** The language chosen on the command line (`--lang en`) or by MUSUBI_LANG; Japanese by default. */
function langOf(argv: readonly string[]): CliLang {
  const i = argv.indexOf('--lang');
  const value = i >= 0 ? argv[i + 1] : process.env.MUSUBI_LANG;
  return value === 'en' ? 'en' : 'ja';
}

const lang = langOf(process.argv);
const t = (ja: string, en: string) => (lang === 'en' ? en : ja);

const program = new Command('musubi')
  .description(t('結び: 連携ネットワークのファイルを扱うコマンド', 'Musubi: work on a partner-network file'))
  .addOption(
    new Option('--lang <lang>', t('表示言語 (ja|en)', 'message language (ja|en)'))
      .choices(['ja', 'en'])
      .default('ja'),
  )
  .helpOption('-h, --help', t('使い方を表示する', 'display help for command'))
  .helpCommand('help [command]', t('コマンドの使い方を表示する', 'display help for command'))
  .showHelpAfterError()
  .configureOutput({ outputError: (line, write) => write(commanderError(line, lang)) })
  .exitOverride();

program
  .command('init <file>')
  .description(t('空のネットワークファイルを作る', 'create an empty network file'))
  .action((file: string) => init(file, lang));

program
  .command('validate <file>')
  .description(
    t(
      'ファイルの全行の整合性チェックと全変更を検証する',
      "check every line's integrity check and every change of a network file",
    ),
  )
  .action((file: string) => validate(file, lang));

/** `--server` and `--token` of the commands that read: a team server's network instead of a file. */
function withServer(command: Command): Command {
  return command
    .option(
      '--server <url>',
      t(
        'ファイルの代わりにチームサーバーのネットワークを読む (MUSUBI_SERVER)',
        "read a team server's network instead of a file (MUSUBI_SERVER)",
      ),
    )
    .option(
      '--token <token>',
      t('サーバーの API トークン (MUSUBI_TOKEN)', "the server's API token (MUSUBI_TOKEN)"),
    );
}

withServer(
  program.command('stats [file]').description(t('件数を表示する (JSON)', 'print the counts (JSON)')),
).action((file: string | undefined, o: SourceOptions) => stats(file, o, lang));

program
  .command('repair <file>')
  .description(
    t(
      '途切れた最後の行・壊れた行とそれに依存する変更を別ファイルに移し、残りで書き込みを再開できるようにする',
      'move a torn last line, damaged lines and the changes that depend on them to a side file, so the file can be written again',
    ),
  )
  .action((file: string) => repair(file, lang));

program
  .command('import <file> <input>')
  .description(t('CSV・JSON・GEXF・GraphML を取り込む', 'import a CSV, JSON, GEXF or GraphML file'))
  .addOption(new Option('--kind <kind>', t('CSV の内容', 'what the CSV holds')).choices([...csvKinds]))
  .option(
    '--partial',
    t(
      '正しい行だけ取り込み、残りを報告する（グラフファイルでは自己ループ等の辺を除いて取り込む）',
      'import the good rows, report the others (graph files: leave out self-loops and edges to undeclared nodes)',
    ),
  )
  .option(
    '--no-shift-jis',
    t(
      'UTF-8 でない CSV を Shift_JIS として読まずに拒否する',
      'refuse a CSV that is not UTF-8 instead of reading it as Shift_JIS',
    ),
  )
  .action((file: string, input: string, o: ImportOptions) => importFile(file, input, o, lang));

withServer(
  program
    .command('export [file]')
    .description(t('書き出す（-o がなければ標準出力）', 'export (to stdout without -o)'))
    .addOption(
      new Option('--format <format>', t('形式', 'format'))
        .choices(['json', 'csv', 'gexf', 'graphml', 'xlsx'])
        .makeOptionMandatory(),
    )
    .addOption(new Option('--kind <kind>', t('CSV の内容', 'what the CSV holds')).choices([...csvKinds]))
    .option('--state', t('JSON を履歴なしの現状で書く', 'write JSON as the current state, without history'))
    .option('-o, --output <out>', t('出力ファイル', 'output file')),
).action((file: string | undefined, o: Parameters<typeof exportFile>[1]) => exportFile(file, o, lang));

withServer(
  program
    .command('report [file]')
    .description(
      t(
        '施策シートの指標報告 (Markdown、または xlsx)',
        'the policy-sheet indicator report (Markdown, or xlsx)',
      ),
    )
    .option('--fy <years>', t('年度 (例 2016..2019)', 'fiscal years (e.g. 2016..2019)'))
    .addOption(new Option('--format <format>', t('形式', 'format')).choices(['md', 'xlsx']).default('md'))
    .option('-o, --output <out>', t('出力ファイル（xlsx では必須）', 'output file (needed for xlsx)')),
).action(
  (file: string | undefined, o: SourceOptions & { fy?: string; output?: string; format?: 'md' | 'xlsx' }) => {
    fiscalYears(o.fy, lang);
    return reportCommand(file, o, lang);
  },
);

const dataOption = () =>
  new Option('--data <folder>', t('PGlite のデータフォルダ', "PGlite's data folder")).default(
    './musubi-data',
  );
const databaseOption = () =>
  new Option(
    '--database <url>',
    t('PostgreSQL の URL（DATABASE_URL でも可）', 'a PostgreSQL URL (or DATABASE_URL)'),
  );

program
  .command('serve')
  .description(t('チームサーバーを起動する', 'start the team server'))
  .addOption(dataOption())
  .addOption(databaseOption())
  .option('--port <port>', t('ポート', 'port'), '8080')
  .option('--host <host>', t('待ち受けるアドレス', 'address to listen on'), '127.0.0.1')
  .option(
    '--example',
    t('空のデータベースに例示ネットワークを読み込む', 'load the example network into an empty database'),
  )
  .option('--ui [folder]', t('UI（packages/ui/dist）も配信する', 'also serve the UI (packages/ui/dist)'))
  .action((o: Parameters<typeof serve>[0]) => serve(o, lang));

const user = program.command('user').description(t('サーバーのアカウント', "the server's accounts"));
user
  .command('add <username>')
  .description(
    t('アカウントを追加する（パスワードは標準入力から）', 'add an account (the password from stdin)'),
  )
  .addOption(
    new Option('--role <role>', t('役割', 'role')).choices(['viewer', 'editor', 'admin']).default('editor'),
  )
  .option('--name <name>', t('表示名', 'display name'))
  .addOption(dataOption())
  .addOption(databaseOption())
  .action((username: string, o: Parameters<typeof userAdd>[1]) => userAdd(username, o, lang));
user
  .command('list')
  .description(t('アカウントの一覧', 'list the accounts'))
  .addOption(dataOption())
  .addOption(databaseOption())
  .action((o: Parameters<typeof userList>[0]) => userList(o, lang));
user
  .command('disable <username>')
  .description(t('アカウントを無効にする（--enable で戻す）', 'disable an account (--enable to undo)'))
  .option('--enable', t('有効に戻す', 'enable it again'))
  .addOption(dataOption())
  .addOption(databaseOption())
  .action((username: string, o: Parameters<typeof userDisable>[1]) => userDisable(username, o, lang));
user
  .command('password <username>')
  .description(t('パスワードを変える（標準入力から）', 'set a new password (from stdin)'))
  .addOption(dataOption())
  .addOption(databaseOption())
  .action((username: string, o: Parameters<typeof userPassword>[1]) => userPassword(username, o, lang));

const token = program.command('token').description(t('API トークン', 'API tokens'));
token
  .command('create <name>')
  .description(t('API トークンを作る', 'make an API token'))
  .addOption(new Option('--scope <scope>', t('権限', 'scope')).choices(['read', 'write']).default('read'))
  .addOption(dataOption())
  .addOption(databaseOption())
  .action((name: string, o: Parameters<typeof tokenCreate>[1]) => tokenCreate(name, o, lang));
token
  .command('list')
  .description(t('API トークンの一覧', 'list the API tokens'))
  .addOption(dataOption())
  .addOption(databaseOption())
  .action((o: Parameters<typeof tokenList>[0]) => tokenList(o, lang));
token
  .command('revoke <id>')
  .description(t('API トークンを取り消す', 'revoke an API token'))
  .addOption(dataOption())
  .addOption(databaseOption())
  .action((id: string, o: Parameters<typeof tokenRevoke>[1]) => tokenRevoke(id, o, lang));

program
  .command('briefing <file> <entity>')
  .description(
    t(
      'ブリーフィング資料 (Markdown): ID または名前で指定した相手の概要・役職・経緯・活動・フォローアップ・周年',
      'a briefing (Markdown) on an entity given by id or name: who, posts, ties, engagements, follow-ups, anniversaries',
    ),
  )
  .option(
    '--date <day>',
    t('資料の日付 YYYY-MM-DD（既定は今日）', 'the day of the brief, YYYY-MM-DD (default today)'),
  )
  .option('-o, --output <out>', t('出力ファイル', 'output file'))
  .action((file: string, entity: string, o: { date?: string; output?: string }) =>
    briefingCommand(file, entity, o, lang),
  );

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    // commander printed the help or its own message already
    process.exitCode = code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 2;
  } else {
    process.stderr.write(`${describeError(error, lang)}\n`);
    process.exitCode = 1;
  }
}
