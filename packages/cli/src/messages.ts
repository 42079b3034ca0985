import { formatPath, isMusubiError } from '@musubi/core';

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

/** Describes an error for stderr: its code, where, and every issue (row and column for CSV). */
export function describeError(error: unknown, lang: CliLang): string {
  if (!isMusubiError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return say(lang, { ja: `エラー: ${message}`, en: `error: ${message}` });
  }
  const lines = [`${error.code}: ${error.message}`];
  if (error.issues.length > 1 || (error.issues[0] && error.issues[0].message !== error.message)) {
    for (const issue of error.issues.slice(0, 50)) {
      const [row, column] = issue.path;
      const where =
        typeof row === 'number' && typeof column === 'string'
          ? say(lang, { ja: `${row}行目「${column}」`, en: `row ${row}, ${column}` })
          : formatPath(issue.path);
      lines.push(`  ${where}: ${issue.message}`);
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
