import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempLog, writeEndRecord } from './fixtures/log-files.js';
import { type NdjsonFileStore, openNetworkFile } from './index.js';
import { sealLine } from './log-check.js';
import { LogValidator } from './log-validator.js';

/**
 * The one-pass open with a validating worker (log-validator.ts) against the same open with
 * everything on one thread: for any log, damaged or not, both give the same network or the same
 * error. The worker here runs from the TypeScript source (through tsx), as in the core's own tests.
 */

/** A log written by the store: entities, a link, engagements, an update and a removal (lines 2–9). */
async function writtenLog(): Promise<string[]> {
  const path = tempLog();
  const network = await openNetworkFile(path, { create: true, now: () => new Date('2026-04-01T09:00:00Z') });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
  network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市', en: 'Tsu' } });
  network.addEntity({
    id: 'boi',
    kind: 'government',
    name: { ja: 'タイ投資委員会', en: 'Thailand Board of Investment' },
  });
  network.addLink({
    id: 'mou',
    kind: 'mou',
    source: 'mie',
    target: 'boi',
    events: [{ type: 'signed', date: '2018-07' }],
  });
  network.recordEngagement({
    id: 'visit',
    type: 'courtesy-visit',
    date: '2019-05-14',
    title: { ja: '知事のタイ訪問', en: "The governor's visit to Thailand" },
    participants: [
      { entity: 'mie', role: 'host' },
      { entity: 'boi', role: 'visitor' },
    ],
  });
  network.updateEntity('tsu', { name: { ja: '津市', en: 'Tsu City' } });
  network.removeEntity('tsu');
  await network.close();
  return readFileSync(path, 'utf8').split('\n').slice(0, -1);
}

/**
 * What opening `lines` gives: the network's log and current records, or the error's code, path,
 * message and details (the file's name, different for each call, written `<file>`).
 */
async function outcome(
  lines: readonly string[],
  validateInWorker: boolean,
  end?: { seq: number; line: string },
): Promise<unknown> {
  const path = tempLog();
  const named = (found: unknown) => JSON.parse(JSON.stringify(found).replaceAll(path, '<file>')) as unknown;
  writeFileSync(path, lines.map((line) => `${line}\n`).join(''));
  if (end !== undefined) writeEndRecord(path, end.seq, end.line);
  try {
    const network = await openNetworkFile(path, {
      validateInWorker,
      snapshotEvery: Number.POSITIVE_INFINITY,
    });
    // where the last read checked the log: in the worker, or here (asked to, or read again)
    const checkedIn = (network.store as NdjsonFileStore).lastReadChecked;
    const seen = {
      log: network.log(),
      now: network.snapshot().records,
      warnings: network.warnings,
      checkedIn,
    };
    await network.close();
    return named({ opened: seen });
  } catch (error) {
    const e = error as {
      code?: unknown;
      path?: unknown;
      message?: unknown;
      details?: unknown;
      issues?: unknown;
    };
    return named({
      refused: { code: e.code, path: e.path, message: e.message, details: e.details, issues: e.issues },
    });
  }
}

/** The lines again, each change's check made anew for its (edited) body, as a tool that writes the format would. */
function resealed(bodies: readonly string[]): string[] {
  let previous: string | undefined;
  return bodies.map((body) => {
    const { text, check } = sealLine(body, previous);
    previous = check;
    return text;
  });
}

/** An outcome of one thread as the worker's would read: the same, checked in the worker. */
const withWorker = (alone: unknown) =>
  (alone as { opened?: object }).opened
    ? { opened: { ...(alone as { opened: object }).opened, checkedIn: 'in-worker' } }
    : alone;

const bodyOf = (line: string) => `${line.slice(0, line.lastIndexOf(',"check":'))}}`;

