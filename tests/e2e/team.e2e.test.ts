import type { BrowserContext, Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appSession, shots, shows, showsExactly } from './app.js';
import { seriousViolations } from './axe.js';
import { startTeamServer, type TeamEngine, type TeamServer } from './team-server.js';

const { fresh } = appSession();

const users = [
  { username: 'suzuki', displayName: '鈴木', password: 'suzuki-pass-2026', role: 'editor' },
  { username: 'tanaka', displayName: '田中', password: 'tanaka-pass-2026', role: 'editor' },
  { username: 'sato', displayName: '佐藤', password: 'sato-pass-2026', role: 'viewer' },
  { username: 'kanri', displayName: '管理者', password: 'kanri-pass-2026', role: 'admin' },
] as const;
type Username = (typeof users)[number]['username'];

/** The server of the describe block running (each engine has one of its own). */
let server: TeamServer;

/**
 * The scenarios, each run on PGlite; those marked `postgres` run on a real PostgreSQL too (a
 * throwaway cluster the file starts), so that the e2e time stays reasonable on a 2-core CI.
 */
const scenarios: { name: string; postgres: boolean; run: () => Promise<void> }[] = [];
function scenario(name: string, run: () => Promise<void>, on: { postgres?: boolean } = {}): void {
  scenarios.push({ name, postgres: on.postgres ?? false, run });
}

/** Opens the server's address in a fresh context and signs in as `username`. */
async function signedIn(
  username: Username,
  query = '',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const opened = await fresh();
  opened.context.setDefaultTimeout(90_000);
  const user = users.find((u) => u.username === username);
  if (!user) throw new Error(username);
  await opened.page.goto(`${server.url}${query}`);
  const form = opened.page.getByRole('form', { name: 'サインイン' });
  await form.getByLabel('ユーザー名').fill(user.username);
  await form.getByLabel('パスワード').fill(user.password);
  await form.getByRole('button', { name: 'サインイン' }).click();
  await opened.page.locator('.app').waitFor();
  await synced(opened.page);
  return opened;
}

const syncState = (page: Page) => page.locator('.sync-state').textContent();

/**
 * Waits until the header's sync state (its `data-sync`: `saved`, `pending`, `offline`, `conflict`)
 * is `status`, then checks the word it shows.
 */
async function syncIs(page: Page, status: string, word: string): Promise<void> {
  await page.locator(`.sync-state[data-sync="${status}"]`).waitFor();
  expect(await syncState(page)).toBe(word);
}

/** Waits until the header says every change is on the server. */
async function synced(page: Page, word = '保存済み'): Promise<void> {
  await syncIs(page, 'saved', word);
}

/** Edits the notes of `id` through the entity form (the panel's Edit button leads there). */
async function editNotes(page: Page, id: string, notes: string): Promise<void> {
  await page.goto(`${server.url}?view=record&edit=${id}`);
  const form = page.getByRole('form', { name: '相手先の編集' });
  await form.getByLabel('メモ').fill(notes);
  await form.getByRole('button', { name: '変更を保存する' }).click();
  await shows(page.locator('.edit-notice'), '更新しました');
}

const panelText = (page: Page) => page.locator('aside.panel').textContent();

/** Waits until the side panel shows `text`. */
const panelShows = (page: Page, text: string) => shows(page.locator('aside.panel'), text);

/** Stops the page's requests to the server's API (the server looks down to this browser). */
async function cutOff(context: BrowserContext): Promise<() => Promise<void>> {
  const block = (route: { abort: () => Promise<void> }) => route.abort();
  await context.route('**/api/**', block);
  return () => context.unroute('**/api/**', block);
}

/** A phone's screen (as the phone e2e tests use). */
const phone = { width: 390, height: 844 };

/** Checks that the page does not scroll sideways and that `box` is inside the screen's width. */
async function expectFits(page: Page, box: Locator): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  const bounds = await box.boundingBox();
  expect(bounds).not.toBeNull();
  expect(bounds?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((bounds?.x ?? 0) + (bounds?.width ?? 0)).toBeLessThanOrEqual(width);
}

