/** Renders a component inside the app's providers (language, network), for browser component tests. */
import type { Lang, Network } from '@musubi/core';
import type { ReactNode } from 'react';
import { render } from 'vitest-browser-react';
import { NetworkProvider } from '../app/network-context.js';
import { I18nProvider } from '../i18n/i18n.js';

export function renderWithApp(ui: ReactNode, { network, lang = 'ja' }: { network: Network; lang?: Lang }) {
  return render(
    <I18nProvider lang={lang}>
      <NetworkProvider network={network}>{ui}</NetworkProvider>
    </I18nProvider>,
  );
}
