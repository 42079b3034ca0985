import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildCoreNetwork, recordCourtesyVisit, tour } from './core-tour.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the core tour', () => {
  const answers = tour();

  it('on 2017-01-01 shows the sister tie and the MOU before its revision, and Ambassador A in post', () => {
    expect(answers.asOf2017.links).toEqual([
      { id: 'mie-sao-paulo', events: ['signed 1973-11-07'] },
      { id: 'mie-boi-mou', events: ['signed 2013-11'] },
      { id: 'role-ambassador-a', events: ['signed 2016-10'] },
    ]);
    expect(answers.asOf2017.ambassadors).toEqual(['ambassador-a']);
    expect(answers.asOf2017.entities).not.toContain('ambassador-b');
    expect(answers.asOf2017.engagements).toBe(0);
  });

  it('keeps both ambassadors in the line of the embassy, the first with the end of their post', () => {
    expect(answers.ambassadors).toEqual([
      { person: 'ambassador-a', from: '2016-10-01', to: '2019-03-31' },
      { person: 'ambassador-b', from: '2019-04-01', to: undefined },
    ]);
  });

  it("puts Mie's history in order: sister 1973, MOU 2013, revision 2018-07, the visit 2019-06-10", () => {
    expect(answers.timeline.map((line) => line.split(' ')[0])).toEqual([
      '1973-11-07',
      '2013-11',
      '2018-07',
      '2019-06-10',
    ]);
    expect(answers.timeline[3]).toContain('表敬訪問');
    expect(answers.timeline[3]).toContain('courtesy visit');
  });

  it('undoes the visit: gone from the timeline, kept in the log as a change and its inverse', () => {
    expect(answers.undone).toBe('recordEngagement');
    expect(answers.timelineAfterUndo).toEqual(answers.timeline.slice(0, 3));
    expect(answers.log.slice(-2)).toEqual(['recordEngagement', 'undo']);
    expect(answers.log.filter((l) => l === '大使の着任 / New ambassador')).toHaveLength(2);
  });

  it('finds the BOI by a full-width query', () => {
    expect(answers.search).toEqual(['thai-boi']);
  });

  it('marks the illustrative people, posts and visit as such', () => {
    const network = buildCoreNetwork();
    const visit = recordCourtesyVisit(network);
    const illustrative = [...network.entities(), ...network.links(), visit].filter((r) =>
      r.tags.includes('illustrative'),
    );
    expect(illustrative.map((r) => r.id).sort()).toEqual(
      ['ambassador-a', 'ambassador-b', 'role-ambassador-a', 'role-ambassador-b', 'visit-2019-06'].sort(),
    );
    for (const record of illustrative) expect(record.notes).toContain('Illustrative');
  });

  it('prints every heading in Japanese and English', () => {
    const headings = answers.lines.filter((line) => line.startsWith('=='));
    expect(headings.length).toBeGreaterThanOrEqual(6);
    for (const heading of headings) expect(heading).toMatch(/[\u3040-\u30ff\u4e00-\u9fff].* \/ [A-Za-z]/);
  });

  it('runs as a program against the built package', async () => {
    // `pnpm test` builds before the unit tests; a bare run of this file needs `pnpm --filter @musubi/core build`
    expect(existsSync(`${root}packages/core/dist/index.js`), 'build @musubi/core first').toBe(true);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'examples/src/core-tour.ts'],
      {
        cwd: root,
      },
    );
    expect(stdout).toContain('== 2017年1月1日時点 / As of 2017-01-01 ==');
    expect(stdout).toContain(
      '在任中の大使 / Ambassador in post: 大使A（例示） / Ambassador A (illustrative)',
    );
    expect(stdout).toContain('2019-06-10  駐日タイ大使 表敬訪問');
    expect(stdout).toContain('== 取り消し / Undo: recordEngagement ==');
  });
});

describe("the core package's README", () => {
  const readme = readFileSync(`${root}packages/core/README.md`, 'utf8');
  const block = (tag: string) => {
    const match = new RegExp(`\`\`\`${tag}\n([\\s\\S]*?)\n\`\`\``).exec(readme);
    if (!match?.[1]) throw new Error(`the README has no ${tag} block`);
    return match[1];
  };

  it('shows the acceptance program, which prints exactly the output shown beside it', async () => {
    const program = block('ts acceptance');
    expect(program).toContain("import { createNetwork } from '@musubi/core';");
    // run the block as it is written, pointing its one import at the built package
    const dist = pathToFileURL(`${root}packages/core/dist/index.js`).href;
    const file = join(mkdtempSync(join(tmpdir(), 'musubi-readme-')), 'acceptance.ts');
    writeFileSync(file, program.replace("'@musubi/core'", `'${dist}'`));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], { cwd: root });
    expect(stdout.trim()).toBe(block('text acceptance-output').trim());
  });

  it('shows how to run the tour', () => {
    expect(readme).toContain(
      'pnpm --filter @musubi/core build && node --import tsx examples/src/core-tour.ts',
    );
  });
});
