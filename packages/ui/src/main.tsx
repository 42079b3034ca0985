/** Starts the app on the prefecture's example network (in memory; no server, no account). */
import { buildMieNetwork } from '@musubi/examples';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import './app/app.css';
import { NetworkProvider } from './app/network-context.js';
import { I18nProvider } from './i18n/i18n.js';

const network = buildMieNetwork();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <NetworkProvider network={network}>
          <App />
        </NetworkProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
