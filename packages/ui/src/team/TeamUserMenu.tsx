/**
 * Who is signed in (name and role) in the header, a "read only" mark for a viewer, and sign out.
 */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { Team } from './team-context.js';

export function TeamUserMenu({ team }: { team: Team }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const { user } = team;
  return (
    <span className="team-user">
      <span data-testid="signed-in-user">
        {t('team.user', { name: user.displayName || user.username, role: t(`team.role.${user.role}`) })}
      </span>
      {user.role === 'viewer' && (
        <span className="read-only" title={t('team.readOnlyTitle')}>
          {t('team.readOnly')}
        </span>
      )}
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void team.signOut().finally(() => setBusy(false));
        }}
      >
        {t('team.signOut')}
      </button>
    </span>
  );
}
