/** Clients that write through the HTTP API while a test breaks the server or its database. */
import { type Change, createNetwork } from '@musubi/core';
import { proposalOf } from './test-server.js';

export interface Target {
  url: string;
  token: string;
}

/** What the writers saw: the ids acknowledged, and those whose push got no answer before a retry. */
export interface WriteReport {
  acknowledged: string[];
  unanswered: string[];
  errors: number;
}

/**
 * Runs `clients` writers, each pushing `perClient` new entities one by one with its own change ids.
 * A push that fails (no reply, 503) is retried with the same change, after `whenBroken()` settles
 * (the test's signal that the server or the database is back). `onAck` is told the running count.
 */
export async function runWriters(options: {
  clients: number;
  perClient: number;
  target: () => Target;
  whenBroken: () => Promise<void>;
  onAck?: (count: number) => void;
}): Promise<WriteReport> {
  const report: WriteReport = { acknowledged: [], unanswered: [], errors: 0 };
  const writer = async (client: number) => {
    const replica = createNetwork();
    for (let k = 0; k < options.perClient; k++) {
      replica.addEntity({
        id: `c${client}-${k}`,
        kind: 'organization',
        name: { en: `client ${client} #${k}` },
      });
      const change = replica.lastChange() as Change;
      let answered = false;
      while (!answered) {
        const { url, token } = options.target();
        try {
          const response = await fetch(`${url}/api/changes`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ baseSeq: 0, changes: [proposalOf(change)] }),
          });
          if (response.status === 200) {
            answered = true;
            report.acknowledged.push(change.id);
            options.onAck?.(report.acknowledged.length);
          } else if (response.status === 503 || response.status === 401) {
            // 401: the restarted server made a new token; both mean "try again once it is back"
            report.errors++;
            await options.whenBroken();
          } else {
            throw new Error(`push answered ${response.status}: ${await response.text()}`);
          }
        } catch (error) {
          if ((error as Error).message.startsWith('push answered')) throw error;
          report.errors++;
          if (!report.unanswered.includes(change.id)) report.unanswered.push(change.id);
          await options.whenBroken();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, i) => writer(i)));
  return report;
}

/** Every change of the server's log, paged. */
export async function readLog(target: Target): Promise<Change[]> {
  const all: Change[] = [];
  for (;;) {
    const response = await fetch(`${target.url}/api/changes?after=${all.length}&limit=5000`, {
      headers: { authorization: `Bearer ${target.token}` },
    });
    const page = (await response.json()) as { changes: Change[]; head: number };
    all.push(...page.changes);
    if (all.length >= page.head || page.changes.length === 0) return all;
  }
}
