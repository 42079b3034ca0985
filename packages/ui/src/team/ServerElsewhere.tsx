/**
 * What the page shows when `?server=` (or the remembered server) points at a team server of another
 * origin: the server answers pages of its own address only (its session cookie is SameSite=Strict,
 * it sends no CORS headers, and it refuses a foreign Origin), so the page offers to open the
 * server's own address, or to work in this browser alone.
 */

import { LanguageButton } from '../app/LanguageButton.js';
import { useI18n } from '../i18n/i18n.js';

export function ServerElsewhere({ server, page = location.origin }: { server: string; page?: string }) {
  const { t } = useI18n();
  return (
    <main className="sign-in">
      <section className="sign-in-card" aria-labelledby="server-elsewhere-title">
        <h1>{t('app.title')}</h1>
        <h2 id="server-elsewhere-title">{t('team.elsewhere.title')}</h2>
        <p role="alert">{t('team.elsewhere.body', { page, server })}</p>
        <p>
          <a className="primary" href={server}>
            {t('team.elsewhere.open', { server })}
          </a>
        </p>
        <p className="sign-in-more">
          <LanguageButton /> <a href="?server=local">{t('team.elsewhere.alone')}</a>
        </p>
      </section>
    </main>
  );
}
