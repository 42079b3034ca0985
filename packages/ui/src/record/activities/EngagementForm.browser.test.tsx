import type { Network } from '@musubi/core';
import { addProgramme } from '@musubi/core/indicators';
import { describe, expect, it } from 'vitest';
import type { Locator } from 'vitest/browser';
import { renderWithApp } from '../../testing/render-with-app.js';
import { buildSmallNetwork } from '../../testing/small-network.js';
import { ActivityForms } from './ActivityForms.js';

function network(): Network {
  const n = buildSmallNetwork();
  addProgramme(n, {
    id: 'prg-network',
    name: { ja: '国際ネットワーク強化推進事業', en: 'International network strengthening programme' },
    basicProgramme: { code: '33101', name: { ja: '国際交流の推進', en: 'Promoting international exchange' } },
    budgets: { '2018': 3753, '2019': 2970 },
  });
  return n;
}

async function choose(
  form: { getByRole: Locator['getByRole'] },
  label: string,
  text: string,
  option: string,
) {
  await form.getByRole('combobox', { name: label }).fill(text);
  await form
    .getByRole('option', { name: new RegExp(option) })
    .first()
    .click();
}

describe('the engagement form', () => {
  it('records a seminar with several participants, each with a role, under a programme', async () => {
    const n = network();
    const opened: string[] = [];
    const screen = await renderWithApp(<ActivityForms onOpen={(id) => opened.push(id)} />, {
      network: n,
      lang: 'en',
    });
    const form = screen.getByRole('form', { name: 'Record an engagement' });
    await expect.element(form).toBeVisible();
    // the prefecture is there as host by default
    await expect.element(form.getByText('Mie Prefecture')).toBeVisible();
    await form.getByLabelText('Type of engagement').selectOptions('seminar');
    await form.getByLabelText('Date (first day)').fill('2026-09-10');
    await form.getByLabelText('End date (when several days)').fill('2026-09-11');
    await form.getByLabelText('Title (English)').fill('Thai investment seminar');
    await choose(form, 'Participant 2', 'BOI', 'Thailand Board of Investment');
    await form.getByLabelText('Participant 2: role').selectOptions('organizer');
    await form.getByRole('button', { name: 'Add a participant' }).click();
    await choose(form, 'Participant 3', 'Ambassador B', 'Ambassador B');
    await form.getByLabelText('Participant 3: role').selectOptions('visitor');
    await form.getByLabelText('Programme').selectOptions('prg-network');
    await form.getByLabelText('Purpose and topics').fill('investment, food');
    await form.getByRole('button', { name: 'Add a follow-up' }).click();
    await form.getByLabelText('Follow-up 1: what to do').fill('Send the slides');
    await form.getByLabelText('Follow-up 1: due').fill('2026-09-30');
    await form.getByRole('button', { name: 'Record the engagement' }).click();

    await expect.element(screen.getByRole('status')).toMatchTextContent('Recorded: Thai investment seminar');
    const recorded = n.engagements({ type: 'seminar' });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      date: '2026-09-10',
      endDate: '2026-09-11',
      programme: 'prg-network',
      topics: ['investment', 'food'],
      participants: [
        { entity: 'mie', role: 'host' },
        { entity: 'thai-boi', role: 'organizer' },
        { entity: 'ambassador-b', role: 'visitor' },
      ],
    });
    // the form starts afresh, and the notice shows a participant on the map
    await expect.element(form.getByLabelText('Title (English)')).toHaveValue('');
    await screen.getByRole('button', { name: 'Show Thailand Board of Investment on the map' }).click();
    expect(opened).toEqual(['thai-boi']);
  });

  it('shows errors by field in Japanese and writes nothing', async () => {
    const n = network();
    const before = n.log().length;
    const screen = await renderWithApp(<ActivityForms onOpen={() => {}} />, { network: n });
    const form = screen.getByRole('form', { name: '活動を記録' });
    await form.getByLabelText('日付（開始日）').fill('2019-02-30');
    await form.getByLabelText('件名（日本語）').fill('<img src=x onerror=alert(1)>');
    await form.getByRole('button', { name: 'フォローアップを追加' }).click();
    await form.getByRole('button', { name: '活動を記録する' }).click();
    await expect.element(form.getByText('2019-02-30 は暦にない日付です')).toBeVisible();
    await expect.element(form.getByText('フォローアップの内容を入力してください')).toBeVisible();
    await expect.element(form.getByText(/何も記録されていません/)).toBeVisible();
    await expect.element(form.getByLabelText('日付（開始日）')).toHaveAttribute('aria-invalid', 'true');
    expect(n.log().length).toBe(before);
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('finds a recorded engagement by a participant, changes it, marks its follow-up done, and deletes it after confirming', async () => {
    const n = network();
    const screen = await renderWithApp(<ActivityForms onOpen={() => {}} />, { network: n, lang: 'en' });
    await screen.getByText('Find a recorded engagement to change or delete').click();
    await choose(screen, 'Find by participant', 'Ambassador B', 'Ambassador B');
    await screen.getByRole('button', { name: /^Edit: 2019-06-10 Courtesy visit/ }).click();
    const form = screen.getByRole('form', { name: 'Edit an engagement' });
    await expect
      .element(form.getByLabelText('Title (English)'))
      .toHaveValue("Thai Ambassador's courtesy visit");
    await form.getByLabelText('Follow-up 1 is done').click();
    await form.getByLabelText('Title (English)').fill('Courtesy visit of Ambassador B');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .element(screen.getByRole('status'))
      .toMatchTextContent('Saved: Courtesy visit of Ambassador B');
    expect(n.engagement('visit-2019-06')).toMatchObject({
      title: { en: 'Courtesy visit of Ambassador B' },
      followUps: [{ done: true }],
    });

    await screen.getByLabelText('Find by title').fill('of Ambassador');
    await screen.getByRole('button', { name: /^Edit: 2019-06-10/ }).click();
    await screen.getByRole('button', { name: 'Delete this engagement' }).click();
    const confirm = screen.getByRole('alertdialog');
    await expect.element(confirm).toBeVisible();
    expect(confirm.element().textContent).toContain('Delete “Courtesy visit of Ambassador B”?');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect
      .element(screen.getByRole('status'))
      .toMatchTextContent('Deleted: Courtesy visit of Ambassador B');
    expect(n.engagement('visit-2019-06')).toBeUndefined();
  });
});
