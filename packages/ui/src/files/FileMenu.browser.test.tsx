import type { Change, Lang, Network } from '@musubi/core';
import { JSON_FORMAT_VERSION, networkToJson } from '@musubi/core/json';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { NetworkProvider, type Workspace } from '../app/network-context.js';
import { I18nProvider } from '../i18n/i18n.js';
import { Calls } from '../testing/calls.js';
import { buildSmallNetwork } from '../testing/small-network.js';
import { FileMenu } from './FileMenu.js';

/** The workspace around the network: it records what the menu asks of it (the app's real one needs IndexedDB). */
function recordingWorkspace() {
  const replaced = new Calls<readonly Change[]>();
  let resets = 0;
  const workspace: Workspace = {
    description: 'IndexedDB musubi-test',
    base: 0,
    replace: async (log) => {
      replaced.record(log);
    },
    resetToExample: async () => {
      resets++;
    },
  };
  return { workspace, replaced, resets: () => resets };
}

function renderMenu(network: Network, lang: Lang, workspace?: Workspace) {
  return render(
    <I18nProvider lang={lang}>
      <NetworkProvider network={network} {...(workspace ? { workspace } : {})}>
        <FileMenu />
      </NetworkProvider>
    </I18nProvider>,
  );
}

const csvFile = (name: string, text: string) => new File([text], name, { type: 'text/csv' });

