import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { Calls } from '../../testing/calls.js';
import { renderWithApp } from '../../testing/render-with-app.js';
import { buildSmallNetwork } from '../../testing/small-network.js';
import { EntityForms } from './EntityForms.js';
import { LinkEventForm } from './LinkEventForm.js';

describe('the entity form', () => {
  it('shows every problem on its field in Japanese and writes nothing, then adds the entity and starts afresh', async () => {
    const network = buildSmallNetwork();
    const before = network.log().length;
    const opened: string[] = [];
    const screen = await renderWithApp(<EntityForms onOpen={(id) => opened.push(id)} />, { network });
    const form = screen.getByRole('form', { name: '新しい相手先' });
    await form.getByLabelText('緯度（任意）').fill('34.7');
    await form.getByLabelText('設立・開設（任意）').fill('2019-02-30');
    await form.getByLabelText('ID（任意）').fill('thai-boi');
    await form.getByRole('button', { name: '登録する' }).click();
    await expect
      .element(form.getByText('入力内容に 4 件の問題があります。何も記録されていません。'))
      .toBeVisible();
    await expect.element(form.getByText('日本語名か英語名（または両方）を入力してください')).toBeVisible();
    await expect.element(form.getByText('緯度と経度の両方を入力してください')).toBeVisible();
    await expect.element(form.getByText('2019-02-30 は暦にない日付です')).toBeVisible();
    await expect.element(form.getByText('この ID はすでに使われています')).toBeVisible();
    await expect.element(form.getByLabelText('設立・開設（任意）')).toHaveAttribute('aria-invalid', 'true');
    expect(network.log().length).toBe(before);

    await form.getByLabelText('種類').selectOptions('region');
    await form.getByLabelText('名前（日本語）').fill('<img src=x onerror=alert(1)>');
    await form.getByLabelText('名前（英語）').fill('Lombardy');
    await form.getByLabelText('国').selectOptions('IT');
    await form.getByLabelText('経度（任意）').fill('9.19');
    await form.getByLabelText('設立・開設（任意）').fill('1970');
    await form.getByLabelText('ID（任意）').fill('lombardy');
    await form.getByRole('button', { name: '登録する' }).click();
    await expect
      .element(screen.getByRole('status'))
      .toMatchTextContent(/登録しました: <img src=x onerror=alert\(1\)>/);
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(network.entity('lombardy')).toMatchObject({
      country: 'IT',
      coordinates: { lat: 34.7, lng: 9.19 },
    });
    // the form is empty again
    await expect
      .element(screen.getByRole('form', { name: '新しい相手先' }).getByLabelText('名前（英語）'))
      .toHaveValue('');
    await screen.getByRole('button', { name: 'ネットワーク図で見る' }).click();
    expect(opened).toEqual(['lombardy']);
  });

  it('edits a recorded entity found by name, in English', async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(<EntityForms onOpen={() => {}} />, { network, lang: 'en' });
    await screen.getByRole('radio', { name: 'Edit or remove a recorded entity' }).click();
    await screen.getByRole('combobox', { name: 'Entity to edit' }).fill('BOI');
    await screen.getByRole('option', { name: /Thailand Board of Investment/ }).click();
    const form = screen.getByRole('form', { name: 'Edit the entity' });
    await expect.element(form.getByLabelText('Name (English)')).toHaveValue('Thailand Board of Investment');
    await form.getByLabelText('Name (English)').fill('');
    await form.getByLabelText('Name (Japanese)').fill('');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.element(form.getByText('Enter a Japanese or an English name (or both)')).toBeVisible();
    await form.getByLabelText('Name (English)').fill('Board of Investment of Thailand');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .element(screen.getByRole('status'))
      .toMatchTextContent(/Saved: Board of Investment of Thailand/);
    expect(network.entity('thai-boi')?.name).toEqual({ en: 'Board of Investment of Thailand' });
  });

  it('names the links and engagements that keep an entity from being removed, and removes them all only when asked', async () => {
    const network = buildSmallNetwork();
    const before = network.log().length;
    const screen = await renderWithApp(<EntityForms onOpen={() => {}} />, { network, lang: 'en' });
    await screen.getByRole('radio', { name: 'Edit or remove a recorded entity' }).click();
    await screen.getByRole('combobox', { name: 'Entity to edit' }).fill('Royal Thai');
    // the embassy itself: its ambassador is listed too, found by and described with the post held there
    await screen.getByRole('option', { name: /^Royal Thai Embassy in Japan · / }).click();
    await screen.getByRole('button', { name: /Remove “Royal Thai Embassy in Japan”/ }).click();
    await screen.getByRole('button', { name: 'Remove', exact: true }).click();
    const refs = screen.getByTestId('removal-references');
    await expect.element(refs).toBeVisible();
    const items = [...refs.element().querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual(
      expect.arrayContaining([
        'Link: Partner — Mie Prefecture (removed too)',
        'Link: Role — Ambassador A (illustrative) (removed too)',
        "Engagement: 2019-06-10 Thai Ambassador's courtesy visit (it leaves the participants)",
      ]),
    );
    expect(network.log().length).toBe(before);
    await screen.getByRole('button', { name: 'Remove it with the 4 records above' }).click();
    await expect
      .element(screen.getByRole('status'))
      .toMatchTextContent(/Removed: Royal Thai Embassy in Japan/);
    expect(network.entity('thai-embassy')).toBeUndefined();
    expect(network.log().length).toBe(before + 1);
  });
});