scenario(
  'shows a colleague’s change on the panel and in the history without a reload, and leaves a form being filled in alone',
  async () => {
    const a = await signedIn('suzuki');
    const b = await signedIn('tanaka', '?view=world&entity=thai-boi');
    expect(await b.page.getByTestId('signed-in-user').textContent()).toBe('田中（編集者）');
    // tanaka is typing a visit when suzuki's change arrives
    await b.page.getByRole('button', { name: '来訪を記録' }).click();
    const dialog = b.page.getByRole('dialog', { name: '来訪を記録' });
    await dialog.getByLabel('目的・話題').fill('投資セミナーの打合せ');
    // no free-text 記録者 field on a team server: the signed-in user is the author
    expect(await dialog.getByLabel('記録者（あなたの名前）').count()).toBe(0);

    await editNotes(a.page, 'thai-boi', '次回は2027年2月に来県予定');
    const saved = Date.now();
    await panelShows(b.page, '次回は2027年2月に来県予定');
    const seen = Date.now() - saved;
    console.info(`a colleague's change reached the other browser's panel in ${seen} ms`);
    expect(await dialog.getByLabel('目的・話題').inputValue()).toBe('投資セミナーの打合せ');
    expect(await dialog.isVisible()).toBe(true);
    await b.page.screenshot({ path: `${shots}team-live-ja.png` });

    await b.page.keyboard.press('Escape');
    await b.page.getByRole('button', { name: '変更履歴' }).click();
    const change = b.page.getByRole('list', { name: '変更の一覧' }).getByRole('listitem').first();
    await shows(change, 'suzuki');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await a.context.close();
    await b.context.close();
  },
  { postgres: true },
);

