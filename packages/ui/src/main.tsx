/**
 * Starts the app. The network lives in this browser's IndexedDB and survives reloads; the first
 * start loads the prefecture's example network. No server, no account.
 */
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import './app/app.css';
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

const root = document.getElementById('root');
if (root) {
  void openSaved().then((opened) => {
    createRoot(root).render(
      <StrictMode>
        <I18nProvider>
          <Root initial={opened} />
        </I18nProvider>
      </StrictMode>,
    );
  });
}