describe('the link-event form', () => {
  it('refuses a revision before the signing on the date field, then records it', async () => {
    const network = buildSmallNetwork();
    const before = network.log().length;
    const done = new Calls<string>();
    const screen = await renderWithApp(
      <LinkEventForm linkId="mie-boi-mou" from="thai-boi" onDone={(n) => done.record(n.message)} />,
      { network },
    );
    const form = screen.getByRole('form', { name: '出来事を記録' });
    await expect.element(form.getByLabelText('出来事')).toHaveValue('revised');
    await form.getByLabelText('日付').fill('2012-01');
    await form.getByRole('button', { name: '出来事を記録する' }).click();
    await expect.element(form.getByText('締結日（2013-11）より前の日付は入力できません')).toBeVisible();
    await expect.element(form.getByLabelText('日付')).toHaveAttribute('aria-invalid', 'true');
    expect(network.log().length).toBe(before);
    await form.getByLabelText('日付').fill('2024-03');
    await form.getByLabelText('内容（任意）').fill('EV parts added');
    await form.getByRole('button', { name: '出来事を記録する' }).click();
    expect(await done.nth(1)).toBe('記録しました: 覚書（MOU） — 三重県: 改定 2024-03');
    expect(done.values).toHaveLength(1);
    expect(network.link('mie-boi-mou')?.events.at(-1)).toMatchObject({
      type: 'revised',
      date: '2024-03',
      note: 'EV parts added',
    });
  });

  it('is reached from an entity and one of its links, with the keyboard', async () => {
    const network = buildSmallNetwork();
    const screen = await renderWithApp(<EntityForms onOpen={() => {}} />, { network, lang: 'en' });
    await screen.getByRole('button', { name: 'Link events and edits' }).click();
    const entity = screen.getByRole('combobox', { name: 'Entity', exact: true });
    await entity.fill('タイ投資');
    await userEvent.keyboard('{Enter}');
    // the BOI has one link: it is chosen at once
    await expect
      .element(screen.getByRole('combobox', { name: 'Link', exact: true }))
      .toHaveDisplayValue(/MOU — Mie Prefecture/);
    const form = screen.getByRole('form', { name: 'Add an event' });
    await form.getByLabelText('Event').selectOptions('suspended');
    await form.getByLabelText('Date').fill('2025');
    await form.getByRole('button', { name: 'Add the event' }).click();
    await expect
      .element(screen.getByRole('status'))
      .toMatchTextContent('Recorded: MOU — Mie Prefecture: Suspended 2025');
    expect(network.link('mie-boi-mou')?.events.map((e) => e.type)).toEqual([
      'signed',
      'revised',
      'suspended',
    ]);
  });
});
