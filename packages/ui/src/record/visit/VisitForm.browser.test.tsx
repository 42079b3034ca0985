import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../testing/render-with-app.js';
import { VisitForm } from './VisitForm.js';

describe('the visit form on the example network', () => {
  it('records a courtesy call on the Governor, with a follow-up, as staff would', async () => {
    const network = buildMieNetwork();
    const recorded: string[] = [];
    const screen = await renderWithApp(<VisitForm onRecorded={(id) => recorded.push(id)} />, {
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
    await expect.poll(() => hosts.element().textContent).toBe('三重県×知事（例示）×');
    await form.getByRole('button', { name: 'フォローアップを追加' }).click();
    await form.getByLabelText('フォローアップ 1 の内容').fill('知事あての礼状を送る');
    await form.getByLabelText('フォローアップ 1 の期限').fill('2026-11-30');
    await form.getByRole('button', { name: '記録する' }).click();

    await expect.poll(() => recorded.length).toBe(1);
    const call = network.engagement(recorded[0] ?? '');
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
});
