/**
 * What the app shows while the network opens: its header and a progress message (a live region)
 * that names the step of the opening. Not `.app`: that is the app with its network, which tests
 * and the bench wait for.
 */
import { useI18n } from '../i18n/i18n.js';
import type { OpeningProgress } from './workspace.js';

export function LoadingShell({ progress }: { progress?: OpeningProgress | undefined }) {
  const { t, lang } = useI18n();
  const message =
    progress === undefined
      ? undefined
      : progress.step === 'reading'
        ? t('app.opening.reading')
        : progress.step === 'reading-on-page'
          ? t('app.opening.readingOnPage')
          : progress.step === 'example'
            ? t('app.opening.example')
            : t(progress.fromSnapshot ? 'app.opening.buildingFromSnapshot' : 'app.opening.building', {
                count: progress.changes.toLocaleString(lang),
              });
  return (
    <div className="app-shell" data-opening={progress?.step}>
      <header className="topbar">
        <h1>{t('app.title')}</h1>
      </header>
      <main className="page">
        <Loading message={message} />
      </main>
    </div>
  );
}

/** The progress message (`読み込み中…` unless a step is named), also shown while a view's code loads. */
export function Loading({ message }: { message?: string | undefined }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" data-testid="loading">
      {message ?? t('app.loading')}
    </p>
  );
}
