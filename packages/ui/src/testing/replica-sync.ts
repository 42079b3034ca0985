/**
 * A replica and its server in one test, without HTTP: what `ServerSync` does over the wire, done
 * at once (the property tests of what the UI keeps up to date with a replica's log).
 */
import type { Network } from '@musubi/core';
import type { Replica } from '@musubi/core/client';

/** The replica's outbox sent to the server: the changes it accepted acknowledged, the first it refused refused. */
export function pushOutbox(replica: Replica, server: Network): void {
  const outbox = replica.outbox();
  const accepted = [];
  try {
    for (const p of outbox.changes) accepted.push(server.accept(p, { author: replica.author }));
    replica.acknowledge(accepted);
  } catch (error) {
    const e = error as { code?: string; message: string };
    replica.acknowledge(accepted);
    const refused = outbox.changes[accepted.length];
    if (refused && e.code) replica.refuse(refused.id, error as never);
  }
}

/** The server's changes the replica has not confirmed yet, delivered to it. */
export function deliver(replica: Replica, server: Network): void {
  replica.receive(server.log().filter((c) => c.seq > replica.confirmedSeq));
}
