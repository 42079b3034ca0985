import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database/open-database.js';
import { freshPostgresUrl } from '../testing/databases.js';
import { testServer } from '../testing/test-server.js';

describe('serving the built UI', () => {
  it('serves its files at /, falls back to index.html for the app routes, and keeps /api errors as JSON', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'musubi-ui-'));
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Musubi</title>');
    writeFileSync(join(folder, 'assets', 'app.js'), 'console.log("musubi")');
    const db = await openDatabase({ url: await freshPostgresUrl() });
    const t = await testServer(db, { staticDir: folder });
    const app = t.server.app;
    const root = await app.inject({ url: '/' });
    expect([root.statusCode, root.body]).toEqual([200, '<!doctype html><title>Musubi</title>']);
    const script = await app.inject({ url: '/assets/app.js' });
    expect(script.headers['content-type']).toMatch(/javascript/);
    const route = await app.inject({ url: '/network/mie?view=map' });
    expect([route.statusCode, route.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    const api = await app.inject({ url: '/api/nothing' });
    expect([api.statusCode, api.json().error.code]).toEqual([404, 'NOT_FOUND']);
    // an /api route spelled with escapes is still an /api route: closed without a session
    for (const url of ['/%61pi/snapshot', '/%61pi/changes?after=0', '/api/%73napshot']) {
      const spelled = await app.inject({ url });
      expect([url, spelled.statusCode]).toEqual([url, 401]);
    }
    const push = await app.inject({
      method: 'POST',
      url: '/%61pi/changes',
      payload: { baseSeq: 0, changes: [] },
    });
    expect(push.statusCode).toBeGreaterThanOrEqual(400);
    await t.server.close();
    await db.close();
    rmSync(folder, { recursive: true, force: true });
  });
});
