import { describe, expect, it } from 'vitest';
import { Calls } from '../../testing/calls.js';
import { renderWithApp } from '../../testing/render-with-app.js';
import { buildSmallNetwork } from '../../testing/small-network.js';
import { RoleForm } from './RoleForm.js';

describe('the role form', () => {
  it('makes a new ambassador on the spot and ends the predecessor’s post, in one change', async () => {
    const network = buildSmallNetwork();
    const before = network.log().length;
    const messages = new Calls<string>();
    const screen = await renderWithApp(<RoleForm onDone={(n) => messages.record(n.message)} />, {
      network,
      lang: 'en',
    });
    const form = screen.getByRole('form', { name: 'Record a role' });
    await form.getByRole('button', { name: 'Record the role' }).click();
    await expect.element(form.getByText('Problems in the form: 2.', { exact: false })).toBeVisible();
    expect(network.log().length).toBe(before);

    await form.getByRole('combobox', { name: 'Person' }).fill('Ambassador C');
    await form.getByRole('button', { name: /Add as a new person: Ambassador C/ }).click();
    await expect.element(form.getByLabelText('Name (English)')).toHaveValue('Ambassador C');
    await form.getByRole('combobox', { name: /^Where/ }).fill('Royal Thai');
    // the embassy itself: its ambassador is listed too, found by and described with the post held there
    await form.getByRole('option', { name: /^Royal Thai Embassy in Japan · / }).click();
    await form.getByLabelText('Title (Japanese)').fill('特命全権大使');
    await form.getByLabelText('Title (English)').fill('Ambassador');
    await form.getByLabelText('In post from').fill('2026-10-01');
    await expect
      .element(form.getByLabelText(/End the predecessor’s post on that day: Ambassador B/))
      .toBeChecked();
    await form.getByRole('button', { name: 'Record the role' }).click();
    expect(await messages.nth(1)).toBe('Recorded: Ambassador C — Ambassador (Royal Thai Embassy in Japan)');
    expect(network.log().length).toBe(before + 1);
    const line = network.roles('thai-embassy');
    expect(line.find((r) => r.person === 'ambassador-b')?.to).toBe('2026-10-01');
    expect(line.filter((r) => r.to === undefined).map((r) => network.entity(r.person)?.name.en)).toEqual([
      'Ambassador C',
    ]);
  });

  it('ends a post held now, chosen from the person', async () => {
    const network = buildSmallNetwork();
    const messages = new Calls<string>();
    const screen = await renderWithApp(<RoleForm onDone={(n) => messages.record(n.message)} />, { network });
    await screen.getByRole('combobox', { name: '人物または所属先' }).fill('大使B');
    await screen.getByRole('option', { name: /大使B/ }).click();
    const form = screen.getByRole('form', { name: '出来事を記録' });
    await expect.element(form.getByLabelText('出来事')).toHaveValue('ended');
    await form.getByLabelText('日付').fill('2019-01');
    await form.getByRole('button', { name: '出来事を記録する' }).click();
    await expect.element(form.getByText('締結日（2019-04）より前の日付は入力できません')).toBeVisible();
    await form.getByLabelText('日付').fill('2026-03-31');
    await form.getByRole('button', { name: '出来事を記録する' }).click();
    expect(await messages.nth(1)).toBe('記録しました: 役職 — 駐日タイ王国大使館: 終了 2026-03-31');
    expect(network.roles('ambassador-b')[0]?.to).toBe('2026-03-31');
  });
});
