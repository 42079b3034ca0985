/**
 * Runs ForceAtlas2 in a web worker (graphology's supervisor) for a short while, then keeps the
 * positions. The page stays responsive while it runs.
 */
import { inferSettings } from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type DisplayGraph, positionsOf } from './display-graph.js';
import { savePositions } from './positions.js';

const RUN_MS = 2500;

/**
 * Returns whether the layout runs, whether the positions are final (`settled`: kept from before, or a
 * run has finished) and a function to run it again. Runs at once when `fresh`.
 */
export function useLayout(graph: DisplayGraph | undefined, fresh: boolean) {
  const [running, setRunning] = useState(false);
  const [finished, setFinished] = useState<DisplayGraph | undefined>(undefined);
  const supervisor = useRef<FA2LayoutSupervisor | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stop = useCallback(() => {
    clearTimeout(timer.current);
    supervisor.current?.kill();
    supervisor.current = undefined;
    setRunning(false);
  }, []);

  const run = useCallback(() => {
    if (!graph || graph.order === 0) return;
    stop();
    const layout = new FA2LayoutSupervisor(graph, {
      settings: { ...inferSettings(graph), barnesHutOptimize: graph.order > 500, adjustSizes: false },
    });
    supervisor.current = layout;
    layout.start();
    setRunning(true);
    timer.current = setTimeout(() => {
      layout.stop();
      savePositions(positionsOf(graph));
      stop();
      setFinished(graph);
    }, RUN_MS);
  }, [graph, stop]);

  useEffect(() => {
    if (fresh) run();
    return stop;
  }, [fresh, run, stop]);

  const empty = !graph || graph.order === 0;
  return { running, settled: !running && (!fresh || empty || finished === graph), run };
}
