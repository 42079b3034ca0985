/**
 * Team mode around the app: the session with the server (who is signed in, with which role), and
 * the replica's sync state. Outside team mode (`useTeam()` is undefined) the app is the local tool
 * it always was, and every write control shows.
 */
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { SyncState, TeamSync } from './sync-state.js';
import { canWrite, type TeamApi, type TeamUser } from './team-api.js';

export interface Team {
  readonly api: TeamApi;
  readonly user: TeamUser;
  /** Signs out and goes back to the sign-in page. */
  signOut(): Promise<void>;
  /** The replica's sync state and conflicts. */
  readonly sync: TeamSync;
}

const TeamContext = createContext<Team | undefined>(undefined);

export function TeamProvider({ team, children }: { team: Team | undefined; children: ReactNode }) {
  return <TeamContext.Provider value={team}>{children}</TeamContext.Provider>;
}

/** The team session, or undefined in local mode. */
export function useTeam(): Team | undefined {
  return useContext(TeamContext);
}

/** True when the user may change the records: always in local mode, for editors and admins in team mode. */
export function useCanWrite(): boolean {
  const team = useTeam();
  return team === undefined || canWrite(team.user.role);
}

/** The replica's sync state and conflicts, re-rendering on every change of them. */
export function useSync(sync: TeamSync): { state: SyncState; conflicts: TeamSync['conflicts'] } {
  const [, setTick] = useState(0);
  useEffect(() => sync.onChange(() => setTick((n) => n + 1)), [sync]);
  return { state: sync.state, conflicts: sync.conflicts };
}
