import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { descendantsCpuMs } from '../../bench/src/tasks/process-cpu.js';
import { coveredMs } from '../../bench/src/trace-spans.js';

// How the benchmark's UI figures are made: what they count, never how fast anything runs.
describe('the busy time of a traced thread', () => {
  it('counts nested and overlapping spans once, and the gaps between them not at all', () => {
    // a task (0–10 ms) with a nested task (2–5 ms) and one inside that (3–4 ms), then 20–30 and 25–40
    const spans: [number, number][] = [
      [0, 10_000],
      [2_000, 5_000],
      [3_000, 4_000],
      [25_000, 40_000],
      [20_000, 30_000],
    ];
    expect(coveredMs(spans)).toBe(30);
    expect(coveredMs([])).toBe(0);
    expect(coveredMs([[5_000, 5_000]])).toBe(0);
  });
});

describe('the CPU time of the processes below the bench', () => {
  it('keeps the time of a grandchild that ended between two readings (it is in its parent’s)', async () => {
    // the child starts a grandchild that burns CPU, says so, and ends when told; the child reaps it
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process');
         const g = spawn(process.execPath, ['-e', \`
           const t = process.cpuUsage(); while (process.cpuUsage(t).user < 100000) {}
           console.log('burned'); process.stdin.once('data', () => process.exit(0));\`], { stdio: ['pipe', 'pipe', 'inherit'] });
         g.stdout.once('data', () => console.log('burned'));
         g.on('exit', () => console.log('reaped'));
         process.stdin.once('data', () => g.stdin.write('end\\n'));
         process.stdin.once('end', () => process.exit(0));`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines: string[] = [];
    const said = (word: string) =>
      new Promise<void>((resolve) => {
        const look = () => lines.includes(word) && resolve();
        child.stdout.on('data', (chunk: Buffer) => {
          lines.push(...chunk.toString().split('\n').filter(Boolean));
          look();
        });
        look();
      });
    await said('burned');
    const before = descendantsCpuMs();
    expect(before).toBeGreaterThanOrEqual(100);
    child.stdin.write('end\n');
    await said('reaped');
    expect(descendantsCpuMs() - before).toBeGreaterThanOrEqual(0);
    child.stdin.end();
    await once(child, 'exit');
  });
});
