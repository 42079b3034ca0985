import { type ErrorCode, type ErrorIssue, formatPath, isMusubiError, type StoreWarning } from '@musubi/core';
import { headerIn, importIssueText, importIssueWords } from '@musubi/core/words';

/** The language of the command's messages: `--lang`, else MUSUBI_LANG, else Japanese. */
export type CliLang = 'ja' | 'en';

/** A user-facing text in both languages. */
export interface Words {
  readonly ja: string;
  readonly en: string;
}

/** Picks the text in the chosen language. */
export function say(lang: CliLang, words: Words): string {
  return words[lang];
}

/** What each error code means, in both languages: the first words of every error the command prints. */
export const errorCodeWords: Record<ErrorCode, Words> = {
  VALIDATION: { ja: '入力が正しくありません', en: 'invalid input' },
  NOT_FOUND: { ja: '見つかりません', en: 'not found' },
  CONFLICT: { ja: '既にあります', en: 'already exists' },
  REFERENCE: { ja: '参照先がありません', en: 'broken reference' },
  READ_ONLY: { ja: '読み取り専用です', en: 'read-only' },
  FORMAT: { ja: 'ファイルの形式が正しくありません', en: 'malformed file' },
  VERSION: { ja: '新しい版の Musubi のファイルです', en: 'written by a newer Musubi' },
  STORAGE: { ja: '保存・読み込みができません', en: 'storage failure' },
  UNAUTHENTICATED: { ja: 'サーバーに認証されていません', en: 'not signed in to the server' },
  FORBIDDEN: { ja: 'その操作の権限がありません', en: 'not allowed' },
  RATE_LIMITED: { ja: '要求が多すぎます。しばらく待ってください', en: 'too many requests; wait a little' },
  PAYLOAD_TOO_LARGE: { ja: '送る内容が大きすぎます', en: 'too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    ja: 'サーバーが受け付けない形式です',
    en: 'a content type the server does not take',
  },
  BAD_REQUEST: { ja: '要求が正しくありません', en: 'bad request' },
  UNAVAILABLE: { ja: 'サーバーに接続できません', en: 'the server cannot be reached' },
};

/** Prints what a store found when opening (a torn last line, a set-aside snapshot) to stderr. */
export function printWarnings(warnings: readonly StoreWarning[], lang: CliLang): void {
  for (const warning of warnings) {
    process.stderr.write(`${say(lang, { ja: '警告', en: 'warning' })}: ${warning.message[lang]}\n`);
  }
}

/** Describes an error for stderr: its code, where, and every issue (row and column for CSV). */
export function describeError(error: unknown, lang: CliLang): string {
  if (!isMusubiError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return say(lang, { ja: `エラー: ${message}`, en: `error: ${message}` });
  }
  const words = say(lang, errorCodeWords[error.code]);
  const lines = [`${error.code} (${words}): ${messageIn(error.message, lang)}`];
  if (error.issues.length > 1 || (error.issues[0] && error.issues[0].message !== error.message)) {
    for (const issue of error.issues.slice(0, 50)) {
      const [row, column] = issue.path;
      const [sheet, sheetRow, sheetColumn] = issue.path;
      const where =
        typeof sheet === 'string' && typeof sheetRow === 'number' && issue.path.length === 3
          ? say(lang, {
              ja: `シート「${sheet}」${sheetRow}行目${sheetColumn ? `「${String(sheetColumn)}」` : ''}`,
              en: `sheet ${sheet}, row ${sheetRow}${sheetColumn ? `, ${String(sheetColumn)}` : ''}`,
            })
          : typeof row === 'number' && typeof column === 'string'
            ? say(lang, {
                ja: `${row}行目「${headerIn(column, 'ja')}」`,
                en: `row ${row}, ${headerIn(column, 'en')}`,
              })
            : formatPath(issue.path);
      lines.push(`  ${where}: ${issueText(issue, lang)}`);
    }
    if (error.issues.length > 50) {
      lines.push(
        say(lang, {
          ja: `  ほか ${error.issues.length - 50} 件`,
          en: `  and ${error.issues.length - 50} more`,
        }),
      );
    }
  }
  return lines.join('\n');
}

/** commander's own error lines (it writes them in English) and their Japanese. */
const commanderErrors: [RegExp, (...groups: string[]) => string][] = [
  [/^error: missing required argument '([^']+)'/, (a) => `引数 ${a} がありません`],
  [/^error: unknown option '([^']+)'/, (o) => `不明なオプションです: ${o}`],
  [/^error: unknown command '([^']+)'/, (c) => `不明なコマンドです: ${c}`],
  [/^error: too many arguments/, () => '引数が多すぎます'],
  [/^error: required option '([^']+)' not specified/, (o) => `オプション ${o} を指定してください`],
  [/^error: option '([^']+)' argument missing/, (o) => `オプション ${o} に値がありません`],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/,
    (o, v, choices) => `オプション ${o} の値「${v}」は使えません。使える値: ${choices}`,
  ],
];

/** An error line of commander in the chosen language (the English line when no translation fits). */
export function commanderError(line: string, lang: CliLang): string {
  if (lang === 'en') return line;
  const text = line.trim();
  for (const [pattern, ja] of commanderErrors) {
    const match = pattern.exec(text);
    if (match) return `エラー: ${ja(...match.slice(1))}\n`;
  }
  return line;
}

/** The half of a core message `English / 日本語` in `lang`, or the whole message. */
export function messageIn(message: string, lang: CliLang): string {
  const at = message.indexOf(' / ');
  if (at === -1) return message;
  return lang === 'en' ? message.slice(0, at) : message.slice(at + 3);
}

/** An issue in `lang`: worded from its code when the core has words for it, else its message's half. */
export function issueText(issue: ErrorIssue, lang: CliLang): string {
  return importIssueWords[issue.code] ? importIssueText(issue, lang) : messageIn(issue.message, lang);
}
