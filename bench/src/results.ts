import type { Measurement } from './measure.js';

/** A side-by-side reference measured in the same run, and how Musubi compares to it. */
export interface Reference {
  readonly name: string;
  readonly ms: number;
  /** Musubi's time divided by the reference's: below 1 is faster than the reference. */
  readonly ratio: number;
}

/** One row of a scale's table. */
export interface Row {
  readonly group: 'open' | 'write' | 'query' | 'export' | 'ui';
  readonly task: string;
  /** Missing when the task could not run (see `note`). */
  readonly musubi?: Omit<Measurement, 'result'>;
  readonly references: Reference[];
  readonly note?: string;
}

export interface ScaleResult {
  readonly scale: string;
  readonly counts: { entities: number; links: number; engagements: number; changes: number; fileMB: number };
  readonly rows: Row[];
  /** The process's peak resident set at the end of the scale, in MB. */
  readonly peakRssMB: number;
}

export interface BenchResult {
  readonly date: string;
  readonly machine: { cpu: string; cores: number; memoryGB: number; node: string; platform: string };
  /** The machine's 1-minute load average when the run began and ended: other work skews times. */
  readonly load: { start: number; end?: number };
  /** Wall time and CPU time (user + system) of the whole run, in seconds. */
  cost?: { wallS: number; cpuS: number };
  readonly scales: ScaleResult[];
  /** The team server task (bench/src/tasks/server.ts). */
  server?: import('./tasks/server.js').ServerFigures[];
}

/** A reference and Musubi's ratio to it. */
export function against(name: string, ms: number, musubiMs: number): Reference {
  return { name, ms, ratio: ms > 0 ? musubiMs / ms : Number.NaN };
}

const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtMB = (mb: number) => (Number.isFinite(mb) ? mb.toFixed(0) : '—');
/** Musubi's time over the reference's: `3.2×` slower, `1/40×` = forty times faster. */
const fmtRatio = (r: number) => {
  if (!Number.isFinite(r) || r <= 0) return '—';
  if (r >= 10) return `${r.toFixed(0)}×`;
  if (r >= 0.5) return `${r.toFixed(2)}×`;
  return `1/${(1 / r).toFixed(1 / r >= 10 ? 0 : 1)}×`;
};

/** The table of one scale as Markdown (readable in a terminal, pasteable into the README). */
export function formatTable(result: ScaleResult): string {
  const c = result.counts;
  const lines = [
    `### Scale ${result.scale}: ${c.entities.toLocaleString('en')} entities, ${c.links.toLocaleString('en')} links, ${c.engagements.toLocaleString('en')} engagements (${c.changes.toLocaleString('en')} changes, ${c.fileMB.toFixed(0)} MB NDJSON)`,
    '',
    '| task | Musubi ms | runs | heap MB | rss MB | reference: its ms (Musubi ÷ reference; 1/N× = N times faster) | note |',
    '|---|---:|---:|---:|---:|---|---|',
  ];
  for (const row of result.rows) {
    const m = row.musubi;
    const refs = row.references.map((r) => `${r.name}: ${fmtMs(r.ms)} (${fmtRatio(r.ratio)})`).join('; ');
    lines.push(
      `| ${row.group}: ${row.task} | ${m ? fmtMs(m.ms) : '—'} | ${m ? m.runs : ''} | ${m ? fmtMB(m.heapMB) : ''} | ${m ? fmtMB(m.rssMB) : ''} | ${refs} | ${row.note ?? ''} |`,
    );
  }
  lines.push('', `peak RSS of the process: ${result.peakRssMB.toFixed(0)} MB`);
  return lines.join('\n');
}
