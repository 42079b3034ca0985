/**
 * What the app shows while the network opens: its header and a progress message (a live region).
 * Not `.app`: that is the app with its network, which tests and the bench wait for.
 */
import { useI18n } from '../i18n/i18n.js';

export function LoadingShell() {
  const { t } = useI18n();
  return (
    <div className="app-shell">
      <header className="topbar">
        <h1>{t('app.title')}</h1>
      </header>
      <main className="page">
        <Loading />
      </main>
    </div>
  );
}

/** The progress message, also shown while a view's code loads. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" data-testid="loading">
      {t('app.loading')}
    </p>
  );
}
