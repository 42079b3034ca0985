import { useMemo, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { defaultExploreState } from '../app/explore-state.js';
import { useNetwork } from '../app/network-context.js';
import { visibleNetwork } from '../filters/visible.js';
import { renderWithApp } from '../testing/render-with-app.js';
import { buildSmallNetwork } from '../testing/small-network.js';
import { NetworkMap } from './NetworkMap.js';

function Harness({ initial }: { initial?: string } = {}) {
  const { network, version } = useNetwork();
  const [selected, setSelected] = useState<string | undefined>(initial);
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
        selected={selected}
        onSelect={() => {}}
      />
      <button type="button" onClick={() => setSelected(undefined)}>
        clear
      </button>
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

  it('lights the focus and its neighbours on a layer of their own over the dimmed map', async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(<Harness initial="mie" />, { network, lang: 'en' });
    const map = screen.getByTestId('network-map');
    await expect.element(map).toHaveAttribute('data-nodes', String(network.entities().length));
    const layer = (name: string) => map.element().querySelector<HTMLCanvasElement>(`canvas.sigma-${name}`);
    // the highlight's layer lies above sigma's labels, under its hovered node
    const highlight = layer('highlight');
    expect(highlight?.previousElementSibling).toBe(layer('labels'));
    expect(highlight?.nextElementSibling).toBe(layer('hovers'));
    await expect.poll(() => highlight?.dataset.focus).toBe('mie');
    for (const name of ['edges', 'nodes']) expect(layer(name)?.style.filter).toContain('grayscale');
    // the highlight's layer labels the focus' neighbourhood; sigma's labels wait under it
    expect(layer('labels')?.style.visibility).toBe('hidden');
    await screen.getByRole('button', { name: 'clear' }).click();
    await expect.poll(() => highlight?.dataset.focus).toBe('');
    for (const name of ['edges', 'nodes']) expect(layer(name)?.style.filter).toBe('');
    expect(layer('labels')?.style.visibility).toBe('');
  });
});
