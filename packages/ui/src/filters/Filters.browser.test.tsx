import type { Network } from '@musubi/core';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { defaultExploreState, type ExploreState } from '../app/explore-state.js';
import { renderWithApp } from '../testing/render-with-app.js';
import { buildSmallNetwork } from '../testing/small-network.js';
import { Filters } from './Filters.js';
import { visibleNetwork } from './visible.js';

function Harness({ network, onState }: { network: Network; onState?: (s: ExploreState) => void }) {
  const [state, setState] = useState(defaultExploreState);
  const visible = visibleNetwork(network, state, '2026-01-01');
  return (
    <Filters
      network={network}
      state={state}
      visible={visible}
      onChange={(patch) => {
        const next = { ...state, ...patch };
        setState(next);
        onState?.(next);
      }}
    />
  );
}

describe('the filters', () => {
  it('update the counts when a kind of entity is unticked', async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(<Harness network={network} />, { network, lang: 'en' });
    await expect.element(screen.getByTestId('count-entities')).toHaveTextContent('6');
    await screen.getByRole('checkbox', { name: 'Person' }).click();
    await expect.element(screen.getByTestId('count-entities')).toHaveTextContent('4');
    await expect.element(screen.getByRole('checkbox', { name: 'Person' })).not.toBeChecked();
    await expect.element(screen.getByRole('checkbox', { name: 'Mission in Japan' })).toBeChecked();
  });

  it('keep only ASEAN countries (and the prefecture, and the people posted there) when the group is chosen', async () => {
    const network = buildSmallNetwork();
    const states: ExploreState[] = [];
    const screen = await renderWithApp(<Harness network={network} onState={(s) => states.push(s)} />, {
      network,
      lang: 'en',
    });
    await screen.getByRole('combobox', { name: 'Country group' }).selectOptions('asean');
    // the BOI and the embassy are Thai; the two ambassadors follow the embassy of their post;
    // São Paulo drops out; Mie stays
    await expect.element(screen.getByTestId('count-entities')).toHaveTextContent('5');
    expect(states.at(-1)?.group).toBe('asean');
  });

  it('are named in Japanese for screen readers by default', async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(<Harness network={network} />, { network });
    await expect.element(screen.getByRole('checkbox', { name: '有効なつながりのみ' })).toBeVisible();
    await expect.element(screen.getByRole('group', { name: '種類' })).toBeVisible();
  });

  it('can be worked with the keyboard alone', async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(<Harness network={network} />, { network, lang: 'en' });
    const active = screen.getByRole('checkbox', { name: 'Active links only' });
    (active.element() as HTMLInputElement).focus();
    const { userEvent } = await import('vitest/browser');
    await userEvent.keyboard(' ');
    await expect.element(active).toBeChecked();
  });
});
