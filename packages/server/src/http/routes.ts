import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles, tokenScopes } from '../accounts/roles.js';
import type { ServerParts } from './app.js';
import { authorOf, SESSION_COOKIE } from './caller.js';
import { HttpError } from './errors.js';
import { streamEvents } from './events.js';

const ProposedChangeSchema = z
  .object({
    id: z.string().min(1).max(128),
    operation: z.string().min(1).max(100),
    // `{ ja, en }`; one string from clients made before labels were bilingual
    label: z
      .union([
        z.string().max(500),
        z.object({ ja: z.string().max(500).optional(), en: z.string().max(500).optional() }).strict(),
      ])
      .optional(),
    undoes: z.string().max(128).optional(),
    redoes: z.string().max(128).optional(),
    effects: z.array(z.looseObject({})).max(10_000),
  })
  .describe('a change made by a client; any seq, recordedAt or author it carries is ignored');

const PushSchema = z.object({
  baseSeq: z.number().int().min(0).describe('the seq of the log the changes were made on'),
  changes: z.array(ProposedChangeSchema).min(1).max(1000),
});

const SignInSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
const seqParam = z.coerce.number().int().min(0);

/** The routes of docs/team-server.md. */
export async function registerRoutes(root: FastifyInstance, parts: ServerParts): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { sequencer, accounts, sessions, limiter } = parts;

  app.get('/api/openapi.json', { config: { access: 'anyone' }, schema: { hide: true } }, async () =>
    root.swagger(),
  );

  app.get(
    '/api/health',
    { config: { access: 'anyone' }, schema: { summary: 'Whether the server is up, and the seq of its log' } },
    async () => ({ ok: true, seq: sequencer.head }),
  );

  app.post(
    '/api/session',
    {
      config: { access: 'anyone' },
      schema: { summary: 'Sign in (sets the session cookie)', body: SignInSchema },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      if (limiter.blocked(username, request.ip)) {
        await accounts.audit({ kind: 'sign-in-limited', username, ip: request.ip });
        throw new HttpError('RATE_LIMITED', 'too many failed sign-ins; wait a few minutes');
      }
      const user = await accounts.checkPassword(username, password);
      if (!user) {
        limiter.failed(username, request.ip);
        await accounts.audit({ kind: 'sign-in-failed', username, ip: request.ip });
        throw new HttpError('UNAUTHENTICATED', 'the username or the password is wrong');
      }
      limiter.succeeded(username);
      const session = await sessions.open(user.username);
      await accounts.audit({ kind: 'sign-in', username: user.username, ip: request.ip });
      reply.setCookie(SESSION_COOKIE, session.id, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: request.protocol === 'https',
      });
      return { user, csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/api/session',
    { config: { access: 'signed-in' }, schema: { summary: 'The signed-in user and the CSRF token' } },
    async (request) => {
      const caller = request.caller;
      if (caller.kind !== 'session') throw new HttpError('UNAUTHENTICATED', 'this needs a browser session');
      return { user: caller.user, csrfToken: caller.csrfToken };
    },
  );

  app.delete(
    '/api/session',
    { config: { access: 'signed-in' }, schema: { summary: 'Sign out (revokes the session)' } },
    async (request, reply) => {
      const caller = request.caller;
      if (caller.kind === 'session') {
        await sessions.revoke(caller.sessionId);
        await accounts.audit({ kind: 'sign-out', username: caller.user.username, ip: request.ip });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/changes',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'The changes after a seq, oldest first (paged)',
        querystring: z.object({
          after: seqParam.default(0),
          limit: z.coerce.number().int().min(1).max(5000).default(1000),
        }),
      },
    },
    async (request) => ({
      changes: sequencer.changesAfter(request.query.after, request.query.limit),
      head: sequencer.head,
    }),
  );

  app.get(
    '/api/snapshot',
    { config: { access: 'viewer' }, schema: { summary: 'The current records after change `seq`' } },
    async () => sequencer.snapshot(),
  );

  app.get(
    '/api/events',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Server-Sent Events: every change after `after` (or Last-Event-ID), then live',
        querystring: z.object({ after: seqParam.optional() }),
      },
    },
    async (request, reply) => {
      const lastEventId = request.headers['last-event-id'];
      const resumed =
        typeof lastEventId === 'string' && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : undefined;
      streamEvents(request, reply, sequencer, resumed ?? request.query.after ?? 0);
    },
  );

  app.post(
    '/api/changes',
    {
      config: { access: 'editor' },
      schema: { summary: 'Push changes; each lands whole or not at all, in order', body: PushSchema },
    },
    async (request) => {
      const result = await sequencer.push(request.body.changes as never, authorOf(request.caller));
      if (result.error) throw result.error;
      return { accepted: result.accepted };
    },
  );

  app.get('/api/users', { config: { access: 'admin' }, schema: { summary: 'The accounts' } }, async () => ({
    users: (await accounts.listUsers()).map(({ username, displayName, role, disabled, createdAt }) => ({
      username,
      displayName,
      role,
      disabled,
      createdAt,
    })),
  }));

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Add an account',
        body: z.object({
          username: z.string(),
          password: z.string(),
          role: z.enum(roles),
          displayName: z.string().optional(),
        }),
      },
    },
    async (request) => ({ user: await accounts.addUser(request.body) }),
  );

  app.get(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'The audit trail, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(10_000).default(100) }),
      },
    },
    async (request) => ({ events: await accounts.auditEvents(request.query.limit) }),
  );

  app.get(
    '/api/tokens',
    { config: { access: 'admin' }, schema: { summary: 'The API tokens' } },
    async () => ({
      tokens: await accounts.listTokens(),
    }),
  );

  app.post(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Make an API token (its secret is shown once)',
        body: z.object({ name: z.string(), scope: z.enum(tokenScopes) }),
      },
    },
    async (request) => accounts.createToken({ ...request.body, createdBy: authorOf(request.caller) }),
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: 'admin' },
      schema: { summary: 'Revoke an API token', params: z.object({ id: z.string().max(64) }) },
    },
    async (request) => {
      await accounts.revokeToken(request.params.id);
      return { ok: true };
    },
  );
}
