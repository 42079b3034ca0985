import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConnection, isTeamServer, mayWorkAlone, serverBase } from './server-address.js';

/** A real HTTP server: `/api/health` answers as a team server on one path, as a static site's fallback on another. */
let server: Server;
let origin = '';
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/api/health') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, seq: 12 }));
    } else if (request.url === '/site/api/health') {
      // what a static server with an SPA fallback answers: the page itself
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><div id="root"></div>');
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('finding the team server', () => {
  it('takes an http(s) address as a base ending with a slash, and refuses anything else', () => {
    expect(serverBase('https://musubi.example/office?x=1#y')).toBe('https://musubi.example/office/');
    expect(serverBase('javascript:alert(1)')).toBeUndefined();
    expect(serverBase('not a url')).toBeUndefined();
  });

  it('knows a team server by its health answer, not by a page served in its place', async () => {
    expect(await isTeamServer(`${origin}/`)).toBe(true);
    expect(await isTeamServer(`${origin}/site/`)).toBe(false);
    expect(await isTeamServer('http://127.0.0.1:9/')).toBe(false);
  });

  it('works in team mode on the server that serves the page, and alone elsewhere', async () => {
    expect(await findConnection({ search: '', origin })).toEqual({ kind: 'team', server: `${origin}/` });
    expect(await findConnection({ search: '', origin: 'http://127.0.0.1:9' })).toEqual({ kind: 'local' });
  });

  it('goes where `?server=` points on its own origin, and stays alone with `?server=local`', async () => {
    expect(await findConnection({ search: `?server=${origin}/office`, origin })).toEqual({
      kind: 'team',
      server: `${origin}/office/`,
    });
    expect(await findConnection({ search: '?server=local', origin })).toEqual({ kind: 'local' });
  });

  it('does not use a server at another origin (it answers its own origin only): it is to be opened there', async () => {
    expect(await findConnection({ search: '?server=https://musubi.example', origin })).toEqual({
      kind: 'elsewhere',
      server: 'https://musubi.example/',
    });
    // not remembered: the next start without `?server=` is where it was
    expect(await findConnection({ search: '', origin: 'http://127.0.0.1:9' })).toEqual({ kind: 'local' });
  });

  it('says at once whether a start may work alone, and never no when it turns out to work alone', async () => {
    const searches = [
      '',
      '?server=local',
      '?server=',
      `?server=${origin}/office`,
      '?server=https://musubi.example',
      '?server=nonsense',
    ];
    for (const search of searches) {
      const connection = await findConnection({ search, origin: 'http://127.0.0.1:9' });
      if (connection.kind === 'local') expect(mayWorkAlone({ search })).toBe(true);
    }
    expect(mayWorkAlone({ search: `?server=${origin}/office` })).toBe(false);
    expect(mayWorkAlone({ search: '?server=https://musubi.example' })).toBe(false);
    expect(mayWorkAlone({ search: '?server=local' })).toBe(true);
  });
});