scenario('moves the dashboard of a colleague live when a visit that counts is recorded', async () => {
  const a = await signedIn('suzuki');
  const b = await signedIn('tanaka', '?view=dashboard');
  const cell = b.page.locator('[data-indicator="ind-companies-supported"] [data-cell="actual-2019"]');
  await showsExactly(cell, '56社 例示 56');
  // a company that last went abroad in FY2013 comes to a business meeting in FY2019
  await a.page.getByRole('button', { name: '来訪を記録' }).click();
  const dialog = a.page.getByRole('dialog', { name: '来訪を記録' });
  await dialog.waitFor();
  await dialog.getByRole('combobox', { name: '来訪者（人・公館・団体）' }).fill('例示株式会社04');
  await dialog
    .getByRole('option', { name: /例示株式会社04/ })
    .first()
    .click();
  await dialog.getByLabel('日付').fill('2019-06-20');
  await dialog.getByLabel('種類').selectOption('business-meeting');
  await dialog.getByLabel('事業').selectOption({ label: '県内中小企業国際展開促進事業' });
  await dialog.getByRole('button', { name: '記録する' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await synced(a.page);
  const saved = Date.now();
  await showsExactly(cell, '57社 例示 57');
  console.info(`a colleague's visit reached the other browser's dashboard in ${Date.now() - saved} ms`);
  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
  await a.context.close();
  await b.context.close();
});

scenario(
  'keeps an edit made on a page opened while the server cannot be reached, across a reload, and sends it when it is back',
  async () => {
    const a = await signedIn('suzuki');
    const b = await signedIn('tanaka', '?view=world&entity=thai-embassy');
    const reconnect = await cutOff(a.context);
    // opened while cut off: the kept replica, and no CSRF token yet
    await editNotes(a.page, 'thai-embassy', '新任大使の着任は10月');
    await syncIs(a.page, 'offline', 'オフライン');
    await a.page.screenshot({ path: `${shots}team-offline-ja.png` });
    // closed and opened again while still cut off: the change is kept in this browser
    await a.page.reload();
    await a.page.locator('.app').waitFor();
    await syncIs(a.page, 'offline', 'オフライン');
    await a.page.goto(`${server.url}?view=world&entity=thai-embassy`);
    await panelShows(a.page, '新任大使の着任は10月');
    expect(await panelText(b.page)).not.toContain('新任大使の着任は10月');

    await reconnect();
    await synced(a.page);
    await panelShows(b.page, '新任大使の着任は10月');
    await a.context.close();
    await b.context.close();
  },
  { postgres: true },
);

scenario(
  'does not send an edit without its CSRF token: a page opened while cut off waits for the token',
  async () => {
    const a = await signedIn('suzuki');
    const b = await signedIn('tanaka', '?view=world&entity=thai-boi');
    const reconnect = await cutOff(a.context);
    await editNotes(a.page, 'thai-boi', 'トークンを待ってから送る');
    await syncIs(a.page, 'offline', 'オフライン');
    // the server is back, but this page cannot get its session's CSRF token yet
    let back = false;
    let asked = 0;
    let askedTwice: () => void = () => undefined;
    const twice = new Promise<void>((resolve) => {
      askedTwice = resolve;
    });
    const noToken = (route: Route) => {
      if (back && ++asked === 2) askedTwice();
      return route.abort();
    };
    await a.context.route('**/api/session', noToken);
    const refused: number[] = [];
    a.page.on('response', (response) => {
      if (response.url().endsWith('/api/changes') && response.status() >= 400)
        refused.push(response.status());
    });
    back = true;
    await reconnect();
    // the push asked for the token twice (it tried, failed, and tried again): nothing was refused
    await twice;
    expect(refused).toEqual([]);
    expect(await syncState(a.page)).not.toContain('競合');
    await a.context.unroute('**/api/session', noToken);
    await synced(a.page);
    await panelShows(b.page, 'トークンを待ってから送る');
    expect(refused).toEqual([]);
    await a.context.close();
    await b.context.close();
  },
);

scenario(
  'shows a refused edit with both versions, and applies mine again on the current record (a page opened while cut off)',
  async () => {
    const a = await signedIn('suzuki');
    const b = await signedIn('tanaka');
    const reconnect = await cutOff(b.context);
    await editNotes(b.page, 'jetro', '田中: 商談会は11月');
    await b.page.reload();
    await b.page.locator('.app').waitFor();
    await syncIs(b.page, 'offline', 'オフライン');
    await editNotes(a.page, 'jetro', '鈴木: 商談会は12月');
    await synced(a.page);
    await reconnect();
    await syncIs(b.page, 'conflict', '競合 1 件');
    await b.page.getByRole('button', { name: '競合 1 件' }).click();
    const dialog = b.page.getByRole('dialog', { name: '競合した変更' });
    const notes = dialog.getByRole('row').filter({ hasText: 'メモ' });
    expect(await notes.locator('td').allTextContents()).toEqual(['田中: 商談会は11月', '鈴木: 商談会は12月']);
    await b.page.screenshot({ path: `${shots}team-conflict-ja.png` });
    await dialog.getByRole('button', { name: '自分の変更を今の記録に適用する' }).click();
    await synced(b.page);
    await a.page.goto(`${server.url}?view=world&entity=jetro`);
    await panelShows(a.page, '田中: 商談会は11月');
    await a.context.close();
    await b.context.close();
  },
  { postgres: true },
);

scenario('shows a refused edit and drops mine when asked: the colleague’s version stays', async () => {
  const a = await signedIn('suzuki');
  const b = await signedIn('tanaka');
  const reconnect = await cutOff(b.context);
  await editNotes(b.page, 'jetro', 'tanaka: dropped');
  await editNotes(a.page, 'jetro', 'suzuki: kept');
  await synced(a.page);
  await reconnect();
  await syncIs(b.page, 'conflict', '競合 1 件');
  // the same in English, on a phone
  await b.page.setViewportSize(phone);
  await b.page.getByRole('button', { name: '英語に切り替える' }).click();
  await b.page.getByRole('button', { name: '1 conflicts' }).click();
  const dialog = b.page.getByRole('dialog', { name: 'Conflicting changes' });
  await dialog.waitFor();
  await expectFits(b.page, dialog);
  await b.page.screenshot({ path: `${shots}team-conflict-phone-en.png` });
  await dialog.getByRole('button', { name: 'Drop mine' }).click();
  await synced(b.page, 'Saved');
  await b.page.goto(`${server.url}?view=world&entity=jetro`);
  await panelShows(b.page, 'suzuki: kept');
  expect(await panelText(b.page)).not.toContain('tanaka: dropped');
  await a.context.close();
  await b.context.close();
});

scenario('undoes my own last change, and says so when a colleague changed the record since', async () => {
  const a = await signedIn('suzuki');
  const b = await signedIn('tanaka');
  await editNotes(a.page, 'thai-boi', '鈴木の下書き');
  await synced(a.page);
  await editNotes(b.page, 'thai-boi', '田中が書き直した');
  await synced(b.page);
  await a.page.goto(`${server.url}?view=world&entity=thai-boi`);
  await panelShows(a.page, '田中が書き直した');
  await a.page.getByRole('button', { name: '元に戻す' }).click();
  await shows(a.page.locator('.undo-redo [role=alert]'), 'tanaka');
  expect(await panelText(a.page)).toContain('田中が書き直した');
  // tanaka's own last change can be undone: it goes back to suzuki's version, as a new change
  await b.page.goto(`${server.url}?view=world&entity=thai-boi`);
  await b.page.getByRole('button', { name: '元に戻す' }).click();
  await synced(b.page);
  await panelShows(a.page, '鈴木の下書き');
  await a.context.close();
  await b.context.close();
});

scenario(
  'gives a viewer no write controls, and the server refuses a viewer’s write',
  async () => {
    const v = await signedIn('sato', '?view=world&entity=thai-boi');
    expect(await v.page.getByTestId('signed-in-user').textContent()).toBe('佐藤（閲覧者）');
    await panelShows(v.page, 'タイ投資委員会');
    expect(await v.page.getByRole('button', { name: '来訪を記録' }).count()).toBe(0);
    expect(await v.page.getByRole('button', { name: '記録', exact: true }).count()).toBe(0);
    expect(await v.page.getByRole('button', { name: '元に戻す' }).count()).toBe(0);
    expect(await v.page.locator('aside.panel .edit-open').count()).toBe(0);
    expect(await v.page.getByText('閲覧のみ').count()).toBe(1);
    await v.page.screenshot({ path: `${shots}team-viewer-ja.png` });
    // the server does not take it either, whatever the page sends
    const status = await v.page.evaluate(async () => {
      const session = await (await fetch('/api/session')).json();
      const snapshot = await (await fetch('/api/snapshot')).json();
      const before = snapshot.records.entity.find((e: { id: string }) => e.id === 'thai-boi');
      const change = {
        id: 'chg_01JF8Y4N8ZQ6W3V2T1S0R9P8Q7',
        operation: 'updateEntity',
        effects: [
          { type: 'update', collection: 'entity', before, after: { ...before, notes: '閲覧者の書き込み' } },
        ],
      };
      const response = await fetch('/api/changes', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ baseSeq: snapshot.seq, changes: [change] }),
      });
      return response.status;
    });
    expect(status).toBe(403);
    await v.context.close();
  },
  { postgres: true },
);

