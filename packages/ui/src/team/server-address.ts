/**
 * Whether the app works alone (local mode: IndexedDB in this browser) or on a team server (team
 * mode). Team mode when the page was pointed at a server (`?server=https://…`, remembered for the
 * next start; `?server=local` forgets it) or when the page is served by one (`/api/health` at its
 * own origin answers `{ ok: true }`).
 */

const SERVER_KEY = 'musubi.server';

/** Where the app keeps its network. */
export type Connection = { readonly kind: 'local' } | { readonly kind: 'team'; readonly server: string };

function remembered(): string | null {
  try {
    return localStorage.getItem(SERVER_KEY);
  } catch {
    return null;
  }
}

function remember(server: string | undefined): void {
  try {
    if (server === undefined) localStorage.removeItem(SERVER_KEY);
    else localStorage.setItem(SERVER_KEY, server);
  } catch {
    // not remembered when storage is blocked: the next start asks the page's own origin again
  }
}

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

/** True when `base` answers `/api/health` as a Musubi team server. */
export async function isTeamServer(base: string, fetcher: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetcher(new URL('api/health', base), {
      headers: { accept: 'application/json' },
      credentials: 'include',
    });
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return false;
    const body = (await response.json()) as { ok?: unknown };
    return body.ok === true;
  } catch {
    return false;
  }
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
  if (asked !== null) {
    const base = asked === 'local' || asked === '' ? undefined : serverBase(asked);
    remember(base);
    if (base !== undefined) return { kind: 'team', server: base };
    return { kind: 'local' };
  }
  const kept = remembered();
  if (kept !== null) {
    const base = serverBase(kept);
    if (base !== undefined) return { kind: 'team', server: base };
  }
  const own = `${page.origin}/`;
  if (await isTeamServer(own, fetcher)) return { kind: 'team', server: own };
  return { kind: 'local' };
}
