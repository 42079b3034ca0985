import { createNetwork } from '@musubi/core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../accounts/roles.js';
import { databaseFor, engines } from '../testing/databases.js';
import { PASSWORD, proposalOf, type TestServer, testServer } from '../testing/test-server.js';

type Access = 'anyone' | 'signed-in' | Role;
type Headers = Record<string, string>;

interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  access: Access;
  /** A valid body (made fresh for each call). */
  body?: (t: TestServer, n: number) => Promise<unknown> | unknown;
  url2?: (t: TestServer) => Promise<string>;
}

let made = 0;
const endpoints: Endpoint[] = [
  { method: 'GET', url: '/api/health', access: 'anyone' },
  { method: 'GET', url: '/api/openapi.json', access: 'anyone' },
  { method: 'GET', url: '/api/session', access: 'signed-in' },
  { method: 'GET', url: '/api/changes?after=0', access: 'viewer' },
  { method: 'GET', url: '/api/snapshot', access: 'viewer' },
  {
    method: 'POST',
    url: '/api/changes',
    access: 'editor',
    body: () => {
      const network = createNetwork();
      network.addEntity({ id: `org-${++made}`, kind: 'organization', name: { en: 'JETRO' } });
      return { baseSeq: 0, changes: network.log().map(proposalOf) };
    },
  },
  { method: 'GET', url: '/api/users', access: 'admin' },
  {
    method: 'POST',
    url: '/api/users',
    access: 'admin',
    body: (_t, n) => ({
      username: `new-${process.pid}-${n}-${++made}`,
      password: 'a long password',
      role: 'viewer',
    }),
  },
  { method: 'GET', url: '/api/audit', access: 'admin' },
  { method: 'GET', url: '/api/tokens', access: 'admin' },
  {
    method: 'POST',
    url: '/api/tokens',
    access: 'admin',
    body: () => ({ name: 'report tool', scope: 'read' }),
  },
  {
    method: 'DELETE',
    url: '/api/tokens/:id',
    access: 'admin',
    url2: async (t) =>
      `/api/tokens/${(await t.server.accounts.createToken({ name: 'to revoke', scope: 'read' })).info.id}`,
  },
  // the stream is refused before it starts; an allowed caller's stream is tested on its own
  { method: 'DELETE', url: '/api/session', access: 'signed-in' },
];

const rank: Record<Access, number> = { anyone: 0, 'signed-in': 1, viewer: 1, editor: 2, admin: 3 };

for (const engine of engines) {
  const database = databaseFor(engine);

  describe(`the authorisation matrix on ${engine.name}`, () => {
    it('answers every endpoint for anonymous, viewer, editor, admin, read and write tokens, a revoked token, an expired session and a disabled account', async () => {
      const t = await testServer(await database(), { sessionIdleMs: 60 * 60_000 });
      const session = async (username: string): Promise<Headers> => {
        const s = await t.signIn(username);
        return { cookie: s.cookie, 'x-csrf-token': s.csrfToken };
      };
      const revoked = await t.server.accounts.createToken({ name: 'old tool', scope: 'write' });
      await t.server.accounts.revokeToken(revoked.info.id);
      const expired = await session(t.users.admin);
      t.clock.advance(2 * 60 * 60_000); // the admin's first session is now idle past its limit
      const disabledName = `disabled-${process.pid}-${made++}`;
      await t.server.accounts.addUser({ username: disabledName, password: PASSWORD, role: 'admin' });
      const disabled = await session(disabledName);
      await t.server.accounts.setDisabled(disabledName, true);

      // level: the role rank the caller acts with; -1 nobody, -2 refused as unauthenticated everywhere
      const callers: [string, Headers, number][] = [
        ['anonymous', {}, -1],
        ['viewer', await session(t.users.viewer), 1],
        ['editor', await session(t.users.editor), 2],
        ['admin', await session(t.users.admin), 3],
        ['read token', { authorization: `Bearer ${t.tokens.read}` }, 1],
        ['write token', { authorization: `Bearer ${t.tokens.write}` }, 2],
        ['revoked token', { authorization: `Bearer ${revoked.token}` }, -2],
        ['expired session', expired, -1],
        ['disabled account', disabled, -1],
      ];
      const table: string[] = [];
      const expected: string[] = [];
      let n = 0;
      for (const endpoint of endpoints) {
        for (const [name, headers, level] of callers) {
          const url = endpoint.url2 ? await endpoint.url2(t) : endpoint.url;
          const body = endpoint.body ? await endpoint.body(t, n++) : undefined;
          const response = await t.server.app.inject({
            method: endpoint.method,
            url,
            headers,
            ...(body === undefined ? {} : { payload: body as object }),
          });
          table.push(`${endpoint.method} ${endpoint.url} as ${name}: ${response.statusCode}`);
          let status = 200;
          if (level === -2) status = 401;
          else if (endpoint.access !== 'anyone' && level < 0) status = 401;
          else if (endpoint.access === 'signed-in' && endpoint.method === 'GET' && name.includes('token'))
            status = 401;
          else if (rank[endpoint.access] > Math.max(level, 0) && endpoint.access !== 'signed-in')
            status = 403;
          expected.push(`${endpoint.method} ${endpoint.url} as ${name}: ${status}`);
        }
      }
      expect(table).toEqual(expected);
      for (const [name, headers, level] of callers.filter(([, , level]) => level < 0)) {
        const response = await t.server.app.inject({ url: '/api/events?after=0', headers });
        expect([name, level, response.statusCode]).toEqual([name, level, 401]);
      }
      await t.server.close();
    });
  });
}
