/**
 * `pnpm bench [--scale S|M|L]… [--all] [--json] [--seed N] [--no-ui] [--ui-only] [--ui-baseline DIR]
 * [--tasks open,export,…]`: generates networks at each scale and prints one table per scale (time,
 * memory, and the ratio to side-by-side references). `--tasks` runs only those groups of rows (open,
 * query, report, export, ui, write; all by default): the network is always opened, the references the
 * other groups need (cytoscape, PGlite) are built only when a group needs them. `--ui-only` measures
 * the UI rows alone; `--ui-baseline` also measures another built UI (`vite build --outDir DIR` of an
 * earlier commit) in the same run, beside this one; `--ui-baseline-seed loose` gives it the log one
 * entry per change (a build from before IndexedDB's packed blocks cannot open a packed database).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Engagement, Entity, Link } from '@musubi/core';
import { generateNetwork, type Scale, scales } from './generator.js';
import { machine } from './machine.js';
import { collectGarbage, measure } from './measure.js';
import { against, type BenchResult, formatTable, type Row, type ScaleResult } from './results.js';
import { cytoscapeGraph } from './tasks/bare-graph.js';
import { exportRows } from './tasks/export.js';
import { writeLogFile } from './tasks/log-file.js';
import { openRows } from './tasks/open.js';
import { queryRows } from './tasks/queries.js';
import { reportRow } from './tasks/report.js';
import { formatServerTable, serverBench } from './tasks/server.js';
import { loadSql } from './tasks/sql.js';
import { buildUi, uiRows } from './tasks/ui.js';
import { writeRows } from './tasks/write.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', multiple: true },
    all: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    ui: { type: 'boolean', default: true },
    // only the Chromium rows (the network is generated and written, nothing else measured)
    'ui-only': { type: 'boolean', default: false },
    // a built UI of another commit, measured in the same run before this one's
    'ui-baseline': { type: 'string' },
    // how the baseline's IndexedDB is seeded: packed (as this build keeps it) or loose (older builds)
    'ui-baseline-seed': { type: 'string', default: 'packed' },
    // the team server under load (PGlite, and PostgreSQL when installed); --server-only for it alone
    server: { type: 'boolean', default: true },
    'server-only': { type: 'boolean', default: false },
    'server-clients': { type: 'string', default: '50' },
    'server-changes': { type: 'string', default: '200' },
    tasks: { type: 'string', multiple: true },
    // whether the store's open validates in a worker thread: auto (openNetworkFile's default), on, off
    'open-worker': { type: 'string', default: 'auto' },
  },
  allowNegative: true,
});

const wanted = values['server-only']
  ? []
  : values.all
    ? ['S', 'M', 'L']
    : (values.scale ?? ['S', 'M']).flatMap((s) => s.toUpperCase().split(','));
for (const name of wanted) {
  if (!(name in scales)) {
    console.error(`unknown scale ${name}: use S, M or L`);
    process.exit(2);
  }
}
const groups = ['open', 'query', 'report', 'export', 'ui', 'write'] as const;
type Group = (typeof groups)[number];
const chosen = new Set<string>(
  values.tasks ? values.tasks.flatMap((t) => t.toLowerCase().split(',')) : groups,
);
for (const name of chosen) {
  if (!(groups as readonly string[]).includes(name)) {
    console.error(`unknown task group ${name}: use ${groups.join(', ')}`);
    process.exit(2);
  }
}
const runs = (group: Group) => chosen.has(group);
if (!(globalThis as { gc?: unknown }).gc)
  console.error('note: run with --expose-gc (pnpm bench does) for memory figures');

const began = performance.now();
const log = (message: string) =>
  console.error(`[bench ${((performance.now() - began) / 1000).toFixed(0)}s] ${message}`);
const MB = 1024 * 1024;

async function runScale(scale: Scale, dir: string): Promise<ScaleResult> {
  const opens = scale.name === 'S' ? 3 : 1;
  log(
    `${scale.name}: generating ${scale.entities} entities, ${scale.links} links, ${scale.engagements} engagements`,
  );
  let generated: ReturnType<typeof generateNetwork> | undefined = generateNetwork(scale, {
    seed: Number(values.seed),
  });
  const openWorker = values['open-worker'];
  const file = await writeLogFile(path.join(dir, `network-${scale.name}.ndjson`), generated.log, {
    validateInWorker: openWorker === 'on' ? true : openWorker === 'off' ? false : 'auto',
  });
  const changes = generated.log.length;
  const hints = withoutLog(generated);
  generated = undefined; // the log lives in the file from here on
  collectGarbage();
  const fileMB = statSync(file.path).size / MB;
  const rows: Row[] = [];
  if (values['ui-only']) {
    rows.push(...(await uiRowsOf(scale, file.path, changes)));
    const counts = { entities: scale.entities, links: scale.links, engagements: scale.engagements };
    return {
      scale: scale.name,
      counts: { ...counts, changes, fileMB },
      rows,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    };
  }
  log(`${scale.name}: opening (${changes} changes, ${fileMB.toFixed(0)} MB)`);
  const opened = await openRows(file, opens, (step) => log(`${scale.name}: open: ${step}`), hints);
  rows.push(...opened.rows);
  const network = opened.network;
  const buildRow = rows[rows.length - 1];
  const entities = network.entities() as Entity[];
  const links = network.links() as Link[];
  const engagements = network.engagements() as Engagement[];

  let cy: ReturnType<typeof cytoscapeGraph> | undefined;
  if (scale.name !== 'L' && runs('query')) {
    log(`${scale.name}: cytoscape`);
    const built = await measure(() => cytoscapeGraph(entities, links), { runs: 1 });
    cy = built.result;
    buildRow?.references.push(
      against('cytoscape (entities + links only)', built.ms, buildRow.musubi?.ms ?? 0),
    );
  }
  if (runs('query') || runs('report')) {
    log(`${scale.name}: loading PGlite`);
    const sqlLoad = await measure(() => loadSql(entities, links, engagements), { runs: 1 });
    const sql = sqlLoad.result;
    buildRow?.references.push(against('PGlite COPY + indexes', sqlLoad.ms, buildRow.musubi?.ms ?? 0));
    if (runs('query')) {
      log(`${scale.name}: queries`);
      rows.push(...(await queryRows(network, { ...hints, log: [] }, sql, cy)));
    }
    if (runs('report')) rows.push(await reportRow(network, sql));
    cy = undefined;
    await sql.close();
  }

  if (runs('export')) {
    log(`${scale.name}: exports`);
    rows.push(...(await exportRows(network, { whole: scale.name !== 'L' })));
  }

  if (scale.name !== 'L' && runs('ui')) rows.push(...(await uiRowsOf(scale, file.path, changes)));

  if (runs('write')) {
    log(`${scale.name}: writes`);
    rows.push(
      ...(await writeRows(
        network,
        { ...hints, log: [] },
        file.via === 'store' ? 'acknowledged by the NDJSON store' : 'in memory (no store)',
      )),
    );
  }
  await file.close(network);
  file.dropSnapshot();
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  return {
    scale: scale.name,
    counts: { ...network.counts(), engagements: engagements.length, changes, fileMB },
    rows,
    peakRssMB,
  };
}

/** The UI rows of a scale: the app is built once per run, into the run's directory. */
let uiDist: string | undefined;
async function uiRowsOf(scale: Scale, logFile: string, changes: number): Promise<Row[]> {
  const task = 'page load → first drawn map; frame time while panning';
  if (!values.ui) return [{ group: 'ui', task, references: [], note: 'skipped (--no-ui)' }];
  try {
    if (!uiDist) {
      log('building the UI (vite build)');
      uiDist = path.join(dir, 'ui');
      buildUi(uiDist);
    }
    const runs = scale.name === 'S' ? 3 : 1;
    const rows: Row[] = [];
    const baseline = values['ui-baseline'];
    if (baseline) {
      log(`${scale.name}: the baseline UI in Chromium (load average ${os.loadavg()[0]?.toFixed(1)})`);
      const layout = values['ui-baseline-seed'] === 'loose' ? 'loose' : 'packed';
      const before = await uiRows({ dist: path.resolve(baseline), logFile, changes, runs, layout });
      rows.push(...before.map((row) => ({ ...row, task: `${row.task} [baseline]` })));
    }
    log(`${scale.name}: UI in Chromium (load average ${os.loadavg()[0]?.toFixed(1)})`);
    rows.push(...(await uiRows({ dist: uiDist, logFile, changes, runs })));
    return rows;
  } catch (error) {
    return [
      { group: 'ui', task, references: [], note: `failed: ${(error as Error).message.split('\n')[0]}` },
    ];
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'musubi-bench-'));
// an interrupted run (Ctrl-C, a timeout) leaves no gigabytes of logs behind
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
const result: BenchResult = {
  date: new Date().toISOString(),
  machine: machine(),
  load: { start: os.loadavg()[0] ?? 0 },
  scales: [],
};
try {
  for (const name of wanted) {
    const scaleResult = await runScale(scales[name as keyof typeof scales], dir);
    result.scales.push(scaleResult);
    const table = formatTable(scaleResult);
    if (values.json) console.error(`\n${table}\n`);
    else console.log(`\n${table}\n`);
    collectGarbage();
  }
  if ((values.server && !values['ui-only']) || values['server-only']) {
    result.server = await serverBench({
      log,
      clients: Number(values['server-clients']),
      perClient: Number(values['server-changes']),
    });
    const table = formatServerTable(result.server);
    if (values.json) console.error(`\n${table}\n`);
    else console.log(`\n${table}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const m = result.machine;
const cpu = process.cpuUsage();
result.load.end = os.loadavg()[0] ?? 0;
result.cost = { wallS: (performance.now() - began) / 1000, cpuS: (cpu.user + cpu.system) / 1e6 };
const footer = [
  `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, ${m.platform}`,
  `run: ${result.cost.wallS.toFixed(0)} s wall, ${result.cost.cpuS.toFixed(0)} s CPU in this process (PGlite included, Chromium not); load average ${result.load.start.toFixed(1)} at start, ${result.load.end.toFixed(1)} at end`,
].join('\n');
if (values.json) {
  const out = new URL('../results/', import.meta.url);
  mkdirSync(out, { recursive: true });
  writeFileSync(new URL('latest.json', out), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  console.error(footer);
} else console.log(footer);

/**
 * The generated network's hints without its log. A function of its own: a variable of `runScale`
 * bound to the log (`const { log: _, ...hints }`) kept it alive until the scale ended, though never
 * read (an async function's locals live while it awaits), and at L every gc of the open walked the
 * generator's 1.5 million changes too (the open 2.5× the floor here, 2× in a fresh process).
 */
function withoutLog({ log: _, ...hints }: ReturnType<typeof generateNetwork>) {
  return hints;
}