describe('the File menu', () => {
  it('opens from the header button by keyboard, with names in Japanese, and closes with Escape', async () => {
    const screen = await renderMenu(buildSmallNetwork(), 'ja');
    const button = screen.getByRole('button', { name: 'ファイル' });
    await expect.element(button).toHaveAttribute('aria-expanded', 'false');
    await userEvent.tab();
    await expect.element(button).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'ファイル' });
    await expect.element(dialog).toBeVisible();
    await expect.element(button).toHaveAttribute('aria-expanded', 'true');
    await expect.element(dialog.getByRole('button', { name: 'ネットワークを保存（JSON）' })).toBeVisible();
    await expect.element(dialog.getByRole('button', { name: 'CSV: 組織・人' })).toBeVisible();
    await expect.element(dialog.getByRole('button', { name: '取り込むファイルを選ぶ…' })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();
    await expect.element(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows every bad CSV row with its line and column, writes nothing, then imports the good rows only when asked', async () => {
    const network = buildSmallNetwork();
    const before = network.log().length;
    const screen = await renderMenu(network, 'en');
    await screen.getByRole('button', { name: 'File' }).click();
    const dialog = screen.getByRole('dialog', { name: 'File' });
    const csv = [
      'id,kind,name_ja,name_en,country',
      'chiang-mai,region,チェンマイ県,Chiang Mai Province,TH',
      'atlantis,planet,アトランティス,Atlantis,TH',
      'kedah,region,クダ州,Kedah,ZZ',
    ].join('\r\n');
    await userEvent.upload(dialog.getByTestId('files-import-input'), csvFile('partners.csv', csv));

    const alert = dialog.getByRole('alert');
    await expect.element(alert).toMatchTextContent('Could not import partners.csv. Nothing was changed.');
    await expect.element(alert).toMatchTextContent('2 problem(s) in 2 row(s)');
    const problems = alert.getByRole('list', { name: 'Problems' }).getByRole('listitem');
    expect(problems.elements().map((li) => li.textContent)).toEqual([
      'Line 3, column kindUse one of: self, region, government, mission, organization, municipality, company, facility, person',
      'Line 4, column countryChoose a country',
    ]);
    expect(network.log().length).toBe(before);
    expect(network.entity('chiang-mai')).toBeUndefined();

    await dialog.getByRole('button', { name: 'Import the good rows only' }).click();
    await expect.element(dialog.getByText('Imported: entities: 1')).toBeVisible();
    await expect.element(dialog.getByText('Rows with problems, left out (2):')).toBeVisible();
    expect(network.entity('chiang-mai')?.name.en).toBe('Chiang Mai Province');
    expect(network.log().length).toBe(before + 1);
  });

  it('imports an office sheet in Japanese, listing the columns it did not read and the dates it read otherwise', async () => {
    const network = buildSmallNetwork();
    const screen = await renderMenu(network, 'ja');
    await screen.getByRole('button', { name: 'ファイル' }).click();
    const dialog = screen.getByRole('dialog', { name: 'ファイル' });
    const csv = '\uFEFFID,種別,名称(日本語),国名,開始\r\nnan,region,ナン県,TH,令和元年5月1日\r\n';
    await userEvent.upload(dialog.getByTestId('files-import-input'), csvFile('partners.csv', csv));
    const ignored = dialog
      .getByRole('list', { name: '知らない見出しの列は読んでいません:' })
      .getByRole('listitem');
    await expect.element(ignored.first()).toHaveTextContent('D 列「国名」（「国」のことですか）');
    const dates = dialog.getByRole('list', { name: '次の日付を読み替えました:' }).getByRole('listitem');
    await expect.element(dates.first()).toHaveTextContent('2 行目・「開始」列令和元年5月1日 → 2019-05-01');
    expect(network.entity('nan')?.since).toBe('2019-05-01');
  });

  it('refuses a CSV with a quote that never closes, naming its row in Japanese, writing nothing', async () => {
    const network = buildSmallNetwork();
    const before = network.log().length;
    const screen = await renderMenu(network, 'ja');
    await screen.getByRole('button', { name: 'ファイル' }).click();
    const dialog = screen.getByRole('dialog', { name: 'ファイル' });
    const csv = '種別,名称（日本語）,備考\r\nregion,甲県,"閉じない\r\nregion,乙県,\r\n';
    await userEvent.upload(dialog.getByTestId('files-import-input'), csvFile('partners.csv', csv));
    const alert = dialog.getByRole('alert');
    await expect.element(alert).toMatchTextContent('引用符');
    await expect.element(alert).toMatchTextContent('2 行目・「備考」列');
    await expect
      .element(dialog.getByRole('button', { name: '問題のない行だけ取り込む' }))
      .not.toBeInTheDocument();
    expect(network.log().length).toBe(before);
  });

  it('refuses a file with __proto__ keys and a newer format in the user’s language, writing nothing', async () => {
    const network = buildSmallNetwork();
    const before = network.log().length;
    const screen = await renderMenu(network, 'ja');
    await screen.getByRole('button', { name: 'ファイル' }).click();
    const input = screen.getByTestId('files-import-input');
    const proto =
      '{"format":"musubi","formatVersion":1,"kind":"log","changes":[{"__proto__":{"polluted":1}}]}';
    await userEvent.upload(input, new File([proto], 'proto.json', { type: 'application/json' }));
    await expect
      .element(screen.getByRole('alert'))
      .toMatchTextContent('安全のため使えないキー「__proto__」があります（changes[0].__proto__）');
    expect(({} as { polluted?: number }).polluted).toBeUndefined();

    const newer = `{"format":"musubi","formatVersion":${JSON_FORMAT_VERSION + 1},"kind":"log","changes":[]}`;
    await userEvent.upload(input, new File([newer], 'future.json'));
    await expect
      .element(screen.getByRole('alert'))
      .toMatchTextContent('新しい版の Musubi で書かれたファイルです');
    expect(network.log().length).toBe(before);
  });

  it('words an empty CSV, a broken GEXF and a JSON that is not Musubi from their codes, in English and Japanese', async () => {
    const network = buildSmallNetwork();
    const before = network.log().length;
    const en = await renderMenu(network, 'en');
    await en.getByRole('button', { name: 'File' }).click();
    const input = en.getByTestId('files-import-input');
    await userEvent.upload(input, csvFile('empty.csv', ''));
    await expect.element(en.getByRole('alert')).toMatchTextContent('The CSV file is empty');
    await userEvent.upload(input, new File(['<gexf><graph>'], 'broken.gexf'));
    await expect.element(en.getByRole('alert')).toMatchTextContent('The file is not readable as GEXF');
    await en.unmount();

    const ja = await renderMenu(network, 'ja');
    await ja.getByRole('button', { name: 'ファイル' }).click();
    await userEvent.upload(ja.getByTestId('files-import-input'), new File(['[1, 2]'], 'list.json'));
    await expect
      .element(ja.getByRole('alert'))
      .toMatchTextContent('Musubi のネットワークファイルではありません');
    await userEvent.upload(ja.getByTestId('files-import-input'), new File(['{"format":'], 'cut.json'));
    await expect
      .element(ja.getByRole('alert'))
      .toMatchTextContent('JSON として読めません（壊れているか、JSON ファイルではありません）');
    expect(network.log().length).toBe(before);
  });

  it('shows a hostile file name as text', async () => {
    const network = buildSmallNetwork();
    const screen = await renderMenu(network, 'en');
    await screen.getByRole('button', { name: 'File' }).click();
    const name = '<img src=x onerror="window.__pwned=1">.csv';
    await userEvent.upload(screen.getByTestId('files-import-input'), csvFile(name, 'name\nA\n'));
    await expect.element(screen.getByRole('alert')).toMatchTextContent(`Could not import ${name}.`);
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('asks before opening a network file in place of the current one, and replaces it only when confirmed', async () => {
    const network = buildSmallNetwork();
    const { workspace, replaced } = recordingWorkspace();
    const screen = await renderMenu(network, 'en', workspace);
    await screen.getByRole('button', { name: 'File' }).click();
    await expect.element(screen.getByText(/kept in this browser \(IndexedDB musubi-test\)/)).toBeVisible();

    const other = buildSmallNetwork();
    other.removeEngagement('visit-2019-06');
    const file = new File([networkToJson(other)], 'other.json', { type: 'application/json' });
    const input = screen.getByTestId('files-open-input');
    await userEvent.upload(input, file);
    const confirm = screen.getByRole('alertdialog', { name: 'Replace the current network?' });
    await expect.element(confirm).toMatchTextContent('Opening other.json (entities: 6, links: 5)');
    await expect.element(confirm.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(replaced.values).toHaveLength(0);

    await userEvent.upload(input, file);
    await screen
      .getByRole('alertdialog', { name: 'Replace the current network?' })
      .getByRole('button', { name: 'Replace without saving' })
      .click();
    expect(await replaced.nth(1)).toEqual(other.log());
    expect(replaced.values).toHaveLength(1);
  });

  it('refuses to open a file that is not a network, and asks for nothing', async () => {
    const { workspace, replaced } = recordingWorkspace();
    const screen = await renderMenu(buildSmallNetwork(), 'ja', workspace);
    await screen.getByRole('button', { name: 'ファイル' }).click();
    await userEvent.upload(
      screen.getByTestId('files-open-input'),
      csvFile('list.json', 'ID,種別\nx,region\n'),
    );
    await expect
      .element(screen.getByRole('alert'))
      .toMatchTextContent('「list.json」を開けませんでした。現在のネットワークはそのままです。');
    expect(screen.getByRole('alertdialog').elements()).toHaveLength(0);
    expect(replaced.values).toHaveLength(0);
  });
});
