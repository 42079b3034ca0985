/**
 * The map's seeded ForceAtlas2, a number of iterations at a time: the layout worker runs it whole,
 * and the page, where no worker can be had, runs it in slices and yields between them. Both run the
 * same iterations on the same matrices, so they give the same map.
 *
 * graphology-layout-forceatlas2's entry runs all its iterations in one call; its own `iterate` and
 * `helpers` (the files that entry is made of) let the state (positions, speeds, convergence) live
 * on between slices. A test checks that this gives exactly what the entry gives.
 */
import { MultiGraph } from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import defaults from 'graphology-layout-forceatlas2/defaults.js';
import helpers from 'graphology-layout-forceatlas2/helpers.js';
import iterate from 'graphology-layout-forceatlas2/iterate.js';
import type { LayoutRequest, LayoutResult } from './layout-messages.js';

/** A layout under way: `step` runs more iterations, `positions` reads where the nodes are. */
export interface ForceLayout {
  /** Iterations still to run. */
  readonly left: number;
  /** Runs up to `n` more iterations; returns how many are left. */
  step(n: number): number;
  positions(): LayoutResult['positions'];
}

/** Starts the layout of `request` (its nodes at their seeded places); runs no iteration yet. */
export function forceLayout(request: LayoutRequest): ForceLayout {
  const graph = new MultiGraph();
  for (const [id, x, y] of request.nodes) graph.addNode(id, { x, y });
  for (const [source, target] of request.edges) graph.addEdge(source, target);
  const settings = {
    ...defaults,
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: graph.order > 500,
    adjustSizes: false,
  };
  // every edge weighs 1 (the entry's default for edges without a weight)
  const matrices = helpers.graphToByteArrays(graph, () => 1);
  let left = request.iterations;
  return {
    get left() {
      return left;
    },
    step(n) {
      for (const end = Math.max(0, left - n); left > end; left--)
        iterate(settings, matrices.nodes, matrices.edges);
      return left;
    },
    positions: () => helpers.collectLayoutChanges(graph, matrices.nodes),
  };
}

/** About how much work one slice on the page does (a few milliseconds on a slow machine). */
const SLICE_WORK = 200_000;

/**
 * Iterations in one slice on the page, by the graph's size, never by the clock: an iteration costs
 * about n² (n log n with Barnes-Hut, over 500 nodes) plus the edges.
 */
export function sliceIterations(request: LayoutRequest): number {
  const n = request.nodes.length;
  const perIteration = (n > 500 ? n * Math.log2(n) : n * n) + request.edges.length;
  return Math.max(1, Math.floor(SLICE_WORK / Math.max(1, perIteration)));
}

/** Lets the page handle input and draw: `scheduler.yield()` where the browser has it. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs the layout of `request` on the page in slices of `sliceIterations`, awaiting `pause` between
 * them. Resolves with the positions, or with `undefined` when `signal` aborts it (a newer run, or the
 * map gone).
 */
export async function layoutInSlices(
  request: LayoutRequest,
  { signal, pause = yieldToPage }: { signal?: AbortSignal; pause?: () => Promise<void> } = {},
): Promise<LayoutResult | undefined> {
  const layout = forceLayout(request);
  const slice = sliceIterations(request);
  while (layout.step(slice) > 0) {
    await pause();
    if (signal?.aborted) return undefined;
  }
  return signal?.aborted ? undefined : { positions: layout.positions() };
}
