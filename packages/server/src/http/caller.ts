import type { FastifyRequest } from 'fastify';
import type { Accounts } from '../accounts/accounts.js';
import { type Role, roleAtLeast, type User } from '../accounts/roles.js';
import { sameSecret } from '../accounts/secrets.js';
import type { Sessions } from '../accounts/sessions.js';
import { HttpError } from './errors.js';

export const SESSION_COOKIE = 'musubi_session';

/** Who made a request: a browser session, an API token, or nobody. */
export type Caller =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'session'; readonly user: User; readonly sessionId: string; readonly csrfToken: string }
  | { readonly kind: 'token'; readonly tokenId: string; readonly name: string; readonly role: Role };

/** Who may call a route: anyone, anyone signed in, or a role and those above it. */
export type Access = 'anyone' | 'signed-in' | Role;

/** The role a caller acts with (undefined for nobody). */
export function roleOf(caller: Caller): Role | undefined {
  if (caller.kind === 'session') return caller.user.role;
  if (caller.kind === 'token') return caller.role;
  return undefined;
}

/** The author recorded on the changes a caller pushes: the user's name, or `token:<name>`. */
export function authorOf(caller: Caller): string {
  if (caller.kind === 'session') return caller.user.username;
  if (caller.kind === 'token') return `token:${caller.name}`;
  return 'anonymous';
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Finds the caller of a request: a bearer token (refused when unknown), else the session cookie. */
export async function identify(
  request: FastifyRequest,
  accounts: Accounts,
  sessions: Sessions,
): Promise<Caller> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,200})$/.exec(header);
    const token = match ? await accounts.tokenFor(match[1] as string) : undefined;
    if (!token) throw new HttpError('UNAUTHENTICATED', 'the API token is unknown or revoked');
    return {
      kind: 'token',
      tokenId: token.id,
      name: token.name,
      role: token.scope === 'write' ? 'editor' : 'viewer',
    };
  }
  const id = request.cookies[SESSION_COOKIE];
  if (id !== undefined && id.length > 0 && id.length <= 100) {
    const session = await sessions.find(id);
    if (session) return { kind: 'session', user: session.user, sessionId: id, csrfToken: session.csrfToken };
  }
  return { kind: 'anonymous' };
}

/** The request's own origin (`http://127.0.0.1:8080`), to compare with its Origin header. */
function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? ''}`;
}

/**
 * Refuses a request its caller may not make: a foreign Origin on an unsafe request (FORBIDDEN), a
 * session request without its CSRF token (FORBIDDEN), nobody where someone is needed
 * (UNAUTHENTICATED), a role below the route's (FORBIDDEN).
 */
export function authorize(request: FastifyRequest, caller: Caller, access: Access): void {
  if (unsafe.has(request.method) && caller.kind !== 'token') {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin(request)) {
      throw new HttpError('FORBIDDEN', 'a cross-site request is refused (its Origin is not this server)', {
        details: { origin: origin.slice(0, 200) },
      });
    }
    if (caller.kind === 'session') {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, caller.csrfToken)) {
        throw new HttpError(
          'FORBIDDEN',
          'a request made with the session cookie needs its X-CSRF-Token header',
          { details: { header: 'x-csrf-token' } },
        );
      }
    }
  }
  if (access === 'anyone') return;
  const role = roleOf(caller);
  if (role === undefined) throw new HttpError('UNAUTHENTICATED', 'sign in or send an API token');
  if (access !== 'signed-in' && !roleAtLeast(role, access)) {
    throw new HttpError('FORBIDDEN', `this needs the role ${access} (you are ${role})`, {
      details: { needed: access, role },
    });
  }
}