describe('the one-pass open with a validating worker', () => {
  it('opens a log to the same network as one thread does', async () => {
    const lines = await writtenLog();
    const alone = await outcome(lines, false);
    expect(alone).toMatchObject({ opened: { log: expect.any(Array), checkedIn: 'here' } });
    expect(await outcome(lines, true)).toEqual(withWorker(alone));
  });

  it('refuses a damaged line, an invalid record and a cut log with the very error of one thread', async () => {
    const lines = await writtenLog();
    const bodies = lines.map(bodyOf);
    const cases: string[][] = [
      // a changed byte: the check no longer matches
      lines.with(2, (lines[2] ?? '').replace('津市', '津巿')),
      // a record no schema accepts, with a check made for it
      resealed(bodies.with(4, (bodies[4] ?? '').replace('"kind":"mou"', '"kind":"treaty"'))),
      // not JSON at all, with a check
      resealed(bodies.with(5, (bodies[5] ?? '').replace('"participants":[', '"participants":[['))),
      // a forbidden key
      resealed(bodies.with(2, (bodies[2] ?? '').replace('"aliases":', '"__proto__":{},"aliases":'))),
      // a line without its check
      lines.with(6, bodies[6] ?? ''),
    ];
    for (const damaged of cases) {
      const alone = await outcome(damaged, false);
      expect(alone).toMatchObject({ refused: { code: 'FORMAT' } });
      expect(await outcome(damaged, true)).toEqual(alone);
    }
    // the last lines gone, as the end record tells
    const cut = lines.slice(0, -2);
    const end = { seq: lines.length - 1, line: lines.at(-1) ?? '' };
    const aloneCut = await outcome(cut, false, end);
    expect(aloneCut).toMatchObject({ refused: { code: 'FORMAT' } });
    expect(await outcome(cut, true, end)).toEqual(aloneCut);
  });

  it('takes the records validation would change as validation returns them (a file another tool wrote)', async () => {
    const lines = await writtenLog();
    const bodies = lines.map(bodyOf);
    // a name with spaces around it: valid, and trimmed by validation
    const untrimmed = resealed(bodies.with(2, (bodies[2] ?? '').replace('"津市"', '"  津市 "')));
    const alone = await outcome(untrimmed, false);
    expect(alone).toMatchObject({ opened: { log: expect.any(Array) } });
    // the worker told that validation trims that name: the log was read again on this thread
    expect(await outcome(untrimmed, true)).toEqual(alone);
  });

  it('refuses a key "check" of a change or a record as one thread does (the line\'s check is its last key)', async () => {
    const lines = await writtenLog();
    const bodies = lines.map(bodyOf);
    // a key "check" of the change's own, first, and the line's check at its end: the line's body
    // holds it (a parse of the whole line would keep the last value only), and validation refuses it
    const own = resealed(bodies.with(3, (bodies[3] ?? '').replace('{', '{"check":"0badf00d",')));
    const alone = await outcome(own, false);
    expect(alone).toMatchObject({ refused: { code: 'FORMAT', path: [4] } });
    expect(await outcome(own, true)).toEqual(alone);
    // a key "check" inside a record (a name): the same refusal both ways, naming the key
    const inside = resealed(
      bodies.with(1, (bodies[1] ?? '').replace('"ja":"三重県"', '"ja":"三重県","check":"x"')),
    );
    expect(inside[1]).toContain('"check":"x"');
    const refused = await outcome(inside, false);
    expect(refused).toMatchObject({
      refused: { code: 'FORMAT', path: [2], issues: [{ code: 'unrecognized_keys', path: [2, 'name'] }] },
    });
    expect(await outcome(inside, true)).toEqual(refused);
  });

  it('refuses a change that cannot be replayed as one thread does', async () => {
    const lines = await writtenLog();
    const bodies = lines.map(bodyOf);
    // the engagement names an entity nobody added
    const unknown = resealed(bodies.with(5, (bodies[5] ?? '').replace('"entity":"boi"', '"entity":"jetro"')));
    const alone = await outcome(unknown, false);
    expect(alone).toMatchObject({ refused: { code: 'FORMAT' } });
    expect(await outcome(unknown, true)).toEqual(alone);
  });

  it('gives the outcome of one thread for any one character changed in a checked or resealed log', async () => {
    const lines = await writtenLog();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: lines.length - 1 }),
        fc.nat(),
        fc.constantFrom('"', '}', ' ', 'x', '1', '\\', '津', '', ',"check":"0"'),
        fc.boolean(),
        async (line, at, put, reseal) => {
          const text = reseal ? bodyOf(lines[line] ?? '') : (lines[line] ?? '');
          const i = at % text.length;
          const changed = `${text.slice(0, i)}${put}${text.slice(i + 1)}`;
          const edited = reseal ? resealed(lines.map(bodyOf).with(line, changed)) : lines.with(line, changed);
          const alone = await outcome(edited, false);
          const withIt = await outcome(edited, true);
          // opened as is, or read again (validation changed a record): the same network either way
          expect(withIt).toEqual(
            (withIt as { opened?: { checkedIn?: string } }).opened?.checkedIn === 'in-worker'
              ? withWorker(alone)
              : alone,
          );
        },
      ),
      { numRuns: 12 },
    );
  });

  describe('when the worker itself fails', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    /** Every worker the store starts runs `script` instead of the core's validator. */
    const workersRun = (script: string) => {
      const start = LogValidator.start.bind(LogValidator);
      vi.spyOn(LogValidator, 'start').mockImplementation((path, maxLineBytes, mode) =>
        start(path, maxLineBytes, mode, script),
      );
    };

    it('opens the log on one thread when the worker throws or exits before its verdict', async () => {
      const lines = await writtenLog();
      const alone = await outcome(lines, false);
      // a worker that cannot load what it runs, and one that ends without a word
      for (const script of ['throw new Error("the core is not there")', 'process.exit(3)']) {
        workersRun(script);
        // the same network, read and checked here
        expect(await outcome(lines, true)).toEqual(alone);
        expect(LogValidator.start).toHaveBeenCalled();
        vi.restoreAllMocks();
      }
    });

    it("gives the error of one thread for a damaged log, not the worker's failure", async () => {
      const lines = await writtenLog();
      const damaged = lines.with(3, (lines[3] ?? '').replace('タイ', 'タノ'));
      const alone = await outcome(damaged, false);
      expect(alone).toMatchObject({
        refused: { code: 'FORMAT', path: [4], details: { problem: 'mismatch' } },
      });
      workersRun('throw new Error("the core is not there")');
      expect(await outcome(damaged, true)).toEqual(alone);
    });
  });
});
