import type { Network } from '@musubi/core';
import { addIndicator, addProgramme, figureFor, type Programme } from '@musubi/core/indicators';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../testing/render-with-app.js';
import { buildSmallNetwork } from '../../testing/small-network.js';
import { ActivityForms } from './ActivityForms.js';

function network(): Network {
  const n = buildSmallNetwork();
  addProgramme(n, {
    id: 'prg-sme',
    name: { ja: '県内中小企業国際展開促進事業', en: 'Programme for local SMEs going international' },
    basicProgramme: {
      code: '33102',
      name: { ja: '海外事業展開の推進', en: 'Promoting business expansion abroad' },
    },
    budgets: { '2018': 5644, '2019': 5076 },
  });
  addIndicator(n, {
    id: 'ind-companies',
    name: { ja: '海外事業展開に取り組む企業数（累計）', en: 'Local SMEs expanding abroad (cumulative)' },
    unit: '社',
    kind: 'activity',
    basicProgramme: '33102',
    measure: {
      aggregate: 'cumulative',
      since: 2016,
      count: 'distinct-entities',
      filter: { entityKinds: ['company'] },
    },
    baseline: { fiscalYear: 2015 },
    targets: { '2016': 15, '2017': 30 },
  });
  n.recordEngagement({
    id: 'eng-sme',
    type: 'business-meeting',
    title: { ja: '商談会', en: 'Business meeting' },
    date: '2019-07-01',
    participants: [{ entity: 'mie', role: 'host' }],
    programme: 'prg-sme',
  });
  return n;
}

