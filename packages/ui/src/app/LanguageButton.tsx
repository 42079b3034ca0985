/**
 * The button that switches between Japanese and English. Its accessible name begins with its
 * visible text (English / 日本語), as a voice user says it, and goes on with what it does.
 */
import { useI18n } from '../i18n/i18n.js';

export function LanguageButton({ onSwitch }: { onSwitch?: () => void }) {
  const { t, lang, setLang } = useI18n();
  return (
    <button type="button" onClick={onSwitch ?? (() => setLang(lang === 'ja' ? 'en' : 'ja'))}>
      <span lang={lang === 'ja' ? 'en' : 'ja'}>{t('app.switchLanguage')}</span>
      <span className="visually-hidden">{t('app.switchLanguageLabel')}</span>
    </button>
  );
}
