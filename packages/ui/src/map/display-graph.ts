/**
 * The graph sigma draws: a copy of the core's read-only graph with display attributes
 * (position, colour, size). The core's graph is never mutated. One display graph lives as long as
 * the map: a change of the network updates it in place (sigma follows its events), so positions
 * stay where they are and the renderer is never made anew.
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

/** An empty display graph, to fill with `syncDisplayGraph`. */
export function createDisplayGraph(): DisplayGraph {
  return new MultiDirectedGraph();
}

/**
 * Makes `graph` show `network`: adds, updates and removes nodes and edges in place. A new node
 * takes its kept position, or else the middle of its placed neighbours (a little off, by its id),
 * or else its seeded place. Returns whether most nodes had no kept position (a first visit, or a
 * network replaced by an import): then the layout should run.
 */
export function syncDisplayGraph(
  graph: DisplayGraph,
  network: Network,
  kept: Positions = loadPositions(),
): { fresh: boolean } {
  const entities = network.entities();
  const ids = new Set(entities.map((e) => e.id));
  graph.forEachNode((id) => {
    if (!ids.has(id)) graph.dropNode(id);
  });
  const added: string[] = [];
  let unknown = 0;
  for (const e of entities) {
    const nameJa = e.name.ja ?? e.name.en ?? e.id;
    const attributes = {
      color: kindColors[e.kind],
      label: nameJa,
      kind: e.kind,
      nameJa,
      nameEn: e.name.en ?? nameJa,
    };
    if (!kept[e.id]) unknown += 1;
    if (graph.hasNode(e.id)) {
      graph.mergeNodeAttributes(e.id, attributes);
      continue;
    }
    const at = kept[e.id] ?? seededPosition(e.id, e.kind);
    graph.addNode(e.id, { x: at.x, y: at.y, size: 5, ...attributes });
    if (!kept[e.id]) added.push(e.id);
  }
  syncEdges(graph, network);
  // new nodes beside the neighbours they were linked to, so the map does not move to make room
  // (a set: on a first visit every node is new, and a list's `includes` made this quadratic)
  const isNew = new Set(added);
  for (const id of added) {
    const placed = graph.neighbors(id).filter((n) => !isNew.has(n));
    if (placed.length === 0) continue;
    const seeded = seededPosition(id, 'person');
    const x = placed.reduce((sum, n) => sum + graph.getNodeAttribute(n, 'x'), 0) / placed.length;
    const y = placed.reduce((sum, n) => sum + graph.getNodeAttribute(n, 'y'), 0) / placed.length;
    graph.mergeNodeAttributes(id, { x: x + seeded.x / 20, y: y + seeded.y / 20 });
  }
  return { fresh: entities.length > 0 && unknown * 2 > entities.length };
}

function syncEdges(graph: DisplayGraph, network: Network): void {
  const wanted = new Map<string, { source: string; target: string; attributes: DisplayEdge }>();
  for (const l of network.links()) {
    if (!graph.hasNode(l.source) || !graph.hasNode(l.target)) continue;
    wanted.set(l.id, {
      source: l.source,
      target: l.target,
      attributes: { size: linkWidths[l.kind], color: linkColors[l.kind], kind: l.kind },
    });
  }
  // engagement ties of all time; which are drawn depends on the day shown (see visibleNetwork)
  const isSelf = (id: string) => network.entity(id)?.kind === 'self';
  for (const [key, tie] of tiesOf(network.engagements(), isSelf)) {
    if (!graph.hasNode(tie.source) || !graph.hasNode(tie.target)) continue;
    wanted.set(key, {
      source: tie.source,
      target: tie.target,
      attributes: { size: 0.5 + Math.log2(1 + tie.count) / 2, color: TIE_COLOR, kind: 'engagement' },
    });
  }
  graph.forEachEdge((key, _, source, target) => {
    const w = wanted.get(key);
    if (!w || w.source !== source || w.target !== target) graph.dropEdge(key);
  });
  for (const [key, { source, target, attributes }] of wanted) {
    if (graph.hasEdge(key)) graph.mergeEdgeAttributes(key, attributes);
    else graph.addDirectedEdgeWithKey(key, source, target, attributes);
  }
}

/** The current positions of a display graph, to keep. */
export function positionsOf(graph: DisplayGraph): Positions {
  const out: Positions = {};
  graph.forEachNode((id, a) => {
    out[id] = { x: a.x, y: a.y };
  });
  return out;
}
