/** What the map sends its layout worker and what comes back (see layout.worker.ts). */
export interface LayoutRequest {
  /** Each node as [id, x, y], in the display graph's order (the order changes the result). */
  nodes: [string, number, number][];
  edges: [string, string][];
  iterations: number;
}

export interface LayoutResult {
  positions: Record<string, { x: number; y: number }>;
}

/** Iterations of ForceAtlas2 for a graph of `order` nodes: fewer for big graphs, none by the clock. */
export function layoutIterations(order: number): number {
  if (order <= 300) return 500;
  if (order <= 3000) return 150;
  return 50;
}
