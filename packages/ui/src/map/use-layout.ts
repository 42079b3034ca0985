/**
 * Runs the seeded ForceAtlas2 layout in a web worker (layout.worker.ts) and puts its positions on
 * the display graph, then keeps them. The page stays responsive while it runs. Where no worker can
 * be had (it cannot be created, or its script does not load or fails), the page runs the same
 * layout itself, in slices (force-layout.ts), to the same map: nothing is said, as nothing is lost.
 */
import type { EntityKind } from '@musubi/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type DisplayGraph, positionsOf } from './display-graph.js';
import { type LayoutRequest, type LayoutResult, layoutIterations } from './layout-messages.js';
import { savePositions, seededPosition } from './positions.js';

/** Where the last layout ran: in its worker, or on the page when no worker could be had. */
export type LayoutPlace = 'worker' | 'page';

/** The layout worker, or `undefined` where this browser cannot create one. */
function startWorker(): Worker | undefined {
  try {
    return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return undefined;
  }
}

/**
 * Returns whether the layout runs, a function to run it (again), `placed`: how many times its
 * positions were put on the graph (a camera framing the selection follows them), and `ranIn`: where
 * the last one ran. `beforePlace` is called just before the positions move, in the same task.
 */
export function useLayout(graph: DisplayGraph, beforePlace?: () => void) {
  const before = useRef(beforePlace);
  before.current = beforePlace;
  const [running, setRunning] = useState(false);
  const [placed, setPlaced] = useState(0);
  const [ranIn, setRanIn] = useState<LayoutPlace | undefined>(undefined);
  const worker = useRef<Worker | undefined>(undefined);
  const onPage = useRef<AbortController | undefined>(undefined);

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = undefined;
    onPage.current?.abort();
    onPage.current = undefined;
    setRunning(false);
  }, []);

  const run = useCallback(() => {
    if (graph.order === 0) return;
    stop();
    const request: LayoutRequest = {
      // from the seeded places, not the current ones: the same network gives everyone the same map
      nodes: graph.mapNodes((id, a) => {
        const at = seededPosition(id, a.kind as EntityKind);
        return [id, at.x, at.y];
      }),
      edges: graph.mapEdges((_, __, source, target) => [source, target]),
      iterations: layoutIterations(graph.order),
    };
    const place = (result: LayoutResult, where: LayoutPlace) => {
      before.current?.();
      // in one pass, told to sigma as one event (a merge per node redrew the map once per node)
      graph.updateEachNodeAttributes(
        (id, attributes) => {
          const at = result.positions[id];
          return at ? { ...attributes, x: at.x, y: at.y } : attributes;
        },
        { attributes: ['x', 'y'] },
      );
      savePositions(positionsOf(graph));
      setRanIn(where);
      setPlaced((n) => n + 1);
      stop();
    };
    const runOnPage = () => {
      worker.current?.terminate();
      worker.current = undefined;
      const abort = new AbortController();
      onPage.current = abort;
      // the layout's code loads only here: a page with its worker never needs it
      import('./force-layout.js')
        .then(({ layoutInSlices }) => layoutInSlices(request, { signal: abort.signal }))
        .then(
          (result) => {
            if (result && !abort.signal.aborted) place(result, 'page');
          },
          // the page keeps its seeded places, as a map that is not laid out yet
          () => {
            if (!abort.signal.aborted) stop();
          },
        );
    };
    const w = startWorker();
    if (w) {
      worker.current = w;
      w.addEventListener('message', (event: MessageEvent<LayoutResult>) => place(event.data, 'worker'));
      // its script did not load, or failed: the page does the work
      w.addEventListener('error', (event) => {
        event.preventDefault();
        if (worker.current === w) runOnPage();
      });
      w.postMessage(request);
    } else {
      runOnPage();
    }
    setRunning(true);
  }, [graph, stop]);

  useEffect(() => stop, [stop]);

  return { running, run, placed, ranIn };
}
