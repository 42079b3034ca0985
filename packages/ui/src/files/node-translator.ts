/** The app's `t` for one language, for Node tests of the message functions (the real tables). */
import type { Lang } from '@musubi/core';
import { format, type I18n, messages } from '../i18n/i18n.js';

export function translator(lang: Lang): I18n['t'] {
  return (key, vars) => format(messages[lang][key] ?? key, vars);
}
