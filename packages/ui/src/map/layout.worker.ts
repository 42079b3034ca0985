/**
 * ForceAtlas2 off the UI thread, for a fixed number of iterations (set by the graph's size, never
 * by the clock), so that the same network gives the same map in every browser and on every machine.
 */
import { MultiGraph } from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { LayoutRequest, LayoutResult } from './layout-messages.js';

addEventListener('message', (event: MessageEvent<LayoutRequest>) => {
  const { nodes, edges, iterations } = event.data;
  const graph = new MultiGraph();
  for (const [id, x, y] of nodes) graph.addNode(id, { x, y });
  for (const [source, target] of edges) graph.addEdge(source, target);
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: graph.order > 500,
    adjustSizes: false,
  };
  const positions = forceAtlas2(graph, { iterations, settings });
  const result: LayoutResult = { positions };
  postMessage(result);
});
