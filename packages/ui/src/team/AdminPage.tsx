/**
 * The admin's page in team mode: the accounts with their roles, and the audit log (sign-ins,
 * failed sign-ins, refused requests). Accounts are created and changed with the CLI on the server.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { auditDetail } from './audit-detail.js';
import type { AuditEvent, TeamAccount, TeamApi } from './team-api.js';

type Loaded<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'done'; value: T };

function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per page
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setLoaded({ state: 'done', value }),
      (error: unknown) => live && setLoaded({ state: 'failed', message: (error as Error).message }),
    );
    return () => {
      live = false;
    };
  }, []);
  return loaded;
}

/** The kinds of audit line the server writes, said in the user's language; another kind as it is. */
const auditKinds = ['sign-in', 'sign-in-failed', 'sign-in-limited', 'sign-out', 'refused'] as const;
const isAuditKind = (kind: string): kind is (typeof auditKinds)[number] =>
  (auditKinds as readonly string[]).includes(kind);

export function AdminPage({ api }: { api: TeamApi }) {
  const { t } = useI18n();
  const users = useLoad(() => api.users());
  const audit = useLoad(() => api.audit());
  const status = <T,>(loaded: Loaded<T>) =>
    loaded.state === 'loading' ? (
      <p>{t('admin.loading')}</p>
    ) : loaded.state === 'failed' ? (
      <p role="alert" className="error">
        {t('admin.failed', { message: loaded.message })}
      </p>
    ) : null;
  return (
    <section className="admin-page">
      <h2>{t('admin.title')}</h2>
      <h3 id="admin-users">{t('admin.users')}</h3>
      <p className="muted">{t('admin.usersHint')}</p>
      {status(users)}
      {users.state === 'done' && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls sideways on a phone is reached by keyboard
        <section className="table-scroll" aria-labelledby="admin-users" tabIndex={0}>
          <table aria-labelledby="admin-users">
            <thead>
              <tr>
                <th scope="col">{t('admin.username')}</th>
                <th scope="col">{t('admin.displayName')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col">{t('admin.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {users.value.map((u: TeamAccount) => (
                <tr key={u.username}>
                  <td>{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{t(`team.role.${u.role}`)}</td>
                  <td>{u.disabled ? t('admin.disabled') : t('admin.enabled')}</td>
                  <td>{shortTime(u.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <h3 id="admin-audit">{t('admin.audit')}</h3>
      {status(audit)}
      {audit.state === 'done' && audit.value.length === 0 && <p>{t('admin.none')}</p>}
      {audit.state === 'done' && audit.value.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls sideways on a phone is reached by keyboard
        <section className="table-scroll" aria-labelledby="admin-audit" tabIndex={0}>
          <table aria-labelledby="admin-audit">
            <thead>
              <tr>
                <th scope="col">{t('admin.at')}</th>
                <th scope="col">{t('admin.kind')}</th>
                <th scope="col">{t('admin.username')}</th>
                <th scope="col">{t('admin.ip')}</th>
                <th scope="col">{t('admin.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.value.map((e: AuditEvent, i: number) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: audit lines have no id and never move
                <tr key={i}>
                  <td>{shortTime(e.at)}</td>
                  <td>{isAuditKind(e.kind) ? t(`admin.event.${e.kind}`) : e.kind}</td>
                  <td>{e.username ?? ''}</td>
                  <td>{e.ip ?? ''}</td>
                  <td>{auditDetail(e.kind, e.detail, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

/** `2026-12-02T03:39:13.068Z` as `2026-12-02 03:39:13 UTC` (the server's times are UTC). */
function shortTime(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : iso;
}