describe('the budget and target forms', () => {
  it('changes a programme’s FY2019 budget, shows the year in both eras, and adds a year', async () => {
    const n = network();
    const screen = await renderWithApp(<ActivityForms onOpen={() => {}} />, { network: n });
    await screen.getByLabelText('編集する事業').selectOptions('prg-sme');
    const form = screen.getByRole('form', { name: '事業（主な事業）の追加・編集' });
    await expect.element(form.getByLabelText('事業名（日本語）')).toHaveValue('県内中小企業国際展開促進事業');
    await expect.element(form.getByLabelText('予算 2 の年度')).toHaveValue('2019');
    await expect.element(form.getByText('平成31年度／令和元年度')).toBeVisible();
    await form.getByLabelText('予算 2 の金額（千円）').fill('5,500');
    await form.getByRole('button', { name: '年度を追加' }).click();
    await expect.element(form.getByLabelText('予算 3 の年度')).toHaveValue('2020');
    await expect.element(form.getByText('令和2年度')).toBeVisible();
    await form.getByLabelText('予算 3 の金額（千円）').fill('６０００');
    await form.getByRole('button', { name: '事業の変更を保存' }).click();
    await expect
      .element(screen.getByRole('status'))
      .toMatchTextContent('事業を保存しました: 県内中小企業国際展開促進事業');
    expect(n.record<Programme>('programme', 'prg-sme')?.budgets).toEqual({
      '2018': 5644,
      '2019': 5500,
      '2020': 6000,
    });
  });

  it('shows budget errors by row and writes nothing', async () => {
    const n = network();
    const before = n.log().length;
    const screen = await renderWithApp(<ActivityForms onOpen={() => {}} />, { network: n, lang: 'en' });
    await screen.getByLabelText('Programme to change').selectOptions('prg-sme');
    const form = screen.getByRole('form', { name: 'Add or change a programme' });
    await form.getByLabelText('Budget 1: amount (thousand yen)').fill('-5');
    await form.getByLabelText('Budget 2: amount (thousand yen)').fill('lots');
    await form.getByRole('button', { name: 'Save the programme' }).click();
    await expect.element(form.getByText('Enter a number of 0 or more')).toBeVisible();
    await expect.element(form.getByText('Enter a number', { exact: true })).toBeVisible();
    await expect
      .element(form.getByLabelText('Budget 2: amount (thousand yen)'))
      .toHaveAttribute('aria-invalid', 'true');
    expect(n.log().length).toBe(before);
  });

  it('refuses to delete a programme that an engagement refers to, and says so', async () => {
    const n = network();
    const screen = await renderWithApp(<ActivityForms onOpen={() => {}} />, { network: n, lang: 'en' });
    await screen.getByLabelText('Programme to change').selectOptions('prg-sme');
    const form = screen.getByRole('form', { name: 'Add or change a programme' });
    await expect.element(form.getByText('Engagements under this programme: 1')).toBeVisible();
    await form.getByRole('button', { name: 'Delete this programme' }).click();
    await form.getByRole('alertdialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await expect
      .element(form.getByText(/Cannot delete: 1 record\(s\) refer to this programme \(Business meeting\)/))
      .toBeVisible();
    expect(n.record('programme', 'prg-sme')).toBeDefined();
  });

  it('sets a baseline value and a FY2018 target, and records then deletes a manual figure', async () => {
    const n = network();
    const screen = await renderWithApp(<ActivityForms onOpen={() => {}} />, { network: n });
    const targets = screen.getByRole('form', { name: '現状値と目標値（社）' });
    await expect.element(targets.getByLabelText('現状値の年度')).toHaveValue('2015');
    await targets.getByLabelText('現状値', { exact: true }).fill('8');
    await targets.getByRole('button', { name: '目標の年度を追加' }).click();
    await expect.element(targets.getByLabelText('目標 3 の年度')).toHaveValue('2018');
    await targets.getByLabelText('目標 3 の値').fill('47');
    await targets.getByRole('button', { name: '現状値と目標値を保存' }).click();
    await expect.element(screen.getByRole('status')).toMatchTextContent('目標値を保存しました');
    expect(n.record('indicator', 'ind-companies')).toMatchObject({
      baseline: { fiscalYear: 2015, value: 8 },
      targets: { '2016': 15, '2017': 30, '2018': 47 },
    });

    const manual = screen.getByRole('form', { name: '手入力の実績値（Musubi 導入前の年度）' });
    await manual.getByLabelText('実績値の年度').fill('2017');
    await manual.getByLabelText('実績値', { exact: true }).fill('abc');
    await manual.getByRole('button', { name: '実績値を記録' }).click();
    await expect.element(manual.getByText('数字で入力してください')).toBeVisible();
    expect(figureFor(n, 'ind-companies', 2017)).toBeUndefined();
    await manual.getByLabelText('実績値', { exact: true }).fill('35');
    await manual.getByLabelText('出典・メモ').fill('<img src=x onerror=alert(1)>');
    await manual.getByRole('button', { name: '実績値を記録' }).click();
    await expect.element(screen.getByRole('status')).toMatchTextContent('実績値を記録しました: 2017年度');
    expect(figureFor(n, 'ind-companies', 2017)?.value).toBe(35);
    const again = screen.getByRole('form', { name: '手入力の実績値（Musubi 導入前の年度）' });
    await expect.element(again.getByText(/2017年度: 35/)).toBeVisible();
    expect(document.querySelector('img[src="x"]')).toBeNull();
    await again.getByRole('button', { name: '2017年度 の実績値を削除' }).click();
    await expect.element(screen.getByRole('status')).toMatchTextContent('実績値を削除しました: 2017年度');
    expect(figureFor(n, 'ind-companies', 2017)).toBeUndefined();
  });

  it('adds a new indicator with its measure, then offers its targets', async () => {
    const n = network();
    const screen = await renderWithApp(<ActivityForms onOpen={() => {}} />, { network: n, lang: 'en' });
    await screen.getByLabelText('Indicator', { exact: true }).selectOptions('+new');
    const form = screen.getByRole('form', { name: 'New indicator' });
    await form.getByLabelText('Indicator name (English)').fill('Seminars per year');
    await form.getByRole('button', { name: 'Add the indicator' }).click();
    await expect.element(form.getByText('Required')).toBeVisible();
    await form.getByLabelText('Basic programme code (required for an activity indicator)').fill('33102');
    await form.getByLabelText('Total').selectOptions('per-year');
    await form.getByLabelText('Seminar').click();
    await form.getByLabelText('Programme for local SMEs going international').click();
    await form.getByRole('button', { name: 'Add the indicator' }).click();
    await expect.element(screen.getByRole('status')).toMatchTextContent('Indicator added: Seminars per year');
    const added = n
      .records<{ id: string; name: { en?: string }; measure: unknown }>('indicator')
      .find((i) => i.name.en === 'Seminars per year');
    expect(added?.measure).toEqual({
      aggregate: 'per-year',
      count: 'engagements',
      filter: { engagementTypes: ['seminar'], programmes: ['prg-sme'] },
    });
    await expect.element(screen.getByRole('form', { name: 'Baseline and targets (cases)' })).toBeVisible();
  });
});
