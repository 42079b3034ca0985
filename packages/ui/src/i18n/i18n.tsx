/**
 * Translations: one flat JSON per language (ja.json, en.json). To add a string, add the same key
 * to both files; `messages.test.ts` fails when they differ.
 */
import type { Lang } from '@musubi/core';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import activitiesEn from './activities.en.json';
import activitiesJa from './activities.ja.json';
import dashboardEn from './dashboard.en.json';
import dashboardJa from './dashboard.ja.json';
import editEn from './edit.en.json';
import editJa from './edit.ja.json';
import baseEn from './en.json';
import exploreEn from './explore.en.json';
import exploreJa from './explore.ja.json';
import filesEn from './files.en.json';
import filesJa from './files.ja.json';
import followUpsEn from './follow-ups.en.json';
import followUpsJa from './follow-ups.ja.json';
import historyEn from './history.en.json';
import historyJa from './history.ja.json';
import baseJa from './ja.json';
import recordEn from './record.en.json';
import recordJa from './record.ja.json';
import tableEn from './table.en.json';
import tableJa from './table.ja.json';
import teamEn from './team.en.json';
import teamJa from './team.ja.json';

// One table per area (`<area>.ja.json` / `<area>.en.json`) so that areas grow apart; keys are
// prefixed by the area (`record.…`, `dashboard.…`) and must not collide.
const ja = {
  ...baseJa,
  ...recordJa,
  ...editJa,
  ...dashboardJa,
  ...historyJa,
  ...filesJa,
  ...activitiesJa,
  ...teamJa,
  ...followUpsJa,
  ...exploreJa,
  ...tableJa,
};
const en = {
  ...baseEn,
  ...recordEn,
  ...editEn,
  ...dashboardEn,
  ...historyEn,
  ...filesEn,
  ...activitiesEn,
  ...teamEn,
  ...followUpsEn,
  ...exploreEn,
  ...tableEn,
};

export type MessageKey = keyof typeof ja;
export const messages: Record<Lang, Record<MessageKey, string>> = { ja, en };

const STORAGE_KEY = 'musubi.lang';

/** The language to start in: `?lang=` first, then the remembered choice, then Japanese. */
export function initialLang(search: string = globalThis.location?.search ?? ''): Lang {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'ja') return fromUrl;
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'ja') return stored;
  } catch {
    // storage may be blocked; Japanese is the default
  }
  return 'ja';
}

/** Fills `{name}` placeholders. */
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** Provides the language and `t`; remembers a switch in localStorage and sets `<html lang>`. */
export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang());
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered when storage is blocked
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, vars) => format(messages[lang][key] ?? key, vars) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its `t`. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an <I18nProvider>');
  return value;
}
