import * as z from 'zod/mini';
// zod's English messages, as zod's classic API sets them
import './zod-english.js';

/**
 * True when the text holds a control character other than tab, line feed and carriage return
 * (C0, DEL and the C1 block, where U+0085 is a line break in some readers).
 */
export function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/**
 * True when the text is well-formed UTF-16: every surrogate is half of a pair. A lone surrogate
 * cannot be written as UTF-8 (a file, a CSV cell, a database) without turning into U+FFFD.
 */
export function isWellFormedText(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/**
 * Free text: well-formed Unicode in NFC (a name typed with a combining accent equals the one typed
 * precomposed), no control characters other than tab and newline; trimmed; bounded.
 */
export function text(max: number) {
  return z.string().check(
    z.refine(isWellFormedText, {
      message: 'must be well-formed Unicode (it holds a lone surrogate)',
      params: { reason: 'ill-formed' },
    }),
    z.normalize('NFC'),
    z.trim(),
    z.maxLength(max, { message: `must be at most ${max} characters` }),
    z.refine((s) => !hasControlCharacter(s), {
      message: 'must not contain control characters',
      params: { reason: 'control-character' },
    }),
  );
}

/** A name, trimmed, one line, at most 300 characters. */
export const NameTextSchema = text(300).check(
  z.minLength(1, { message: 'must not be empty' }),
  z.refine((s) => !/[\r\n\t\u2028\u2029]/.test(s), {
    message: 'must be on one line',
    params: { reason: 'one-line' },
  }),
);

/**
 * A bilingual name. Users read Japanese first and everything also exists in English, but a record
 * may be known in one language only at first: at least one of the two is required.
 */
export const BilingualNameSchema = z
  .strictObject({ ja: z.optional(NameTextSchema), en: z.optional(NameTextSchema) })
  .check(
    z.refine((n) => n.ja !== undefined || n.en !== undefined, {
      message: 'a name needs Japanese (ja) or English (en), or both',
      params: { reason: 'name-needed' },
    }),
  );

export type BilingualName = z.infer<typeof BilingualNameSchema>;

export type Lang = 'ja' | 'en';
export const languages: readonly Lang[] = ['ja', 'en'];

/** The name in the wanted language, falling back to the other one. */
export function nameIn(name: BilingualName, lang: Lang): string {
  return (lang === 'ja' ? (name.ja ?? name.en) : (name.en ?? name.ja)) ?? '';
}
