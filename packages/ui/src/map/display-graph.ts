/**
 * The graph sigma draws: a copy of the core's read-only graph with display attributes
 * (position, colour, size). The core's graph is never mutated.
 */
import type { Link, Network } from '@musubi/core';
import { MultiDirectedGraph } from 'graphology';
import { tiesOf } from './engagement-ties.js';
import { kindColors, linkColors, linkWidths, TIE_COLOR } from './palette.js';
import { loadPositions, type Positions, seededPosition } from './positions.js';

export interface DisplayNode {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: string;
  nameJa: string;
  nameEn: string;
}
export interface DisplayEdge {
  size: number;
  color: string;
  kind: Link['kind'] | 'engagement';
}
export type DisplayGraph = MultiDirectedGraph<DisplayNode, DisplayEdge>;

/** Builds the display graph of the whole (live) network; returns whether any node had no kept position. */
export function buildDisplayGraph(
  network: Network,
  kept: Positions = loadPositions(),
): { graph: DisplayGraph; fresh: boolean } {
  const graph: DisplayGraph = new MultiDirectedGraph();
  let fresh = false;
  for (const e of network.entities()) {
    const at = kept[e.id] ?? seededPosition(e.id, e.kind);
    if (!kept[e.id]) fresh = true;
    const nameJa = e.name.ja ?? e.name.en ?? e.id;
    graph.addNode(e.id, {
      x: at.x,
      y: at.y,
      size: 5,
      color: kindColors[e.kind],
      label: nameJa,
      kind: e.kind,
      nameJa,
      nameEn: e.name.en ?? nameJa,
    });
  }
  for (const l of network.links()) {
    if (!graph.hasNode(l.source) || !graph.hasNode(l.target)) continue;
    graph.addDirectedEdgeWithKey(l.id, l.source, l.target, {
      size: linkWidths[l.kind],
      color: linkColors[l.kind],
      kind: l.kind,
    });
  }
  // engagement ties of all time; which are drawn depends on the day shown (see visibleNetwork)
  const isSelf = (id: string) => network.entity(id)?.kind === 'self';
  for (const [key, tie] of tiesOf(network.engagements(), isSelf)) {
    if (!graph.hasNode(tie.source) || !graph.hasNode(tie.target)) continue;
    graph.addDirectedEdgeWithKey(key, tie.source, tie.target, {
      size: 0.5 + Math.log2(1 + tie.count) / 2,
      color: TIE_COLOR,
      kind: 'engagement',
    });
  }
  return { graph, fresh };
}

/** The current positions of a display graph, to keep. */
export function positionsOf(graph: DisplayGraph): Positions {
  const out: Positions = {};
  graph.forEachNode((id, a) => {
    out[id] = { x: a.x, y: a.y };
  });
  return out;
}
