import { readdirSync, readFileSync } from 'node:fs';

/** Linux's clock ticks per second for /proc's CPU times (USER_HZ, 100 on every common kernel). */
const TICKS = 100;

/**
 * The CPU time (user + system, ms) used so far by every process below this one (Chromium's
 * browser, GPU, renderer and utility processes that playwright launched), read from /proc. A
 * figure that the machine's load does not inflate as it does wall time: on a shared machine the
 * difference over a page load says what the load cost, wherever its threads ran.
 *
 * Each process counts with the time of its children that ended (`cutime`, `cstime`): a renderer
 * that ends between two readings (the previous context's, closed just before) leaves the list of
 * processes, but its time stays in its parent's, so that the difference of two readings is never
 * short of it. Counting live processes alone made "first start" at M come out negative: the
 * previous page's renderer, with a minute of CPU, ended during the load.
 */
export function descendantsCpuMs(root = process.pid): number {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    // the command name is in parentheses and may hold spaces: the fields after it are fixed
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const pid = Number(entry);
    // utime, stime, cutime, cstime (fields 14–17 of stat)
    cpu.set(pid, Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let ticks = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    ticks += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return (ticks * 1000) / TICKS;
}
