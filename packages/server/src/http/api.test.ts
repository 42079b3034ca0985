import { type Change, createNetwork } from '@musubi/core';
import { describe, expect, it } from 'vitest';
import { databaseFor, engines } from '../testing/databases.js';
import { PASSWORD, proposalOf, type TestServer, testServer } from '../testing/test-server.js';

/** A replica of the server's log: writes made on it become the changes to push. */
async function replicaOf(t: TestServer, bearer: string) {
  const pulled = await t.server.app.inject({
    method: 'GET',
    url: '/api/changes?after=0',
    headers: { authorization: `Bearer ${bearer}` },
  });
  const network = createNetwork({ author: 'replica', log: pulled.json().changes });
  const base = network.log().length;
  return {
    network,
    base,
    made: () => network.log().slice(base),
  };
}

async function push(t: TestServer, changes: readonly Change[], bearer = t.tokens.write, baseSeq = 0) {
  return t.server.app.inject({
    method: 'POST',
    url: '/api/changes',
    headers: { authorization: `Bearer ${bearer}` },
    payload: { baseSeq, changes: changes.map(proposalOf) },
  });
}

for (const engine of engines) {
  const database = databaseFor(engine);

  describe(`the team server's API on ${engine.name}`, () => {
    it('lands changes to different records, refuses a stale update with CONFLICT naming it, stores a retried push once, and ignores a forged author', async () => {
      const t = await testServer(await database());
      const a = await replicaOf(t, t.tokens.write);
      a.network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
      a.network.addEntity({ id: 'sp', kind: 'region', name: { en: 'São Paulo' }, country: 'BR' });
      const first = await push(t, a.made());
      expect(first.statusCode).toBe(200);
      expect(first.json().accepted.map((c: Change) => c.seq)).toEqual([1, 2]);

      const b = await replicaOf(t, t.tokens.write);
      const c = await replicaOf(t, t.tokens.write);
      b.network.updateEntity('mie', { notes: 'from B' });
      c.network.updateEntity('sp', { notes: 'from C' });
      expect((await push(t, b.made(), t.tokens.write, 2)).statusCode).toBe(200);
      expect((await push(t, c.made(), t.tokens.write, 2)).statusCode).toBe(200);

      // D made its change on seq 2; B changed that record since
      const d = await replicaOf(t, t.tokens.write);
      const stale = createNetwork({ log: d.network.log().slice(0, 2) });
      stale.addEntity({ id: 'th', kind: 'government', name: { en: 'Thailand' } });
      stale.updateEntity('mie', { notes: 'from D' });
      const conflict = await push(t, stale.log().slice(2), t.tokens.write, 2);
      expect(conflict.statusCode).toBe(409);
      const error = conflict.json().error;
      expect(error).toMatchObject({ code: 'CONFLICT', details: { collection: 'entity', id: 'mie' } });
      expect(error.details.current.notes).toBe('from B');
      expect(error.details.accepted.map((x: Change) => x.id)).toEqual([stale.log()[2]?.id]);

      // the reply was lost: the same push again is stored once
      const again = await push(t, [stale.log()[2] as Change], t.tokens.write, 2);
      expect(again.statusCode).toBe(200);
      expect(again.json().accepted[0].seq).toBe(5);
      expect(t.server.sequencer.head).toBe(5);

      // a forged author is ignored: the signed-in user's name is recorded
      const e = await replicaOf(t, t.tokens.write);
      e.network.updateEntity('th', { notes: 'x' });
      const session = await t.signIn(t.users.editor);
      const forged = await t.server.app.inject({
        method: 'POST',
        url: '/api/changes',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: {
          baseSeq: 5,
          changes: e.made().map((ch) => ({ ...proposalOf(ch), author: 'the-mayor', seq: 1 })),
        },
      });
      expect(forged.statusCode).toBe(200);
      expect(forged.json().accepted[0]).toMatchObject({ author: t.users.editor, seq: 6 });
      const log = await t.server.app.inject({
        method: 'GET',
        url: '/api/changes?after=4&limit=1',
        headers: { authorization: `Bearer ${t.tokens.read}` },
      });
      expect(log.json()).toMatchObject({ head: 6, changes: [{ seq: 5 }] });
      await t.server.close();
    });

    it('answers health, the snapshot and the OpenAPI description', async () => {
      const t = await testServer(await database());
      const a = await replicaOf(t, t.tokens.write);
      a.network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
      await push(t, a.made());
      expect((await t.server.app.inject({ url: '/api/health' })).json()).toEqual({ ok: true, seq: 1 });
      const snapshot = await t.server.app.inject({
        url: '/api/snapshot',
        headers: { authorization: `Bearer ${t.tokens.read}` },
      });
      expect(snapshot.json()).toMatchObject({ seq: 1, records: { entity: [{ id: 'mie' }] } });
      const openapi = (await t.server.app.inject({ url: '/api/openapi.json' })).json();
      expect(openapi.openapi).toMatch(/^3\./);
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining([
          '/api/changes',
          '/api/events',
          '/api/session',
          '/api/snapshot',
          '/api/tokens/{id}',
        ]),
      );
      expect(openapi.paths['/api/changes'].post.requestBody).toBeDefined();
      await t.server.close();
    });

    it('signs in, expires an idle session, signs out, and limits failed sign-ins (all in the audit trail)', async () => {
      const t = await testServer(await database(), { sessionIdleMs: 60_000 });
      const session = await t.signIn(t.users.viewer);
      const me = await t.server.app.inject({ url: '/api/session', headers: { cookie: session.cookie } });
      expect(me.json()).toMatchObject({ user: { username: t.users.viewer, role: 'viewer' } });
      t.clock.advance(61_000);
      expect(
        (await t.server.app.inject({ url: '/api/session', headers: { cookie: session.cookie } })).statusCode,
      ).toBe(401);

      const other = await t.signIn(t.users.viewer);
      const out = await t.server.app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: { cookie: other.cookie, 'x-csrf-token': other.csrfToken },
      });
      expect(out.statusCode).toBe(200);
      expect(
        (await t.server.app.inject({ url: '/api/session', headers: { cookie: other.cookie } })).statusCode,
      ).toBe(401);

      const attempt = (password: string) =>
        t.server.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username: t.users.editor, password },
        });
      for (let i = 0; i < 5; i++) expect((await attempt('wrong password')).statusCode).toBe(401);
      const limited = await attempt(PASSWORD);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      t.clock.advance(16 * 60_000);
      expect((await attempt(PASSWORD)).statusCode).toBe(200);

      const admin = await t.signIn(t.users.admin);
      const audit = await t.server.app.inject({
        url: '/api/audit?limit=50',
        headers: { cookie: admin.cookie },
      });
      const kinds = audit.json().events.map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['sign-in', 'sign-in-failed', 'sign-in-limited', 'sign-out', 'refused']),
      );
      await t.server.close();
    });

    it('refuses a cookie request without its CSRF token or from a foreign origin', async () => {
      const t = await testServer(await database());
      const session = await t.signIn(t.users.editor);
      const a = await replicaOf(t, t.tokens.write);
      a.network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
      const payload = { baseSeq: 0, changes: a.made().map(proposalOf) };
      const without = await t.server.app.inject({
        method: 'POST',
        url: '/api/changes',
        headers: { cookie: session.cookie },
        payload,
      });
      expect(without.statusCode).toBe(403);
      // a client can tell this refusal from the others: it asks for the token again
      expect(without.json().error.details).toMatchObject({ header: 'x-csrf-token' });
      const foreign = await t.server.app.inject({
        method: 'POST',
        url: '/api/changes',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          origin: 'https://evil.example',
        },
        payload,
      });
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().error.code).toBe('FORBIDDEN');
      const wrongToken = await t.server.app.inject({
        method: 'POST',
        url: '/api/changes',
        headers: { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(43) },
        payload,
      });
      expect(wrongToken.statusCode).toBe(403);
      expect(wrongToken.json().error.details).toMatchObject({ header: 'x-csrf-token' });
      expect(t.server.sequencer.head).toBe(0);
      const good = await t.server.app.inject({
        method: 'POST',
        url: '/api/changes',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          origin: 'http://localhost:80',
          host: 'localhost:80',
        },
        payload,
      });
      expect(good.statusCode).toBe(200);
      await t.server.close();
    });

    it('gives typed errors for oversize, malformed, mistyped and hostile bodies, and changes nothing', async () => {
      const t = await testServer(await database(), { bodyLimit: 64 * 1024 });
      const auth = { authorization: `Bearer ${t.tokens.write}` };
      const post = (payload: string, contentType = 'application/json') =>
        t.server.app.inject({
          method: 'POST',
          url: '/api/changes',
          headers: { ...auth, 'content-type': contentType },
          payload,
        });
      const a = await replicaOf(t, t.tokens.write);
      a.network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
      const good = JSON.stringify({ baseSeq: 0, changes: a.made().map(proposalOf) });
      const cases: [string, string, number, string][] = [
        [
          'oversize',
          JSON.stringify({ baseSeq: 0, changes: [], pad: 'x'.repeat(70 * 1024) }),
          413,
          'PAYLOAD_TOO_LARGE',
        ],
        ['malformed', '{"baseSeq": 0, "changes": [', 400, 'BAD_REQUEST'],
        ['__proto__', good.replace('"kind"', '"__proto__":{"polluted":true},"kind"'), 400, 'BAD_REQUEST'],
        ['constructor', good.replace('"kind"', '"constructor":{"x":1},"kind"'), 400, 'BAD_REQUEST'],
        ['lone surrogate', good.replace('三重県', '\\ud800'), 400, 'BAD_REQUEST'],
        ['schema', JSON.stringify({ baseSeq: -1, changes: [] }), 400, 'BAD_REQUEST'],
        ['bad record', good.replace('"self"', '"planet"'), 422, 'VALIDATION'],
      ];
      for (const [what, body, status, code] of cases) {
        const response = await post(body);
        expect([what, response.statusCode, response.json().error?.code]).toEqual([what, status, code]);
      }
      const mistyped = await post(good, 'text/plain');
      expect([mistyped.statusCode, mistyped.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const form = await post('baseSeq=0', 'application/x-www-form-urlencoded');
      expect(form.statusCode).toBe(415);
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      expect(t.server.sequencer.head).toBe(0);

      // SQL-looking text is only text
      const sql = "Robert'); DROP TABLE changes;-- 三重";
      const b = await replicaOf(t, t.tokens.write);
      b.network.addEntity({ id: 'bobby', kind: 'company', name: { en: sql } });
      expect((await push(t, b.made())).statusCode).toBe(200);
      const snapshot = await t.server.app.inject({ url: '/api/snapshot', headers: auth });
      expect(snapshot.json().records.entity[0].name.en).toBe(sql);
      const unknown = await t.server.app.inject({ url: '/api/nothing-here', headers: auth });
      expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'NOT_FOUND']);
      await t.server.close();
    });
  });
}
