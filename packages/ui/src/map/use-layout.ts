/**
 * Runs the seeded ForceAtlas2 layout in a web worker (layout.worker.ts) and puts its positions on
 * the display graph, then keeps them. The page stays responsive while it runs.
 */
import type { EntityKind } from '@musubi/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type DisplayGraph, positionsOf } from './display-graph.js';
import { type LayoutRequest, type LayoutResult, layoutIterations } from './layout-messages.js';
import { savePositions, seededPosition } from './positions.js';

/**
 * Returns whether the layout runs, a function to run it (again), and `placed`: how many times its
 * positions were put on the graph (a camera framing the selection follows them). `beforePlace` is
 * called just before the positions move, in the same task.
 */
export function useLayout(graph: DisplayGraph, beforePlace?: () => void) {
  const before = useRef(beforePlace);
  before.current = beforePlace;
  const [running, setRunning] = useState(false);
  const [placed, setPlaced] = useState(0);
  const worker = useRef<Worker | undefined>(undefined);

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = undefined;
    setRunning(false);
  }, []);

  const run = useCallback(() => {
    if (graph.order === 0) return;
    stop();
    const w = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    const request: LayoutRequest = {
      // from the seeded places, not the current ones: the same network gives everyone the same map
      nodes: graph.mapNodes((id, a) => {
        const at = seededPosition(id, a.kind as EntityKind);
        return [id, at.x, at.y];
      }),
      edges: graph.mapEdges((_, __, source, target) => [source, target]),
      iterations: layoutIterations(graph.order),
    };
    w.addEventListener('message', (event: MessageEvent<LayoutResult>) => {
      before.current?.();
      for (const [id, at] of Object.entries(event.data.positions)) {
        if (graph.hasNode(id)) graph.mergeNodeAttributes(id, at);
      }
      savePositions(positionsOf(graph));
      setPlaced((n) => n + 1);
      stop();
    });
    w.postMessage(request);
    setRunning(true);
  }, [graph, stop]);

  useEffect(() => stop, [stop]);

  return { running, run, placed };
}
