/**
 * Starts the app. The network lives in this browser's IndexedDB and survives reloads; the first
 * start loads the prefecture's example network. No server, no account. The shell and a progress
 * message are drawn at once, before the network is open (index.html already shows one before any
 * script has run).
 */
import { StrictMode, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import './app/app.css';
import { LoadingShell } from './app/LoadingShell.js';
import { NetworkProvider, type Workspace } from './app/network-context.js';
import { type Opened, openSaved, replaceSaved } from './app/workspace.js';
import { I18nProvider } from './i18n/i18n.js';

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

const element = document.getElementById('root');
if (element) {
  const root = createRoot(element);
  // drawn now, before IndexedDB is asked for anything
  flushSync(() =>
    root.render(
      <StrictMode>
        <I18nProvider>
          <LoadingShell />
        </I18nProvider>
      </StrictMode>,
    ),
  );
  void openSaved().then((opened) => {
    root.render(
      <StrictMode>
        <I18nProvider>
          <Root initial={opened} />
        </I18nProvider>
      </StrictMode>,
    );
  });
}
