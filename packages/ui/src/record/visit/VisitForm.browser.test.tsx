import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { Calls } from '../../testing/calls.js';
import { renderWithApp } from '../../testing/render-with-app.js';
import { VisitForm } from './VisitForm.js';

describe('the visit form on the example network', () => {
  it('records a courtesy call on the Governor, with a follow-up, as staff would', async () => {
    const network = buildMieNetwork();
    const recorded = new Calls<string>();
    const screen = await renderWithApp(<VisitForm onRecorded={recorded.record} />, {
      network,
      lang: 'ja',
    });
    const form = screen.getByRole('form', { name: '来訪を記録' });
    await form.getByRole('combobox', { name: '来訪者（人・公館・団体）' }).fill('大使B');
    await form.getByRole('option', { name: /大使B（例示）/ }).click();
    await form.getByLabelText('日付', { exact: true }).fill('2026-11-20');
    // the Governor is found by the post's name and received the call with the prefecture
    await form.getByRole('combobox', { name: '応対者を追加' }).fill('知事');
    await form.getByRole('option', { name: /知事（例示）/ }).click();
    const hosts = form.getByRole('list', { name: '応対者' });
    await expect.element(hosts).toHaveTextContent('三重県×知事（例示）×');
    await form.getByRole('button', { name: 'フォローアップを追加' }).click();
    await form.getByLabelText('フォローアップ 1 の内容').fill('知事あての礼状を送る');
    await form.getByLabelText('フォローアップ 1 の期限').fill('2026-11-30');
    await form.getByRole('button', { name: '記録する' }).click();

    const call = network.engagement(await recorded.nth(1));
    expect(call?.type).toBe('courtesy-visit');
    expect(call?.participants).toEqual(
      expect.arrayContaining([
        { entity: 'mie', role: 'host' },
        { entity: 'governor', role: 'host' },
        { entity: 'ambassador-b', role: 'visitor' },
      ]),
    );
    expect(call?.followUps.map((f) => [f.text, f.due])).toEqual([['知事あての礼状を送る', '2026-11-30']]);
  });

  it('guides: each error under its own field, the focus on the first, errors following the fields', async () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const screen = await renderWithApp(<VisitForm onRecorded={() => {}} />, { network, lang: 'ja' });
    const form = screen.getByRole('form', { name: '来訪を記録' });
    const visitor = form.getByRole('combobox', { name: '来訪者（人・公館・団体）' });
    const date = form.getByLabelText('日付', { exact: true });
    await date.fill('2026-02-30');
    await form.getByRole('button', { name: '記録する' }).click();

    // a missing visitor is said under the visitor, not under the title made from it
    await expect.element(visitor).toHaveAttribute('aria-invalid', 'true');
    await expect.element(visitor).toHaveAccessibleDescription('来訪者を選ぶか、新しく登録してください');
    await expect.element(form.getByLabelText('件名（英語）')).not.toHaveAttribute('aria-invalid');
    await expect.element(date).toHaveAccessibleDescription('2026-02-30 は暦にない日付です');
    await expect.element(visitor).toHaveFocus();
    expect(network.log().length).toBe(before);

    // from now on each message follows its field: fixed, it goes; broken, it comes
    await date.fill('2026-11-20');
    await expect.element(date).not.toHaveAttribute('aria-invalid');
    await visitor.fill('大使B');
    await expect.element(form.getByRole('option', { name: /大使B（例示）/ })).toBeVisible();
    await userEvent.keyboard('{Enter}');
    await expect.element(form.getByText('入力内容に', { exact: false })).not.toBeInTheDocument();
    // the chosen name is a chip now: the focus went on to the next field, not to the page
    await expect.element(form.getByRole('checkbox', { name: /所属先も来訪者として記録する/ })).toHaveFocus();
    await date.fill('2026-13');
    await expect.element(date).toHaveAccessibleDescription('13 月はありません');
    expect(network.log().length).toBe(before);
  });
});
