/**
 * Whether the app works alone (local mode: IndexedDB in this browser) or on a team server (team
 * mode). Team mode when the page was pointed at a server of its own origin (`?server=https://…`,
 * remembered for the next start; a server at another origin is refused: `elsewhere`) or when the
 * page is served by one (`/api/health` at its
 * own origin answers `{ ok: true }`; remembered, so that a reload while it cannot be reached stays
 * in team mode). `?server=local` chooses to work alone, remembered too.
 */

const SERVER_KEY = 'musubi.server';
/** The page's own origin, when it was last found to be a team server. */
const OWN_KEY = 'musubi.server.own';

/**
 * Where the app keeps its network. `elsewhere`: a team server at another origin than the page's,
 * which this page cannot use (the server answers its own origin only: its session cookie is
 * SameSite=Strict and it sends no CORS headers; docs/team-server.md): the server's own address is
 * to be opened instead.
 */
export type Connection =
  | { readonly kind: 'local' }
  | { readonly kind: 'team'; readonly server: string }
  | { readonly kind: 'elsewhere'; readonly server: string };

function readSetting(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeSetting(key: string, value: string | undefined): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // not remembered when storage is blocked: the next start asks the page's own origin again
  }
}

const remembered = () => readSetting(SERVER_KEY);
const remember = (server: string) => writeSetting(SERVER_KEY, server);
/** What {@link SERVER_KEY} holds when the user chose to work in this browser alone. */
const LOCAL = 'local';

/** The server's base address (`https://musubi.example/`), or undefined when `value` is not an http(s) address. */
export function serverBase(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.search = '';
    url.hash = '';
    if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
    return url.href;
  } catch {
    return undefined;
  }
}

/** How `base` answers `/api/health`: as a Musubi team server, as something else, or not at all. */
export async function askHealth(
  base: string,
  fetcher: typeof fetch = fetch,
): Promise<'team' | 'other' | 'unreachable'> {
  let response: Response;
  try {
    response = await fetcher(new URL('api/health', base), {
      headers: { accept: 'application/json' },
      credentials: 'include',
    });
  } catch {
    return 'unreachable';
  }
  try {
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return 'other';
    const body = (await response.json()) as { ok?: unknown };
    return body.ok === true ? 'team' : 'other';
  } catch {
    return 'other';
  }
}

/** True when `base` answers `/api/health` as a Musubi team server. */
export async function isTeamServer(base: string, fetcher: typeof fetch = fetch): Promise<boolean> {
  return (await askHealth(base, fetcher)) === 'team';
}

/**
 * Whether this start may work alone, told at once without asking a server: false only when
 * {@link findConnection} would surely answer `team` or `elsewhere` (a `?server=` or a remembered
 * server). The app then begins reading the saved network before the answer (main.tsx).
 */
export function mayWorkAlone(page: { search: string } = location): boolean {
  const asked = new URLSearchParams(page.search).get('server');
  if (asked !== null) return asked === 'local' || asked === '' || serverBase(asked) === undefined;
  const kept = remembered();
  return kept === null || kept === LOCAL || serverBase(kept) === undefined;
}

/**
 * Finds the connection for this start: `?server=` first (remembered), then the remembered server,
 * then the page's own origin when it is a team server; otherwise local mode.
 */
export async function findConnection(
  page: { search: string; origin: string } = location,
  fetcher: typeof fetch = fetch,
): Promise<Connection> {
  const asked = new URLSearchParams(page.search).get('server');
  const sameOrigin = (base: string) => new URL(base).origin === page.origin;
  if (asked !== null) {
    const base = asked === 'local' || asked === '' ? undefined : serverBase(asked);
    if (base !== undefined && !sameOrigin(base)) return { kind: 'elsewhere', server: base };
    // the choice is remembered, working alone included
    remember(base ?? LOCAL);
    if (base !== undefined) return { kind: 'team', server: base };
    return { kind: 'local' };
  }
  const kept = remembered();
  if (kept === LOCAL) return { kind: 'local' };
  if (kept !== null) {
    const base = serverBase(kept);
    if (base !== undefined)
      return sameOrigin(base) ? { kind: 'team', server: base } : { kind: 'elsewhere', server: base };
  }
  const own = `${page.origin}/`;
  const health = await askHealth(own, fetcher);
  // a page served by a team server that cannot be reached now (offline after a reload) stays in team mode
  if (health === 'team' || (health === 'unreachable' && readSetting(OWN_KEY) === own)) {
    writeSetting(OWN_KEY, own);
    return { kind: 'team', server: own };
  }
  if (health === 'other') writeSetting(OWN_KEY, undefined);
  return { kind: 'local' };
}
