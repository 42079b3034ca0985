import { createNetwork } from '@musubi/core';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../testing/render-with-app.js';
import { buildSmallNetwork } from '../testing/small-network.js';
import { useNetwork } from './network-context.js';

/** Shows the network's version and how many times it was rendered with each; reads the whole log. */
function Versions({ renders }: { renders: number[] }) {
  const { network, version } = useNetwork();
  renders.push(version);
  // as the history does: the log's recently read changes are kept, the others made anew
  network.log();
  return <output data-testid="version">{version}</output>;
}

describe('the network store', () => {
  it('renders an unchanged network once, and again on each change', async () => {
    // opened from a log, as the app's network is: its log is kept compactly, and more changes
    // are read than the log keeps made
    const small = buildSmallNetwork();
    for (let i = 0; i < 300; i++) small.updateEntity('thai-boi', { notes: `note ${i}` });
    const network = createNetwork({ log: small.log() });
    const renders: number[] = [];
    const screen = await renderWithApp(<Versions renders={renders} />, { network });
    const version = screen.getByTestId('version');
    await expect.element(version).toHaveTextContent('0');
    // the log's last change is made anew on every read: the same network is not a changed one
    expect(new Set(renders)).toEqual(new Set([0]));
    network.updateEntity('thai-boi', { notes: 'a change' });
    await expect.element(version).toHaveTextContent('1');
    expect(renders.at(-1)).toBe(1);
  });
});
