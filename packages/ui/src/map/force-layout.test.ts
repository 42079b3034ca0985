import fc from 'fast-check';
import { MultiGraph } from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { describe, expect, it } from 'vitest';
import { forceLayout, layoutInSlices, sliceIterations } from './force-layout.js';
import type { LayoutRequest } from './layout-messages.js';

/** What graphology-layout-forceatlas2's entry gives for `request`, in one call (the worker's former way). */
function entryLayout(request: LayoutRequest) {
  const graph = new MultiGraph();
  for (const [id, x, y] of request.nodes) graph.addNode(id, { x, y });
  for (const [source, target] of request.edges) graph.addEdge(source, target);
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: graph.order > 500,
    adjustSizes: false,
  };
  return forceAtlas2(graph, { iterations: request.iterations, settings });
}

/** A layout request: `n` nodes on distinct points of a grid, edges between them, `iterations`. */
const requests = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    nodes: fc.constant(
      Array.from({ length: n }, (_, i): [string, number, number] => [`n${i}`, (i % 7) * 10, i * 3]),
    ),
    edges: fc.array(
      fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).map(([s, t]): [string, string] => [`n${s}`, `n${t}`]),
      { maxLength: 60 },
    ),
    iterations: fc.integer({ min: 1, max: 40 }),
  }),
);

/** A ring of `n` nodes with a chord from every third node. */
function ring(n: number, iterations: number): LayoutRequest {
  const nodes = Array.from({ length: n }, (_, i): [string, number, number] => [
    `n${i}`,
    Math.cos(i) * 100,
    Math.sin(i) * 100,
  ]);
  const edges: [string, string][] = nodes.map((_, i) => [`n${i}`, `n${(i + 1) % n}`]);
  for (let i = 0; i < n; i += 3) edges.push([`n${i}`, `n${(i * 7) % n}`]);
  return { nodes, edges, iterations };
}

describe('the map’s ForceAtlas2 in steps', () => {
  it('gives exactly what the library’s one call gives, however the iterations are split', () => {
    fc.assert(
      fc.property(requests, fc.integer({ min: 1, max: 50 }), (request, slice) => {
        const layout = forceLayout(request);
        while (layout.step(slice) > 0);
        expect(layout.positions()).toEqual(entryLayout(request));
      }),
      { numRuns: 60 },
    );
  });

  it('runs on the page in slices set by the graph’s size, yielding between them', async () => {
    const request = ring(300, 150);
    const slice = sliceIterations(request);
    expect(slice).toBeGreaterThan(0);
    expect(slice).toBeLessThan(request.iterations);
    let pauses = 0;
    const result = await layoutInSlices(request, {
      pause: async () => {
        pauses++;
      },
    });
    expect(pauses).toBe(Math.ceil(request.iterations / slice) - 1);
    expect(result?.positions).toEqual(entryLayout(request));
  });

  it('gives nothing once aborted (a newer run, or the map gone)', async () => {
    const request = ring(300, 150);
    const abort = new AbortController();
    let pauses = 0;
    const result = await layoutInSlices(request, {
      signal: abort.signal,
      pause: async () => {
        if (++pauses === 2) abort.abort();
      },
    });
    expect(result).toBeUndefined();
    expect(pauses).toBe(2);
  });
});
