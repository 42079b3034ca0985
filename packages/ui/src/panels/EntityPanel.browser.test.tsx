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

  it('keeps an overdue follow-up that is not done, marked overdue, and drops it once done', async () => {
    const network = buildSmallNetwork();
    const visit = network.engagements({ entity: 'thai-embassy' })[0];
    if (!visit) throw new Error('the small network has a visit');
    network.updateEngagement(visit.id, {
      followUps: [
        { id: 'late', text: '商談結果を確認する', due: '2026-11-30' },
        { id: 'later', text: '資料を送る', due: '2026-12-20' },
      ],
    });
    const screen = await renderWithApp(
      <EntityPanel network={network} id="thai-embassy" onOpen={noop} onClose={noop} />,
      { network, now: () => new Date('2026-12-01T01:00:00Z') },
    );
    const late = screen.getByRole('listitem').filter({ hasText: '商談結果を確認する' });
    await expect.element(late).toHaveAttribute('data-overdue', 'true');
    expect(late.element().textContent).toMatch(/期限 2026-11-30\s*期限切れ/);
    const later = screen.getByRole('listitem').filter({ hasText: '資料を送る' });
    expect(later.element().textContent).not.toMatch(/期限切れ/);
    expect(later.element().hasAttribute('data-overdue')).toBe(false);
    network.updateEngagement(visit.id, {
      followUps: [
        { id: 'late', text: '商談結果を確認する', due: '2026-11-30', done: true },
        { id: 'later', text: '資料を送る', due: '2026-12-20' },
      ],
    });
    await screen.unmount();
    const after = await renderWithApp(
      <EntityPanel network={network} id="thai-embassy" onOpen={noop} onClose={noop} />,
      { network, now: () => new Date('2026-12-01T01:00:00Z') },
    );
    await expect.element(after.getByText(/資料を送る/)).toBeVisible();
    await expect.element(after.getByText(/商談結果を確認する/)).not.toBeInTheDocument();
  });

  it("lists the prefecture's anniversaries in the next twelve months", async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(
      <EntityPanel network={network} id="mie" onOpen={noop} onClose={noop} />,
      { network, lang: 'en', now: () => new Date('2023-04-01T00:00:00Z') },
    );
    const list = screen.getByTestId('anniversaries');
    await expect.element(list).toBeVisible();
    const text = list.element().textContent ?? '';
    expect(text).toContain('10th anniversary: MOU on industrial cooperation');
    expect(text).toContain('50th anniversary: Sister affiliation');
  });
});
