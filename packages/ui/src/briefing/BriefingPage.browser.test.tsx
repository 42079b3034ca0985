import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import { Calls } from '../testing/calls.js';
import { renderWithApp } from '../testing/render-with-app.js';
import { BriefingPage } from './BriefingPage.js';

/** The text of the sheet's section under a heading. */
function section(title: string): string {
  const heading = [...document.querySelectorAll('.briefing-section h3')].find((h) => h.textContent === title);
  return heading?.parentElement?.textContent ?? '';
}

/** Whether a loaded style sheet prints on A4 and hides the app's bars in print. */
function printsOnA4(): boolean {
  let a4 = false;
  let hides = false;
  for (const sheet of [...document.styleSheets]) {
    for (const rule of [...sheet.cssRules]) {
      if (!(rule instanceof CSSMediaRule) || !rule.conditionText.includes('print')) continue;
      for (const inner of [...rule.cssRules]) {
        if (inner instanceof CSSPageRule && /size:\s*a4/i.test(inner.cssText)) a4 = true;
        if (inner instanceof CSSStyleRule && inner.selectorText.includes('.topbar')) hides = true;
      }
    }
  }
  return a4 && hides;
}

describe('the briefing sheet', () => {
  it('briefs on the Thai embassy in Japanese: the ambassador now, the tie, past visits, open follow-ups', async () => {
    const network = buildMieNetwork();
    network.recordEngagement({
      type: 'courtesy-visit',
      title: { ja: '大使の知事表敬', en: "The Ambassador's call on the Governor" },
      date: '2026-11-20',
      participants: [
        { entity: 'governor', role: 'host' },
        { entity: 'ambassador-b', role: 'visitor' },
        { entity: 'thai-embassy', role: 'visitor' },
      ],
      followUps: [{ text: '礼状を送る', due: '2026-11-27' }],
    });
    const screen = await renderWithApp(
      <BriefingPage entity="thai-embassy" onChoose={() => {}} today="2026-12-01" />,
      { network, lang: 'ja' },
    );
    const sheet = screen.getByRole('article', { name: '駐日タイ王国大使館' });
    await expect.element(sheet).toBeVisible();
    expect(sheet.element().textContent).toContain('作成日: 2026年12月1日');
    expect(section('現在の役職')).toContain('特命全権大使: 大使B（例示）（着任 2018年10月1日）');
    expect(section('関係の経緯')).toContain('連携: 三重県');
    const past = section('これまでの活動');
    expect(past).toContain('2026年11月20日 表敬訪問: 大使の知事表敬');
    expect(past).toContain('知事（例示）（応対・受入）');
    expect(past.indexOf('2026年11月20日')).toBeLessThan(past.indexOf('2018年12月5日'));
    expect(section('未完了のフォローアップ')).toContain('礼状を送る（期限 2026年11月27日） 期限切れ');
    // illustrative records are said to be so
    expect(screen.getByRole('note').element().textContent).toContain('例示（架空）');
    await expect.element(screen.getByRole('button', { name: '印刷する（A4）' })).toBeVisible();
    expect(printsOnA4()).toBe(true);
  });

  it('reads in English, and offers the same brief as Markdown', async () => {
    const network = buildMieNetwork();
    const screen = await renderWithApp(
      <BriefingPage entity="thai-embassy" onChoose={() => {}} today="2026-12-01" />,
      { network, lang: 'en' },
    );
    await expect.element(screen.getByRole('article', { name: 'Royal Thai Embassy in Japan' })).toBeVisible();
    expect(section('Posts held now')).toContain(
      'Ambassador: Ambassador B (illustrative) (since 1 October 2018)',
    );
    expect(section('Past engagements')).toContain(
      '5 December 2018 Courtesy visit: Courtesy visit of the new Thai Ambassador',
    );
    const names = new Calls<string>();
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return create.call(URL, blob);
    };
    const onClick = (e: MouseEvent) => {
      const a = e.target as HTMLAnchorElement;
      if (a.download) {
        names.record(a.download);
        e.preventDefault();
      }
    };
    document.addEventListener('click', onClick, true);
    try {
      await screen.getByRole('button', { name: 'Save as Markdown (.md)' }).click();
      // the download's own click on its link is the signal that the file was made
      await names.nth(1);
    } finally {
      document.removeEventListener('click', onClick, true);
      URL.createObjectURL = create;
    }
    expect(names.values).toEqual(['briefing-thai-embassy-en.md']);
    expect(await blobs[0]?.text()).toContain('# Briefing: Royal Thai Embassy in Japan');
  });

  it('shows only the picker until an entity is chosen', async () => {
    const chosen: (string | undefined)[] = [];
    const screen = await renderWithApp(
      <BriefingPage entity={undefined} onChoose={(id) => chosen.push(id)} />,
      {
        network: buildMieNetwork(),
        lang: 'ja',
      },
    );
    await screen.getByRole('combobox', { name: '資料を作る相手' }).fill('タイ王国大使館');
    // the embassy itself: its ambassador is listed too, found by and described with the post held there
    await screen.getByRole('option', { name: /^駐日タイ王国大使館 · / }).click();
    expect(chosen).toEqual(['thai-embassy']);
    expect(document.querySelector('.briefing-sheet')).toBeNull();
  });
});
