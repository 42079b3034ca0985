import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../testing/render-with-app.js';
import { buildSmallNetwork } from '../testing/small-network.js';
import { EntityPanel } from './EntityPanel.js';

const noop = () => {};

describe('the entity panel', () => {
  it('shows the MOU of the Thailand BOI with its signing and its revision of July 2018', async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(
      <EntityPanel network={network} id="thai-boi" onOpen={noop} onClose={noop} />,
      {
        network,
        lang: 'en',
      },
    );
    await expect.element(screen.getByRole('heading', { name: 'Thailand Board of Investment' })).toBeVisible();
    const timeline = screen.getByRole('list').getByRole('listitem').getByRole('list');
    await expect.element(timeline).toBeVisible();
    expect(timeline.element().textContent).toMatch(/2013-11 Signed\s*2018-07 Revised/);
    await expect.element(screen.getByText('Thailand', { exact: true })).toBeVisible();
  });

  it('shows hostile notes as text, never as markup', async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(
      <EntityPanel network={network} id="thai-boi" onOpen={noop} onClose={noop} />,
      {
        network,
      },
    );
    const notes = screen.getByTestId('panel-notes');
    await expect.element(notes).toHaveTextContent('<img src=x onerror="window.__pwned=1"> notes are text');
    expect(notes.element().querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('lists the ambassadors of an embassy in order with their time in post and their visits', async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(
      <EntityPanel network={network} id="thai-embassy" onOpen={noop} onClose={noop} />,
      { network },
    );
    const roles = screen.getByTestId('panel-roles');
    await expect.element(roles).toBeVisible();
    const items = [...roles.element().querySelectorAll(':scope > li')].map((li) => li.textContent ?? '');
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('大使A（例示）');
    expect(items[0]).toContain('2016-10-01 – 2019-03-31');
    expect(items[0]).toContain('訪問の記録なし');
    expect(items[1]).toContain('大使B（例示）');
    expect(items[1]).toContain('現在');
    expect(items[1]).toContain('2019-06-10');
  });

  it('shows the follow-ups still to do and calls back when a linked entity is chosen', async () => {
    const network = buildSmallNetwork();
    const opened: string[] = [];
    const screen = await renderWithApp(
      <EntityPanel network={network} id="thai-embassy" onOpen={(id) => opened.push(id)} onClose={noop} />,
      { network, lang: 'en' },
    );
    await expect.element(screen.getByText(/Send a letter of thanks/)).toBeVisible();
    await screen.getByRole('button', { name: 'Mie Prefecture' }).click();
    expect(opened).toEqual(['mie']);
  });

  it("lists the prefecture's anniversaries in the next twelve months", async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(
      <EntityPanel network={network} id="mie" onOpen={noop} onClose={noop} today="2023-04-01" />,
      { network, lang: 'en' },
    );
    const list = screen.getByTestId('anniversaries');
    await expect.element(list).toBeVisible();
    const text = list.element().textContent ?? '';
    expect(text).toContain('10th anniversary: MOU on industrial cooperation');
    expect(text).toContain('50th anniversary: Sister affiliation');
  });
});
