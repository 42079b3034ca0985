import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { Accounts } from '../accounts/accounts.js';
import type { Sessions } from '../accounts/sessions.js';
import type { SignInLimiter } from '../accounts/sign-in-limiter.js';
import type { Sequencer } from '../sequencer/sequencer.js';
import { type Access, authorize, type Caller, identify } from './caller.js';
import { errorAnswer, HttpError } from './errors.js';
import { parseJsonBody } from './json-body.js';
import { registerRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (default: admin, so that a route without one is closed). */
    access?: Access;
  }
  interface FastifyRequest {
    caller: Caller;
  }
}

/** What the routes work on. */
export interface ServerParts {
  readonly sequencer: Sequencer;
  readonly accounts: Accounts;
  readonly sessions: Sessions;
  readonly limiter: SignInLimiter;
}

export interface AppOptions {
  /** The largest request body in bytes (default 4 MiB). */
  bodyLimit?: number;
  /** A folder of static files to serve at `/` with an SPA fallback to its index.html (the built UI). */
  staticDir?: string;
  /** Fastify's logger (default off). */
  logger?: boolean;
  /** Trust X-Forwarded-* headers (behind a reverse proxy). Default false. */
  trustProxy?: boolean;
}

const auditedCodes = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED']);

/** Maps Fastify's own refusals (body, content type, schema) to the API's error codes. */
function fastifyRefusal(error: FastifyError): HttpError | undefined {
  if (error.validation) {
    const issue = error.validation[0] as { instancePath?: string; message?: string } | undefined;
    const path = (issue?.instancePath ?? '').split('/').filter((p) => p !== '');
    return new HttpError(
      'BAD_REQUEST',
      `the request's ${error.validationContext ?? 'input'} does not fit its schema: ${issue?.message ?? error.message}`,
      { path: [error.validationContext ?? 'body', ...path.map((p) => (/^\d+$/.test(p) ? Number(p) : p))] },
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError('PAYLOAD_TOO_LARGE', 'the request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    default:
      if ((error.statusCode ?? 500) < 500) return new HttpError('BAD_REQUEST', error.message);
      return undefined;
  }
}

/**
 * The HTTP API of the team server (Fastify): every request's body and query checked with zod
 * schemas, described as OpenAPI at `/api/openapi.json`; errors as `{ error: { code, message } }`.
 */
export async function buildApp(parts: ServerParts, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Musubi team server',
        description:
          'One network shared by an office: its change log, live stream, accounts (docs/team-server.md).',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'musubi_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.decorateRequest('caller', null as unknown as never);
  app.addHook('preHandler', async (request) => {
    // the UI's files and an unknown path (the not-found handler runs the hooks too) are for anyone
    // by the route's pattern, not the request's spelling: `/%61pi/snapshot` finds the /api route too
    const open = request.is404 || !(request.routeOptions.url ?? '').startsWith('/api/');
    const access = open ? 'anyone' : (request.routeOptions.config.access ?? 'admin');
    const caller = await identify(request, parts.accounts, parts.sessions);
    request.caller = caller;
    authorize(request, caller, access);
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const refusal = error instanceof HttpError ? error : (fastifyRefusal(error) ?? error);
    const { status, body } = errorAnswer(refusal);
    if (status === 500) request.log.error(error);
    if (auditedCodes.has(body.error.code)) await auditRefusal(parts.accounts, request, body.error.code);
    return reply.status(status).send(body);
  });

  await registerRoutes(app, parts);

  const staticDir = options.staticDir ? resolve(options.staticDir) : undefined;
  if (staticDir && existsSync(join(staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: staticDir, wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (staticDir && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    const { status, body } = errorAnswer(
      new HttpError('NOT_FOUND', `there is no ${request.method} ${request.url.split('?')[0]}`),
    );
    return reply.status(status).send(body);
  });
  return app;
}

async function auditRefusal(accounts: Accounts, request: FastifyRequest, code: string): Promise<void> {
  const caller = (request as { caller?: Caller }).caller;
  const username =
    caller?.kind === 'session'
      ? caller.user.username
      : caller?.kind === 'token'
        ? `token:${caller.name}`
        : null;
  try {
    await accounts.audit({
      kind: 'refused',
      username,
      ip: request.ip,
      detail: `${code} ${request.method} ${request.url.slice(0, 300)}`,
    });
  } catch {
    // the audit trail failing must not hide the refusal itself
  }
}
