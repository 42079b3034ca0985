/**
 * ForceAtlas2 off the UI thread, for a fixed number of iterations (set by the graph's size, never
 * by the clock), so that the same network gives the same map in every browser and on every machine.
 * Where no worker can be had, the page runs the same layout in slices (use-layout.ts).
 */
import { forceLayout } from './force-layout.js';
import type { LayoutRequest, LayoutResult } from './layout-messages.js';

addEventListener('message', (event: MessageEvent<LayoutRequest>) => {
  const layout = forceLayout(event.data);
  layout.step(layout.left);
  const result: LayoutResult = { positions: layout.positions() };
  postMessage(result);
});
