import { useMemo } from 'react';
import { describe, expect, it } from 'vitest';
import { defaultExploreState } from '../app/explore-state.js';
import { useNetwork } from '../app/network-context.js';
import { visibleNetwork } from '../filters/visible.js';
import { renderWithApp } from '../testing/render-with-app.js';
import { buildSmallNetwork } from '../testing/small-network.js';
import { NetworkMap } from './NetworkMap.js';

function Harness() {
  const { network, version } = useNetwork();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const visible = useMemo(
    () => visibleNetwork(network, defaultExploreState, '2026-01-01'),
    [network, version],
  );
  return (
    <div style={{ position: 'relative', width: 600, height: 400 }}>
      <NetworkMap
        network={network}
        version={version}
        visible={visible}
        sizeBy="degree"
        selected={undefined}
        onSelect={() => {}}
      />
    </div>
  );
}

describe('the network map', () => {
  it('keeps one renderer and updates its graph when the network changes', async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(<Harness />, { network, lang: 'en' });
    const map = screen.getByTestId('network-map');
    await expect.element(map).toHaveAttribute('data-nodes', String(network.entities().length));
    const canvases = [...map.element().querySelectorAll('canvas')];
    expect(canvases.length).toBeGreaterThan(0);
    network.addEntity({
      id: 'thai-fti',
      kind: 'organization',
      name: { en: 'Federation of Thai Industries' },
    });
    await expect.element(map).toHaveAttribute('data-nodes', String(network.entities().length));
    // the same canvases: sigma was not made anew
    expect([...map.element().querySelectorAll('canvas')]).toEqual(canvases);
    expect(canvases.every((c) => c.isConnected)).toBe(true);
  });
});
