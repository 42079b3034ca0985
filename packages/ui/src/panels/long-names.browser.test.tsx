import { describe, expect, it } from 'vitest';
import '../app/app.css';
import { renderWithApp } from '../testing/render-with-app.js';
import { buildSmallNetwork } from '../testing/small-network.js';
import { EntityPanel } from './EntityPanel.js';

const noop = () => {};
// the core accepts a name of 300 characters with no space to break at
const long = `${'Prefectural'.repeat(27)}End`.slice(0, 300);

for (const [size, width] of [
  ['desktop', 360],
  ['phone', 390],
] as const) {
  describe(`a long name in the entity panel (${size}, ${width} px)`, () => {
    it('wraps inside the panel, in the heading and in the list of links', async () => {
      const network = buildSmallNetwork();
      network.updateEntity('thai-boi', { name: { ja: 'タ'.repeat(300), en: long } });
      network.updateEntity('mie', { name: { ja: '三重県', en: `Mie${long.slice(3)}` } });
      const screen = await renderWithApp(
        <div style={{ display: 'flex', width, height: 700 }}>
          <EntityPanel network={network} id="thai-boi" onOpen={noop} onClose={noop} />
        </div>,
        { network, lang: 'en' },
      );
      const heading = screen.getByRole('heading', { level: 2 });
      await expect.element(heading).toBeVisible();
      const panel = heading.element().closest('aside');
      if (!panel) throw new Error('no panel');
      expect(panel.scrollWidth).toBeLessThanOrEqual(panel.clientWidth);
      const right = panel.getBoundingClientRect().right;
      for (const element of panel.querySelectorAll('h2, dd, li, button')) {
        expect(element.getBoundingClientRect().right, element.textContent?.slice(0, 20)).toBeLessThanOrEqual(
          right + 0.5,
        );
      }
      // the close button stays on screen beside the heading
      await expect.element(screen.getByRole('button', { name: 'Close' })).toBeVisible();
      expect(
        screen.getByRole('button', { name: 'Close' }).element().getBoundingClientRect().right,
      ).toBeLessThanOrEqual(right);
    });
  });
}
