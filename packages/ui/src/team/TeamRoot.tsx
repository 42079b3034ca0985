/**
 * The app in team mode: asks the server who is signed in, shows the sign-in page when nobody is,
 * then opens the user's replica and renders the app on it. When the server cannot be reached, the
 * last user's kept replica opens (offline work goes on; changes are sent when it is back).
 */
import { isMusubiError } from '@musubi/core';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { NetworkProvider, type Workspace } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';
import { type OpenedTeam, openTeam } from './open-team.js';
import { SignInPage } from './SignInPage.js';
import { TeamApi, type TeamUser, teamRoles } from './team-api.js';
import { type Team, TeamProvider } from './team-context.js';

const LAST_USER_KEY = 'musubi.team.user';

function lastUser(server: string): TeamUser | undefined {
  try {
    const kept = JSON.parse(localStorage.getItem(LAST_USER_KEY) ?? 'null') as
      | (TeamUser & { server?: string })
      | null;
    if (!kept || kept.server !== server || !(teamRoles as readonly string[]).includes(kept.role))
      return undefined;
    return { username: kept.username, displayName: kept.displayName, role: kept.role };
  } catch {
    return undefined;
  }
}

function rememberUser(server: string, user: TeamUser | undefined): void {
  try {
    if (user) localStorage.setItem(LAST_USER_KEY, JSON.stringify({ ...user, server }));
    else localStorage.removeItem(LAST_USER_KEY);
  } catch {
    // an offline start will ask to sign in
  }
}

type Stage =
  | { readonly at: 'checking' }
  | { readonly at: 'signIn' }
  | { readonly at: 'opening'; readonly user: TeamUser }
  | { readonly at: 'ready'; readonly user: TeamUser; readonly opened: OpenedTeam }
  | { readonly at: 'failed'; readonly message: string };

function Message({ children, alert }: { children: ReactNode; alert?: boolean }) {
  return (
    <main className="sign-in">
      <p role={alert ? 'alert' : 'status'}>{children}</p>
    </main>
  );
}

export function TeamRoot({ server, children }: { server: string; children: ReactNode }) {
  const { t } = useI18n();
  const api = useMemo(() => new TeamApi(server), [server]);
  const [stage, setStage] = useState<Stage>({ at: 'checking' });

  const signedOut = useCallback(() => {
    rememberUser(server, undefined);
    setStage({ at: 'signIn' });
  }, [server]);

  useEffect(() => {
    let live = true;
    api.session().then(
      (user) => live && setStage(user ? { at: 'opening', user } : { at: 'signIn' }),
      (error: unknown) => {
        if (!live) return;
        // the server cannot be reached: go on offline as the last user, if there was one
        const last = isMusubiError(error, 'UNAVAILABLE') ? lastUser(server) : undefined;
        setStage(last ? { at: 'opening', user: last } : { at: 'failed', message: (error as Error).message });
      },
    );
    return () => {
      live = false;
    };
  }, [api, server]);

  const opening = stage.at === 'opening' ? stage.user : undefined;
  useEffect(() => {
    if (!opening) return;
    let live = true;
    rememberUser(server, opening);
    openTeam(api, opening, { onSignedOut: () => live && signedOut() }).then(
      (opened) => {
        if (live) setStage({ at: 'ready', user: opening, opened });
        else void opened.close();
      },
      (error: unknown) => live && setStage({ at: 'failed', message: (error as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [api, opening, server, signedOut]);

  const ready = stage.at === 'ready' ? stage : undefined;

  const team = useMemo<Team | undefined>(
    () =>
      ready && {
        api,
        user: ready.user,
        replica: ready.opened.replica,
        signOut: async () => {
          await api.signOut().catch(() => undefined);
          // the pending changes stay kept for this user's next sign-in
          await ready.opened.close().catch(() => undefined);
          signedOut();
        },
      },
    [api, ready, signedOut],
  );
  const workspace = useMemo<Workspace | undefined>(
    () =>
      ready && {
        description: server,
        base: 0,
        // the team's network is not replaced from a browser (the File menu does not offer it)
        replace: () => Promise.reject(new Error('the team network cannot be replaced from the browser')),
        resetToExample: () =>
          Promise.reject(new Error('the team network cannot be replaced from the browser')),
      },
    [ready, server],
  );

  if (stage.at === 'checking') return <Message>{t('team.starting')}</Message>;
  if (stage.at === 'signIn')
    return <SignInPage api={api} onSignedIn={(user) => setStage({ at: 'opening', user })} />;
  if (stage.at === 'opening') return <Message>{t('team.starting')}</Message>;
  if (stage.at === 'failed')
    return <Message alert>{t('team.openFailed', { message: stage.message })}</Message>;
  return (
    <TeamProvider team={team}>
      <NetworkProvider network={stage.opened.replica} workspace={workspace}>
        {children}
      </NetworkProvider>
    </TeamProvider>
  );
}
