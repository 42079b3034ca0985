/**
 * The graph sigma draws: a copy of the core's read-only graph with display attributes
 * (position, colour, size). The core's graph is never mutated. One display graph lives as long as
 * the map: a change of the network updates it in place (sigma follows its events), so positions
 * stay where they are and the renderer is never made anew.
 */
import type { EntityKind, Link, Network } from '@musubi/core';
import { MultiDirectedGraph } from 'graphology';
import { networkTies, type Tie, type Ties } from './engagement-ties.js';
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

/** What the display graph should hold for a network: its nodes' and edges' attributes, in order. */
interface Wanted {
  nodes: { key: string; attributes: Omit<DisplayNode, 'x' | 'y' | 'size'> }[];
  edges: { key: string; source: string; target: string; attributes: DisplayEdge }[];
}

function tieEdge(key: string, tie: Tie): Wanted['edges'][number] {
  return {
    key,
    source: tie.source,
    target: tie.target,
    attributes: { size: 0.5 + Math.log2(1 + tie.count) / 2, color: TIE_COLOR, kind: 'engagement' },
  };
}

/** What the display graph should hold; the ties left out when `withTies` is false. */
function wantedOf(network: Network, ties: Ties, withTies = true): Wanted {
  const nodes: Wanted['nodes'] = [];
  for (const e of network.entities()) {
    const nameJa = e.name.ja ?? e.name.en ?? e.id;
    nodes.push({
      key: e.id,
      attributes: {
        color: kindColors[e.kind],
        label: nameJa,
        kind: e.kind,
        nameJa,
        nameEn: e.name.en ?? nameJa,
      },
    });
  }
  // a link's and a tie's ends are entities of the network (the core keeps references whole)
  const edges: Wanted['edges'] = [];
  for (const l of network.links()) {
    edges.push({
      key: l.id,
      source: l.source,
      target: l.target,
      attributes: { size: linkWidths[l.kind], color: linkColors[l.kind], kind: l.kind },
    });
  }
  // engagement ties of all time; which are drawn depends on the day shown (see visibleNetwork)
  if (withTies) for (const [key, tie] of ties) edges.push(tieEdge(key, tie));
  return { nodes, edges };
}

/** Whether every attribute of `patch` has the same value in `current`. */
function holds(current: object, patch: object): boolean {
  for (const [key, value] of Object.entries(patch)) {
    if ((current as Record<string, unknown>)[key] !== value) return false;
  }
  return true;
}

/**
 * Makes `graph` show `network`: adds, updates and removes nodes and edges in place. A new node
 * takes its kept position, or else the middle of its placed neighbours (a little off, by its id),
 * or else its seeded place. Returns whether most nodes had no kept position (a first visit, or a
 * network replaced by an import): then the layout should run. `ties` are the network's engagement
 * ties ({@link networkTies}), when the caller has them already; `tiesChanged`, the keys of the only
 * ties that may differ from those the graph holds (`tiesKept`), when the caller knows them: the
 * other 170,000 ties of scale M are then not compared.
 *
 * An empty graph is filled in one pass (the first map: 20,000 nodes and 230,000 edges at scale M),
 * with no lookup of what it holds; a graph that holds a network is changed only where it differs, so
 * that sigma, which follows the graph's events, redraws only what changed.
 */
export function syncDisplayGraph(
  graph: DisplayGraph,
  network: Network,
  kept: Positions = loadPositions(),
  ties: Ties = networkTies(network),
  tiesChanged?: ReadonlySet<string>,
): { fresh: boolean } {
  const filling = graph.order === 0 && graph.size === 0;
  const someTies = !filling && tiesChanged !== undefined;
  const wanted = wantedOf(network, ties, !someTies);
  const added: string[] = [];
  let unknown = 0;
  if (filling) {
    for (const { key, attributes } of wanted.nodes) {
      const at = kept[key];
      if (!at) {
        unknown += 1;
        added.push(key);
      }
      const { x, y } = at ?? seededPosition(key, attributes.kind as EntityKind);
      graph.addNode(key, { x, y, size: 5, ...attributes });
    }
    for (const { key, source, target, attributes } of wanted.edges) {
      graph.addDirectedEdgeWithKey(key, source, target, attributes);
    }
  } else {
    const ids = new Set(wanted.nodes.map((n) => n.key));
    graph.forEachNode((id) => {
      if (!ids.has(id)) graph.dropNode(id);
    });
    for (const { key, attributes } of wanted.nodes) {
      const at = kept[key];
      if (!at) unknown += 1;
      if (graph.hasNode(key)) {
        if (!holds(graph.getNodeAttributes(key), attributes)) graph.mergeNodeAttributes(key, attributes);
        continue;
      }
      const { x, y } = at ?? seededPosition(key, attributes.kind as EntityKind);
      graph.addNode(key, { x, y, size: 5, ...attributes });
      if (!at) added.push(key);
    }
    if (someTies) {
      // the ties that may have changed: the others are as the graph holds them
      for (const key of tiesChanged) {
        const tie = ties.get(key);
        if (tie) wanted.edges.push(tieEdge(key, tie));
        else if (graph.hasEdge(key)) graph.dropEdge(key);
      }
    }
    const edges = new Map(wanted.edges.map((edge) => [edge.key, edge]));
    graph.forEachEdge((key, attributes, source, target) => {
      if (someTies && attributes.kind === 'engagement') return;
      const w = edges.get(key);
      if (!w || w.source !== source || w.target !== target) graph.dropEdge(key);
    });
    for (const { key, source, target, attributes } of wanted.edges) {
      if (!graph.hasEdge(key)) graph.addDirectedEdgeWithKey(key, source, target, attributes);
      else if (!holds(graph.getEdgeAttributes(key), attributes)) graph.mergeEdgeAttributes(key, attributes);
    }
  }
  placeBesideNeighbours(graph, added);
  return { fresh: wanted.nodes.length > 0 && unknown * 2 > wanted.nodes.length };
}

/**
 * New nodes beside the neighbours they were linked to, so the map does not move to make room. When
 * every node is new (a first visit), none has a placed neighbour: nothing to do.
 */
function placeBesideNeighbours(graph: DisplayGraph, added: readonly string[]): void {
  if (added.length === 0 || added.length === graph.order) return;
  // a set: on a first visit every node is new, and a list's `includes` made this quadratic
  const isNew = new Set(added);
  for (const id of added) {
    const placed = graph.neighbors(id).filter((n) => !isNew.has(n));
    if (placed.length === 0) continue;
    const seeded = seededPosition(id, 'person');
    const x = placed.reduce((sum, n) => sum + graph.getNodeAttribute(n, 'x'), 0) / placed.length;
    const y = placed.reduce((sum, n) => sum + graph.getNodeAttribute(n, 'y'), 0) / placed.length;
    graph.mergeNodeAttributes(id, { x: x + seeded.x / 20, y: y + seeded.y / 20 });
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
