import {
  type ErrorCode,
  type ErrorIssue,
  formatPath,
  headerIn,
  importIssueText,
  importIssueWords,
  isMusubiError,
  type StoreWarning,
} from '@musubi/core';

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
      const where =
        typeof row === 'number' && typeof column === 'string'
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
