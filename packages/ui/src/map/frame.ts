/**
 * Camera moves of the network map: frame a neighbourhood (a selected node and its neighbours)
 * so that all of it is on screen, rather than zoom in on the node alone.
 */
import type { Attributes } from 'graphology-types';
import type Sigma from 'sigma';
import type { CameraState } from 'sigma/types';

/** Space around the framed nodes (a factor of their extent), for their labels. */
const MARGIN = 1.4;
/** The closest the camera comes to a lone node (a ratio of the whole map). */
const CLOSEST = 0.12;

/** The camera state that shows all of `ids` (those sigma draws), or undefined when none is drawn. */
export function frameOf<N extends Attributes, E extends Attributes>(
  sigma: Sigma<N, E>,
  ids: readonly string[],
): CameraState | undefined {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    const data = sigma.getNodeDisplayData(id);
    if (!data) continue;
    minX = Math.min(minX, data.x);
    maxX = Math.max(maxX, data.x);
    minY = Math.min(minY, data.y);
    maxY = Math.max(maxY, data.y);
  }
  if (minX > maxX) return undefined;
  // how much of the framed graph one screen shows at ratio 1
  const { width, height } = sigma.getDimensions();
  const whole: CameraState = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
  const a = sigma.viewportToFramedGraph({ x: 0, y: 0 }, { cameraState: whole });
  const b = sigma.viewportToFramedGraph({ x: width, y: height }, { cameraState: whole });
  const unitW = Math.abs(b.x - a.x) || 1;
  const unitH = Math.abs(b.y - a.y) || 1;
  const ratio = Math.max(((maxX - minX) * MARGIN) / unitW, ((maxY - minY) * MARGIN) / unitH, CLOSEST);
  return { x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio, angle: 0 };
}

/** How many of `ids` lie inside the map's viewport now (what a person sees). */
export function countInView<N extends Attributes, E extends Attributes>(
  sigma: Sigma<N, E>,
  ids: readonly string[],
): number {
  const { width, height } = sigma.getDimensions();
  let inside = 0;
  for (const id of ids) {
    const data = sigma.getNodeDisplayData(id);
    if (!data) continue;
    const p = sigma.framedGraphToViewport(data);
    if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) inside += 1;
  }
  return inside;
}
