import type { Change } from '@musubi/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sequencer } from '../sequencer/sequencer.js';

/** How often a comment line keeps an idle stream (and the proxies on its way) open. */
const KEEP_ALIVE_MS = 15_000;

/**
 * Streams the log as Server-Sent Events: `event: change`, `id: <seq>`, `data: <Change JSON>` for
 * every committed change after `after`, then each new one as it commits.
 */
export function streamEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  sequencer: Sequencer,
  after: number,
): void {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let sent = after;
  const send = (changes: readonly Change[]) => {
    let text = '';
    for (const change of changes) {
      if (change.seq <= sent) continue;
      text += `event: change\nid: ${change.seq}\ndata: ${JSON.stringify(change)}\n\n`;
      sent = change.seq;
    }
    if (text !== '') response.write(text);
  };
  // the backlog and the subscription in one turn: no commit can fall between them
  const stop = sequencer.subscribe(send);
  response.write(': musubi change stream\n\n');
  for (let from = after; from < sequencer.head; from += 1000) send(sequencer.changesAfter(from, 1000));
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  request.raw.on('close', () => {
    clearInterval(keepAlive);
    stop();
  });
}
