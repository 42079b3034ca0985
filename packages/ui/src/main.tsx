/**
 * Starts the app. Alone (local mode), the network lives in this browser's IndexedDB and survives
 * reloads; the first start loads the prefecture's example network. On a team server (the page is
 * served by one, or was pointed at one with `?server=`), the user signs in and works on the team's
 * network, kept in IndexedDB too so that work goes on offline.
 */
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import './app/app.css';
import { NetworkProvider, type Workspace } from './app/network-context.js';
import { type Opened, openSaved, replaceSaved } from './app/workspace.js';
import { I18nProvider } from './i18n/i18n.js';
import { findConnection } from './team/server-address.js';
import { TeamRoot } from './team/TeamRoot.js';
import './team/team.css';

function Root({ initial }: { initial: Opened }) {
  const [opened, setOpened] = useState(initial);
  const workspace = useMemo<Workspace>(
    () => ({
      description: opened.database === undefined ? undefined : `IndexedDB ${opened.database}`,
      problem: opened.problem,
      base: opened.base,
      replace: async (log) => setOpened(await replaceSaved(opened, log)),
      resetToExample: async () => setOpened(await replaceSaved(opened, undefined)),
    }),
    [opened],
  );
  return (
    <NetworkProvider key={opened.database ?? 'memory'} network={opened.network} workspace={workspace}>
      <App />
    </NetworkProvider>
  );
}

async function start(root: HTMLElement): Promise<void> {
  const connection = await findConnection();
  const app =
    connection.kind === 'team' ? (
      <TeamRoot server={connection.server}>
        <App />
      </TeamRoot>
    ) : (
      <Root initial={await openSaved()} />
    );
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>{app}</I18nProvider>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root) void start(root);
