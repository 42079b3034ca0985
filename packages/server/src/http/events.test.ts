import { createNetwork } from '@musubi/core';
import { describe, expect, it } from 'vitest';
import { databaseFor, engines } from '../testing/databases.js';
import { proposalOf, testServer } from '../testing/test-server.js';

/** Reads a Server-Sent Events stream, resolving `next(n)` once n events have come. */
function follow(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const events: { id: string; event: string; data: string }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const done = (async () => {
    const response = await fetch(url, { headers, signal: controller.signal });
    if (!response.body) throw new Error('no body');
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = response.body.getReader();
      for (;;) {
        const { value, done: ended } = await reader.read();
        if (ended) break;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => !line.startsWith(':') && line.includes(': '))
              .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
          );
          if (fields.event) events.push(fields as { id: string; event: string; data: string });
          for (const w of waiters.filter((x) => events.length >= x.count)) w.resolve();
          end = buffer.indexOf('\n\n');
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  })();
  return {
    events,
    status: done,
    next: (count: number) =>
      new Promise<void>((resolve) => {
        if (events.length >= count) resolve();
        else waiters.push({ count, resolve });
      }),
    close: () => controller.abort(),
  };
}

for (const engine of engines) {
  const database = databaseFor(engine);

  describe(`the live stream on ${engine.name}`, () => {
    it('sends the changes after a seq, then each new one live, and resumes from Last-Event-ID', async () => {
      const t = await testServer(await database());
      const base = await t.server.listen({ port: 0 });
      const auth = { authorization: `Bearer ${t.tokens.read}` };
      const replica = createNetwork();
      const pushNext = async (id: string) => {
        const from = replica.log().length;
        replica.addEntity({ id, kind: 'organization', name: { en: id } });
        const response = await fetch(`${base}/api/changes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.tokens.write}`, 'content-type': 'application/json' },
          body: JSON.stringify({ baseSeq: from, changes: replica.log().slice(from).map(proposalOf) }),
        });
        expect(response.status).toBe(200);
      };
      await pushNext('a');
      await pushNext('b');
      const stream = follow(`${base}/api/events?after=1`, auth);
      await stream.next(1);
      expect(stream.events.map((e) => [e.event, e.id])).toEqual([['change', '2']]);
      await pushNext('c');
      await stream.next(2);
      expect(JSON.parse(stream.events[1]?.data ?? '{}')).toMatchObject({
        seq: 3,
        effects: [{ record: { id: 'c' } }],
      });
      stream.close();

      const resumed = follow(`${base}/api/events`, { ...auth, 'last-event-id': '2' });
      await pushNext('d');
      await resumed.next(2);
      expect(resumed.events.map((e) => e.id)).toEqual(['3', '4']);
      resumed.close();
      await t.server.close();
    });
  });
}
