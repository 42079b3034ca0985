/**
 * Team mode around the app: the session with the server (who is signed in, with which role) and
 * the replica the app works on. Outside team mode (`useTeam()` is undefined) the app is the local
 * tool it always was, and every write control shows.
 */
import type { ConnectedNetwork } from '@musubi/core/client';
import { createContext, type ReactNode, useContext } from 'react';
import { canWrite, type TeamApi, type TeamUser } from './team-api.js';

export interface Team {
  readonly api: TeamApi;
  readonly user: TeamUser;
  /** The replica of the server's network (the same object the app reads and writes as its network). */
  readonly replica: ConnectedNetwork;
  /** Signs out and goes back to the sign-in page. */
  signOut(): Promise<void>;
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
