/**
 * The sign-in page of team mode: user name and password, the server's refusal in the user's
 * language (wrong password, too many tries, server unreachable), the language switch, and a way
 * back to working in this browser alone.
 */
import { isMusubiError } from '@musubi/core';
import { type FormEvent, useId, useState } from 'react';
import { LanguageButton } from '../app/LanguageButton.js';
import { useI18n } from '../i18n/i18n.js';
import type { TeamApi, TeamUser } from './team-api.js';

function refusal(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (!isMusubiError(error)) return t('team.signIn.failed', { code: String(error) });
  if (error.code === 'UNAUTHENTICATED') return t('team.signIn.wrong');
  if (error.code === 'RATE_LIMITED') return t('team.signIn.rateLimited');
  if (error.code === 'UNAVAILABLE') return t('team.signIn.offline');
  return t('team.signIn.failed', { code: error.code });
}

export function SignInPage({ api, onSignedIn }: { api: TeamApi; onSignedIn: (user: TeamUser) => void }) {
  const { t } = useI18n();
  const uid = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setProblem(undefined);
    try {
      const user = await api.signIn(String(data.get('username') ?? ''), String(data.get('password') ?? ''));
      onSignedIn(user);
    } catch (error) {
      setProblem(refusal(error, t));
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby={`${uid}-title`}>
        <h1>{t('app.title')}</h1>
        <h2 id={`${uid}-title`}>{t('team.signIn.title')}</h2>
        <p className="muted">{t('team.signIn.intro', { server: api.server })}</p>
        <label htmlFor={`${uid}-user`}>{t('team.signIn.username')}</label>
        <input id={`${uid}-user`} name="username" autoComplete="username" required />
        <label htmlFor={`${uid}-password`}>{t('team.signIn.password')}</label>
        <input
          id={`${uid}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        {problem !== undefined && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('team.signIn.busy') : t('team.signIn.submit')}
        </button>
        <p className="sign-in-more">
          <LanguageButton /> <a href="?server=local">{t('team.signIn.local')}</a>
        </p>
      </form>
    </main>
  );
}
