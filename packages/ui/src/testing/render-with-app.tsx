/** Renders a component inside the app's providers (language, network, clock), for browser component tests. */
import type { Lang, Network } from '@musubi/core';
import type { ReactNode } from 'react';
import { render } from 'vitest-browser-react';
import { type Clock, ClockProvider } from '../app/clock.js';
import { NetworkProvider } from '../app/network-context.js';
import { I18nProvider } from '../i18n/i18n.js';

/** The day component tests run on unless they say otherwise: no test depends on the machine's date. */
export const testNow: Clock = () => new Date('2026-12-01T03:00:00Z');

export function renderWithApp(
  ui: ReactNode,
  { network, lang = 'ja', now = testNow }: { network: Network; lang?: Lang; now?: Clock },
) {
  return render(
    <ClockProvider now={now}>
      <I18nProvider lang={lang}>
        <NetworkProvider network={network}>{ui}</NetworkProvider>
      </I18nProvider>
    </ClockProvider>,
  );
}
