/**
 * Zoom and pan of the world map with d3-zoom (wheel, drag, pinch, double-click) on the stage
 * element, and the size of that element, so that the projection fills it in pixels.
 */
import { select } from 'd3-selection';
import { type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity } from 'd3-zoom';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

/** How far in one may zoom: a city's surroundings at the largest. */
export const MAX_ZOOM = 64;

export interface WorldZoom {
  size: { width: number; height: number };
  transform: ZoomTransform;
  /** Zooms by a factor about the stage's centre (the + and − buttons). */
  zoomBy: (factor: number) => void;
  /** Back to the whole world. */
  reset: () => void;
}

export function useWorldZoom(stage: RefObject<HTMLElement | null>): WorldZoom {
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const behaviour = useRef<ZoomBehavior<HTMLElement, unknown> | undefined>(undefined);

  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      setSize((s) =>
        Math.round(width) === s.width && Math.round(height) === s.height
          ? s
          : { width: Math.round(width), height: Math.round(height) },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [stage]);

  useEffect(() => {
    const element = stage.current;
    if (!element || size.width === 0) return;
    const extent: [[number, number], [number, number]] = [
      [0, 0],
      [size.width, size.height],
    ];
    const z = zoom<HTMLElement, unknown>()
      .scaleExtent([1, MAX_ZOOM])
      .extent(extent)
      .translateExtent(extent)
      // d3's own filter, and not from the list of a cluster or the zoom buttons (a wheel there scrolls)
      .filter((event: MouseEvent) => {
        const inside = event.target instanceof Element && event.target.closest('.world-list, .world-zoom');
        return (!event.ctrlKey || event.type === 'wheel') && !event.button && !inside;
      })
      .on('zoom', (event: { transform: ZoomTransform }) => setTransform(event.transform));
    const selection = select(element);
    selection.call(z);
    behaviour.current = z;
    return () => {
      selection.on('.zoom', null);
      behaviour.current = undefined;
    };
  }, [stage, size.width, size.height]);

  const zoomBy = useCallback(
    (factor: number) => {
      const element = stage.current;
      if (element && behaviour.current) behaviour.current.scaleBy(select(element), factor);
    },
    [stage],
  );
  const reset = useCallback(() => {
    const element = stage.current;
    if (element && behaviour.current) behaviour.current.transform(select(element), zoomIdentity);
  }, [stage]);

  return { size, transform, zoomBy, reset };
}
