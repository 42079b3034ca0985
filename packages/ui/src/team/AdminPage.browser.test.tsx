import { createNetwork, type Lang } from '@musubi/core';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../testing/render-with-app.js';
import { AdminPage } from './AdminPage.js';
import { type AuditEvent, TeamApi } from './team-api.js';

// The audit lines as the server's GET /api/audit answers them (packages/server: accounts.auditEvents).
const events: AuditEvent[] = [
  {
    at: '2026-12-01T03:00:05.000Z',
    kind: 'refused',
    ip: '10.0.0.9',
    detail: 'UNAUTHENTICATED GET /api/session',
  },
  {
    at: '2026-12-01T03:00:04.000Z',
    kind: 'refused',
    username: 'sato',
    detail: 'FORBIDDEN POST /api/changes',
  },
  { at: '2026-12-01T03:00:03.000Z', kind: 'refused', detail: 'RATE_LIMITED POST /api/session' },
  { at: '2026-12-01T03:00:02.000Z', kind: 'sign-in', username: 'tanaka', detail: '' },
  { at: '2026-12-01T03:00:01.000Z', kind: 'refused', detail: 'something the server wrote once' },
];

/** A team server that answers the admin's two requests (no storage behind it: the page only reads). */
function adminServer(): TeamApi {
  const answers: Record<string, unknown> = {
    '/api/users': {
      users: [
        {
          username: 'tanaka',
          displayName: '田中',
          role: 'admin',
          disabled: false,
          createdAt: '2026-11-01T00:00:00.000Z',
        },
      ],
    },
    '/api/audit': { events },
  };
  const fetcher: typeof fetch = async (input) => {
    const url = new URL(String(input));
    return Response.json(answers[url.pathname] ?? { error: { code: 'NOT_FOUND' } }, {
      status: url.pathname in answers ? 200 : 404,
    });
  };
  return new TeamApi('http://musubi.test/', fetcher);
}

async function detailColumn(lang: Lang): Promise<string[]> {
  const screen = await renderWithApp(<AdminPage api={adminServer()} />, { network: createNetwork(), lang });
  const table = screen.getByRole('table', {
    name: lang === 'ja' ? '監査ログ（新しい順）' : 'Audit log (newest first)',
  });
  await expect.element(table).toBeVisible();
  const rows = table.element().querySelectorAll('tbody tr');
  return [...rows].map((row) => row.querySelectorAll('td')[4]?.textContent ?? '');
}

describe('the admin tab’s audit log', () => {
  it('says why a request was refused in Japanese, keeping the request and any detail it cannot word', async () => {
    expect(await detailColumn('ja')).toEqual([
      'サインインしていません（GET /api/session）',
      'この役割には許されていません（POST /api/changes）',
      '要求が多すぎます（POST /api/session）',
      '',
      'something the server wrote once',
    ]);
  });

  it('says why a request was refused in English', async () => {
    expect(await detailColumn('en')).toEqual([
      'Not signed in (GET /api/session)',
      'Not allowed for this role (POST /api/changes)',
      'Too many requests (POST /api/session)',
      '',
      'something the server wrote once',
    ]);
  });
});
