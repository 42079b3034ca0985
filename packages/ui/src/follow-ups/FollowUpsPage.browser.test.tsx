import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import { StartPage } from '../start/StartPage.js';
import { renderWithApp } from '../testing/render-with-app.js';
import { FollowUpsPage } from './FollowUpsPage.js';

/** The texts of the follow-ups listed in a group (`overdue`, `week`, `later`, `done`). */
function inGroup(group: string): string[] {
  return [...document.querySelectorAll(`[data-group="${group}"] .follow-up-item strong`)].map(
    (s) => s.textContent ?? '',
  );
}

/** The example network with a courtesy call on the Governor and its follow-up, due 2026-11-27. */
function withCall() {
  const network = buildMieNetwork();
  network.setAuthor('suzuki');
  network.recordEngagement({
    id: 'governor-call',
    type: 'courtesy-visit',
    title: { ja: 'タイ大使の知事表敬', en: "The Thai Ambassador's call on the Governor" },
    date: '2026-11-20',
    participants: [
      { entity: 'mie', role: 'host' },
      { entity: 'governor', role: 'host' },
      { entity: 'ambassador-b', role: 'visitor' },
      { entity: 'thai-embassy', role: 'visitor' },
    ],
    followUps: [{ id: 'thanks', text: '知事名で礼状を送る', due: '2026-11-27' }],
  });
  return network;
}

describe('the follow-up list', () => {
  it('finds the Governor call’s follow-up once it is overdue, with its engagement, partner and owner, and marks it done', async () => {
    const network = withCall();
    const screen = await renderWithApp(<FollowUpsPage onOpen={() => {}} />, {
      network,
      now: () => new Date('2026-12-01T03:00:00Z'),
    });
    await expect.element(screen.getByRole('heading', { name: 'フォローアップ一覧' })).toBeVisible();
    expect(inGroup('overdue')).toEqual(['知事名で礼状を送る']);
    const item = document.querySelector('[data-group="overdue"] .follow-up-item');
    expect(item?.textContent).toContain('タイ大使の知事表敬');
    expect(item?.textContent).toContain('大使B（例示）');
    expect(item?.textContent).toContain('suzuki');
    expect(item?.textContent).toContain('期限切れ');
    await screen.getByRole('button', { name: '「知事名で礼状を送る」を完了にする' }).click();
    await expect
      .element(screen.getByRole('list', { name: /^完了/ }))
      .toMatchTextContent('知事名で礼状を送る');
    expect(inGroup('overdue')).toEqual([]);
    expect(network.engagement('governor-call')?.followUps[0]?.done).toBe(true);
  });

  it('lists it under this week before it is due, and the ties’ anniversaries with it', async () => {
    const screen = await renderWithApp(<FollowUpsPage onOpen={() => {}} />, {
      network: withCall(),
      lang: 'en',
      now: () => new Date('2026-11-22T03:00:00Z'),
    });
    await expect.element(screen.getByRole('heading', { name: 'Follow-up list' })).toBeVisible();
    expect(inGroup('week')).toEqual(['知事名で礼状を送る']);
    const anniversaries = [...document.querySelectorAll('.follow-up-anniversary')].map(
      (a) => a.textContent ?? '',
    );
    expect(anniversaries.length).toBeGreaterThan(0);
    expect(anniversaries.every((a) => /anniversary|renewal/.test(a))).toBe(true);
  });

  it('says on the start page how many follow-ups are overdue, and opens the list', async () => {
    const views: string[] = [];
    const screen = await renderWithApp(
      <StartPage network={withCall()} onOpen={() => {}} onView={(v) => views.push(v)} />,
      { network: withCall(), now: () => new Date('2026-12-01T03:00:00Z') },
    );
    const status = screen.getByRole('status');
    await expect.element(status).toBeVisible();
    expect(status.element().textContent).toContain('期限切れのフォローアップが 1 件あります');
    await screen.getByRole('button', { name: 'フォローアップ一覧を開く' }).click();
    expect(views).toEqual(['follow-ups']);
  });
});
