import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine the benchmark ran on, for the README. */
export function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const match = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) cpu = match[1].trim();
  } catch {
    // not Linux: os.cpus() is enough
  }
  return {
    cpu,
    cores: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}
