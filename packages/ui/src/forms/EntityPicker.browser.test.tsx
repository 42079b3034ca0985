import { buildMieNetwork } from '@musubi/examples';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { renderWithApp } from '../testing/render-with-app.js';
import { EntityPicker } from './EntityPicker.js';

/** A picker in a form, with a field after it, as the forms use it. */
function PickerInForm({ onPick }: { onPick?: (id: string | undefined) => void }) {
  const [value, setValue] = useState<string | undefined>(undefined);
  return (
    <form aria-label="form">
      <EntityPicker
        label="相手"
        value={value}
        onChange={(id) => {
          setValue(id);
          onPick?.(id);
        }}
      />
      <label>
        次の欄
        <input />
      </label>
    </form>
  );
}

describe('the entity picker', () => {
  it('lists a person with the post they hold and where, so that namesakes are told apart', async () => {
    const screen = await renderWithApp(<PickerInForm />, { network: buildMieNetwork(), lang: 'ja' });
    await screen.getByRole('combobox', { name: '相手' }).fill('大使B');
    await expect
      .element(screen.getByRole('option', { name: /大使B（例示）/ }))
      .toHaveTextContent('大使B（例示） · 特命全権大使 · 駐日タイ王国大使館');
  });

  it('after a name is chosen with Enter, moves the focus on to the next field', async () => {
    const screen = await renderWithApp(<PickerInForm />, { network: buildMieNetwork(), lang: 'ja' });
    const input = screen.getByRole('combobox', { name: '相手' });
    await input.fill('大使B');
    await expect.element(screen.getByRole('option', { name: /大使B（例示）/ })).toBeVisible();
    await userEvent.keyboard('{Enter}');
    await expect.element(screen.getByRole('button', { name: '大使B（例示） を外す' })).toBeVisible();
    await expect.element(screen.getByLabelText('次の欄')).toHaveFocus();
  });

  it('adds an organisation it cannot find with a small form, as its own change, and picks it', async () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const picks: (string | undefined)[] = [];
    const screen = await renderWithApp(<PickerInForm onPick={(id) => picks.push(id)} />, {
      network,
      lang: 'ja',
    });
    await screen.getByRole('combobox', { name: '相手' }).fill('タイ工業連盟');
    await screen.getByRole('button', { name: '新しく登録する: タイ工業連盟' }).click();
    const create = screen.getByRole('group', { name: '見つからない相手を登録' });
    await expect.element(create.getByLabelText('新しい相手の名称（日本語）')).toHaveValue('タイ工業連盟');
    // a name in neither language is refused on the name field, and nothing is written
    await create.getByLabelText('新しい相手の名称（日本語）').fill('');
    await create.getByRole('button', { name: '人物として登録' }).click();
    await expect.element(create.getByText('日本語名か英語名（または両方）を入力してください')).toBeVisible();
    expect(network.log().length).toBe(before);

    await create.getByLabelText('種類').selectOptions('団体');
    await create.getByLabelText('新しい相手の名称（日本語）').fill('タイ工業連盟');
    await create.getByLabelText('新しい相手の名称（英語）').fill('Federation of Thai Industries');
    await create.getByLabelText('新しい相手の国').selectOptions('TH');
    await userEvent.keyboard('{Enter}');
    await expect.element(screen.getByRole('button', { name: 'タイ工業連盟 を外す' })).toBeVisible();
    const added = network.entity(picks.at(-1) ?? '');
    expect(added).toMatchObject({
      kind: 'organization',
      name: { ja: 'タイ工業連盟', en: 'Federation of Thai Industries' },
      country: 'TH',
    });
    expect(network.log().length).toBe(before + 1);
    expect(network.log().at(-1)?.label).toEqual({
      ja: '検索から相手先を登録',
      en: 'Add an entity from a search',
    });
    await expect.element(screen.getByLabelText('次の欄')).toHaveFocus();
  });
});
