/**
 * Starts the app. Alone (local mode), the network lives in this browser's IndexedDB and survives
 * reloads; the first start loads the prefecture's example network. On a team server (the page is
 * served by one, or was pointed at one with `?server=`), the user signs in and works on the team's
 * network, kept in IndexedDB too so that work goes on offline. The shell and a progress message are
 * drawn at once, before the server is asked for or the network opened (index.html already shows one
 * before any script has run).
 */
import { StrictMode, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App, preloadView } from './app/App.js';
import './app/app.css';
import { firstViewOnScreen } from './app/first-view.js';
import { LoadingShell } from './app/LoadingShell.js';
import { NetworkProvider, type Workspace } from './app/network-context.js';
import {
  type Opened,
  type OpeningProgress,
  openSaved,
  readSavedEarly,
  replaceSaved,
} from './app/workspace.js';
import { I18nProvider } from './i18n/i18n.js';
import { ServerElsewhere } from './team/ServerElsewhere.js';
import { findConnection, mayWorkAlone } from './team/server-address.js';
import { TeamRoot } from './team/TeamRoot.js';
import './team/team.css';

function Root({ initial }: { initial: Opened }) {
  const [opened, setOpened] = useState(initial);
  const workspace = useMemo<Workspace>(
    () => ({
      description: opened.database === undefined ? undefined : `IndexedDB ${opened.database}`,
      problem: opened.problem,
      base: opened.base,
      openedIn: opened.openedIn,
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

/** Resolves once what was rendered is on the screen (at once in a hidden tab, which draws nothing). */
function painted(): Promise<void> {
  if (document.visibilityState !== 'visible') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function start(element: HTMLElement): Promise<void> {
  const root = createRoot(element);
  const shell = (progress?: OpeningProgress) =>
    flushSync(() =>
      root.render(
        <StrictMode>
          <I18nProvider>
            <LoadingShell progress={progress} />
          </I18nProvider>
        </StrictMode>,
      ),
    );
  // the saved network is read in a worker from now on, unless the app surely works on a server
  const early = mayWorkAlone() ? readSavedEarly() : undefined;
  // drawn now, before the server is asked for anything
  shell();
  const connection = await findConnection();
  if (connection.kind === 'local') preloadView(location.search);
  else early?.cancel();
  const app =
    connection.kind === 'elsewhere' ? (
      <ServerElsewhere server={connection.server} />
    ) : connection.kind === 'team' ? (
      <TeamRoot server={connection.server}>
        <App />
      </TeamRoot>
    ) : (
      <Root
        initial={
          await openSaved(
            undefined,
            (progress) => {
              shell(progress);
              // the page's thread is busy while the network is built: let the message show first
              return progress.step === 'reading' ? undefined : painted();
            },
            early,
            // the snapshot waits for the first view (the map drawn), or half a minute at most
            Promise.race([firstViewOnScreen, new Promise<void>((resolve) => setTimeout(resolve, 30_000))]),
          )
        }
      />
    );
  performance.mark('musubi:app:opened');
  root.render(
    <StrictMode>
      <I18nProvider>{app}</I18nProvider>
    </StrictMode>,
  );
}

const element = document.getElementById('root');
if (element) void start(element);