scenario('refuses a wrong password, shows an admin the users and the audit log, and signs out', async () => {
  const { context, page, errors } = await fresh();
  context.setDefaultTimeout(90_000);
  await page.goto(`${server.url}?lang=en`);
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('User name').fill('kanri');
  await form.getByLabel('Password').fill('not-the-password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await showsExactly(form.getByRole('alert'), 'Wrong user name or password.');
  await form.getByLabel('Password').fill('kanri-pass-2026');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Admin' }).click();
  const usersTable = page.getByRole('table', { name: 'Users and roles' });
  // the tables are shown once the server's answer is in, whole
  await usersTable.waitFor();
  expect(await usersTable.locator('tbody tr').count()).toBe(users.length);
  expect(await usersTable.locator('tr', { hasText: 'sato' }).textContent()).toContain('Viewer');
  const audit = page.getByRole('table', { name: 'Audit log (newest first)' });
  await audit.waitFor();
  expect(await audit.textContent()).toContain('kanri');
  await page.screenshot({ path: `${shots}team-admin-en.png`, fullPage: true });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('form', { name: 'Sign in' }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

scenario(
  'fits a phone, with no serious axe violation: the sign-in page and the admin tab, in Japanese',
  async () => {
    const { context, page, errors } = await fresh();
    context.setDefaultTimeout(90_000);
    await page.setViewportSize(phone);
    await page.goto(server.url);
    const form = page.getByRole('form', { name: 'サインイン' });
    await form.waitFor();
    await expectFits(page, form);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}team-sign-in-phone-ja.png` });
    await form.getByLabel('ユーザー名').fill('kanri');
    await form.getByLabel('パスワード').fill('kanri-pass-2026');
    await form.getByRole('button', { name: 'サインイン' }).click();
    await page.getByRole('button', { name: '管理' }).click();
    const usersTable = page.getByRole('table', { name: 'ユーザーと役割' });
    // the tables are shown once the server's answer is in, whole
    await usersTable.waitFor();
    expect(await usersTable.locator('tbody tr').count()).toBe(users.length);
    // the audit log says what happened in the user's language: the sign-in just made comes first
    const auditTable = page.getByRole('table', { name: '監査ログ（新しい順）' });
    await auditTable.waitFor();
    expect(await auditTable.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe(
      'サインイン',
    );
    await expectFits(page, page.locator('.admin-page'));
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}team-admin-phone-ja.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  },
);

scenario(
  'refuses a server at another origin with a page that leads to its own address, in Japanese and English',
  async () => {
    const { context, page, errors } = await fresh();
    // the UI served by vite preview, pointed at the team server (another port: another origin)
    await page.goto(`${inject('baseUrl')}?server=${encodeURIComponent(server.url)}`);
    const alert = page.getByRole('alert');
    await shows(alert, `${server.url} のチームサーバーを使えません`);
    const open = page.getByRole('link', { name: `${server.url} を開く` });
    expect(await open.getAttribute('href')).toBe(server.url);
    await page.getByRole('button', { name: '英語に切り替える' }).click();
    await shows(alert, `cannot use the team server at ${server.url}`);
    await page.screenshot({ path: `${shots}team-elsewhere-en.png` });
    // nothing was asked of the server, and nothing remembered: the next start works alone
    await page.goto(`${inject('baseUrl')}`);
    await page.locator('.app').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  },
);

for (const engine of ['PGlite', 'PostgreSQL'] as const satisfies readonly TeamEngine[]) {
  describe(`two staff on one team server on ${engine}, in Chromium`, { timeout: 300_000 }, () => {
    beforeAll(async () => {
      server = await startTeamServer(users, engine);
    }, 300_000);
    afterAll(async () => {
      await server?.close();
    });
    for (const { name, postgres, run } of scenarios) if (engine === 'PGlite' || postgres) it(name, run);
  });
}
