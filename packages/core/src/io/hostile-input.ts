import { MusubiError } from '../errors.js';

/** The largest file an importer accepts (bytes), unless told otherwise. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Keys that could reach an object's prototype; refused in every imported object. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** The text encodings an importer reads. */
export type ImportEncoding = 'utf-8' | 'shift_jis';

/**
 * Turns imported bytes (or text) into text: refuses files over `maxBytes`, strips a UTF-8 BOM and
 * refuses bytes that are not UTF-8 (FORMAT, saying so in Japanese and English). With
 * `{ shiftJis: true }` a non-UTF-8 file is read as Shift_JIS instead (Excel's old default, the
 * WHATWG `shift_jis` decoder, i.e. Windows-31J with ㈱ and ①).
 */
export function decodeImport(
  input: string | Uint8Array,
  options: { maxBytes?: number; shiftJis?: boolean; what?: string } = {},
): string {
  return decodeImportText(input, options).text;
}

/** {@link decodeImport}, also saying which encoding the bytes were read as. */
export function decodeImportText(
  input: string | Uint8Array,
  options: { maxBytes?: number; shiftJis?: boolean; what?: string } = {},
): { text: string; encoding: ImportEncoding } {
  const max = options.maxBytes ?? MAX_IMPORT_BYTES;
  const what = options.what ?? 'the file';
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > max) {
    throw new MusubiError(
      'FORMAT',
      `${what} is too large (${size} bytes; at most ${max}) / ファイルが大きすぎます（上限 ${max} バイト）`,
      { details: { size, max } },
    );
  }
  let text: string;
  let encoding: ImportEncoding = 'utf-8';
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      if (options.shiftJis) {
        text = new TextDecoder('shift_jis').decode(input);
        encoding = 'shift_jis';
      } else {
        throw new MusubiError(
          'FORMAT',
          `${what} is not UTF-8 (perhaps Shift_JIS: save it as "CSV UTF-8") / ファイルが UTF-8 ではありません（Shift_JIS の可能性があります。「CSV UTF-8」で保存してください）`,
          { details: { encoding: 'not-utf-8' } },
        );
      }
    }
  }
  if (text.includes('\uFFFD')) {
    throw new MusubiError(
      'FORMAT',
      `${what} contains replacement characters (U+FFFD): it was decoded with the wrong encoding / 文字化け（U+FFFD）があります。文字コードを確認してください`,
      { details: { encoding: 'replacement-characters' } },
    );
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding };
}

/**
 * Parses imported JSON, refusing `__proto__`, `constructor` and `prototype` keys anywhere (FORMAT with
 * the path of the key) and malformed JSON (FORMAT).
 */
export function parseImportedJson(text: string, what = 'the JSON file'): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MusubiError(
      'FORMAT',
      `${what} is not valid JSON / JSON として読めません: ${(error as Error).message}`,
      { cause: error, details: { reason: 'not-json' } },
    );
  }
  checkKeys(value, []);
  return value;
}

/** Refuses `__proto__`, `constructor` and `prototype` keys anywhere in a parsed value (FORMAT, with the key's path). */
export function refuseForbiddenKeys(value: unknown, path: (string | number)[]): void {
  checkKeys(value, path);
}

function checkKeys(value: unknown, path: (string | number)[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkKeys(item, [...path, i]);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    if (forbiddenKeys.has(key)) {
      throw new MusubiError('FORMAT', `the key "${key}" is not allowed / キー「${key}」は使えません`, {
        path: [...path, key],
        details: { reason: 'forbidden-key', key },
      });
    }
    checkKeys((value as Record<string, unknown>)[key], [...path, key]);
  }
}

/**
 * Refuses XML that declares a DOCTYPE or entities (billion laughs, external entities) before any
 * parser sees it: Musubi's GEXF and GraphML never need one.
 */
export function refuseXmlTricks(text: string, what = 'the XML file'): void {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new MusubiError(
      'FORMAT',
      `${what} declares a DOCTYPE or entities, which are refused / ファイルに DOCTYPE／ENTITY 宣言があるため読み込めません`,
      { details: { reason: 'doctype' } },
    );
  }
}

/** Control characters other than tab, LF and CR are refused in imported text cells. */
export function hasControlCharacters(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}
