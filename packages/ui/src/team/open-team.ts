/**
 * Opens the team's network for the signed-in user: the replica kept in IndexedDB when there is one
 * (so a reload or an offline start shows the network at once, and pending changes are sent when
 * the server answers), else the server's snapshot. Then follows the server live and pushes what
 * is written, keeping everything in IndexedDB as it goes.
 */
import { isMusubiError, type MusubiError, type NetworkSnapshot } from '@musubi/core';
import { ConnectedNetwork, ServerApi } from '@musubi/core/client';
import { COMPACT_AFTER, type KeptReplica, KeptReplicaStore, keptName } from './kept-replica.js';
import type { TeamApi, TeamUser } from './team-api.js';

export interface OpenedTeam {
  readonly replica: ConnectedNetwork;
  /** Where the replica is kept, or undefined when IndexedDB could not be used (then it lives in memory). */
  readonly kept: KeptReplicaStore | undefined;
  /** Stops following the server and keeping the replica (pending changes stay kept). */
  close(): Promise<void>;
}

export interface OpenTeamOptions {
  /** Told when the server stops taking this session (signed out elsewhere, expired, disabled). */
  onSignedOut?: (error: MusubiError) => void;
  /** How long to wait first after a failed request (the sync doubles it up to 10 s). */
  retryDelayMs?: number;
}

function replicaFrom(
  api: ServerApi,
  user: TeamUser,
  kept: KeptReplica,
  snapshot: NetworkSnapshot,
  options: OpenTeamOptions,
): ConnectedNetwork {
  return new ConnectedNetwork(api, {
    author: user.username,
    snapshot,
    log: kept.log,
    pending: kept.pending,
    setAside: kept.setAside,
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  });
}

/** True when the server answers with a log shorter than the one kept here; false when it cannot be reached. */
async function serverIsBehind(api: ServerApi, seq: number): Promise<boolean> {
  try {
    return (await api.health()).seq < seq;
  } catch {
    return false;
  }
}

/** Opens `user`'s replica of the team's network; rejects with UNAVAILABLE when nothing is kept and the server cannot be reached. */
export async function openTeam(
  team: TeamApi,
  user: TeamUser,
  options: OpenTeamOptions = {},
): Promise<OpenedTeam> {
  const api = new ServerApi(team.server, { fetch: team.fetch });
  const store = await KeptReplicaStore.open(keptName(team.server, user.username)).catch(() => undefined);
  const kept: KeptReplica = (await store?.read().catch(() => undefined)) ?? {
    snapshot: undefined,
    log: [],
    pending: [],
    setAside: [],
  };
  let replica: ConnectedNetwork | undefined;
  if (kept.snapshot) {
    try {
      replica = replicaFrom(api, user, kept, kept.snapshot, options);
    } catch {
      // a kept replica that no longer replays: start again from the server, putting the pending changes back
      replica = undefined;
    }
  }
  if (replica && (await serverIsBehind(api, replica.confirmedSeq))) {
    // the server's log is not the one kept here (it was started afresh): start again from it,
    // putting this user's pending changes back on top (those that no longer apply are set aside)
    replica = undefined;
  }
  if (!replica) {
    const snapshot = await api.snapshot();
    await store?.startFrom(snapshot);
    replica = replicaFrom(api, user, { ...kept, log: [] }, snapshot, options);
  } else if (kept.log.length >= COMPACT_AFTER) {
    void store?.compact(replica);
  }
  const stopKeeping = store?.keep(replica);
  const opened = replica;
  opened.server.onError((error) => {
    if (isMusubiError(error, 'UNAUTHENTICATED')) options.onSignedOut?.(error);
  });
  opened.server.start();
  return {
    replica: opened,
    kept: store,
    close: async () => {
      await opened.close();
      stopKeeping?.();
      await store?.close();
    },
  };
}
