import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../testing/render-with-app.js';
import { buildSmallNetwork } from '../testing/small-network.js';
import { HistoryPage } from './HistoryPage.js';

/** The rows of the first table of fields on the page, as [label, cells…]. */
function fieldRows(): string[][] {
  const table = document.querySelector('.history-fields');
  return [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''),
  );
}

describe('the history page', () => {
  it('shows each change as a person reads it, in Japanese, with no code names, JSON or English words', async () => {
    const network = buildSmallNetwork();
    network.addEntity({ id: 'thai-amb', kind: 'person', name: { ja: 'タイ大使' } });
    network.transaction(() => {
      network.updateEntity('thai-amb', { aliases: ['駐日タイ大使'], country: 'TH' });
    });
    network.undo();
    const screen = await renderWithApp(<HistoryPage onOpen={() => {}} />, { network, lang: 'ja' });
    const list = screen.getByRole('list', { name: '変更の一覧' });
    await expect.element(list).toBeVisible();
    const text = () => list.element().textContent ?? '';
    // the undo, then the transaction it undid, each in words
    const summaries = [...document.querySelectorAll('.history-change summary')].map(
      (s) => s.textContent ?? '',
    );
    expect(summaries[0]).toContain('取り消し');
    expect(summaries[1]).toContain('まとめて記録');
    // open the transaction: its update reads as fields and values in Japanese
    const second = document.querySelectorAll<HTMLElement>('.history-change summary')[1];
    // a summary's click opens its details at once (the HTML spec's activation behaviour)
    second?.click();
    expect(document.querySelectorAll('.history-change details[open]').length).toBe(1);
    const open = document.querySelector('.history-change details[open] .history-fields');
    const rows = [...(open?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''),
    );
    expect(rows).toEqual([
      ['別名', '—', '追加: 駐日タイ大使'],
      ['国・地域', '—', 'タイ'],
    ]);
    expect(text()).not.toMatch(/transaction|undo|aliases|country|\[\]|\["|TH\b/);
  });

  it('lists the fields of an addition', async () => {
    const network = buildSmallNetwork();
    network.addEntity({
      id: 'governor',
      kind: 'person',
      name: { ja: '知事', en: 'Governor' },
      country: 'JP',
    });
    await renderWithApp(<HistoryPage onOpen={() => {}} />, { network, lang: 'en' });
    document.querySelector<HTMLElement>('.history-change summary')?.click();
    expect(document.querySelectorAll('.history-change details[open]').length).toBe(1);
    expect(fieldRows()).toEqual([
      ['Kind', 'Person'],
      ['Name (Japanese)', '知事'],
      ['Name (English)', 'Governor'],
      ['Country', 'Japan'],
    ]);
  });
});

describe('the history page as changes land', () => {
  it('shows a new change at the top while open, narrowed by its author, with the new author in the list', async () => {
    const network = buildSmallNetwork();
    const before = network.changeCount;
    const screen = await renderWithApp(<HistoryPage onOpen={() => {}} />, { network, lang: 'en' });
    await expect.element(screen.getByRole('list', { name: 'Changes' })).toBeVisible();
    await expect.element(screen.getByText(`Showing ${Math.min(50, before)} of ${before}`)).toBeVisible();
    network.setAuthor('tanaka');
    network.addEntity({ id: 'governor', kind: 'person', name: { ja: '知事', en: 'Governor' } });
    await expect
      .element(screen.getByText(`Showing ${Math.min(50, before + 1)} of ${before + 1}`))
      .toBeVisible();
    await screen.getByRole('combobox', { name: /^Recorded by/ }).selectOptions('tanaka');
    await expect.element(screen.getByText('Showing 1 of 1')).toBeVisible();
    expect(document.querySelector('.history-change summary')?.textContent).toContain('Governor');
    network.undo();
    await expect.element(screen.getByText('Showing 2 of 2')).toBeVisible();
    expect(document.querySelector('.history-change summary')?.textContent).toContain('Undo');
  });
});
