/**
 * Types for the files graphology-layout-forceatlas2's entry is made of (it types its entry only),
 * as force-layout.ts uses them.
 */
declare module 'graphology-layout-forceatlas2/defaults.js' {
  import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';

  const defaults: Required<ForceAtlas2Settings>;
  export default defaults;
}

declare module 'graphology-layout-forceatlas2/helpers.js' {
  import type Graph from 'graphology-types';

  const helpers: {
    /** The nodes' and edges' matrices the iterations work on (10 numbers a node, 3 an edge). */
    graphToByteArrays(
      graph: Graph,
      getEdgeWeight: (edge: string) => number,
    ): { nodes: Float32Array; edges: Float32Array };
    /** Each node's position in the node matrix, by id. */
    collectLayoutChanges(graph: Graph, nodes: Float32Array): Record<string, { x: number; y: number }>;
  };
  export default helpers;
}

declare module 'graphology-layout-forceatlas2/iterate.js' {
  import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
  /** One iteration of ForceAtlas2 on the matrices, in place. */
  export default function iterate(
    settings: Required<ForceAtlas2Settings>,
    nodes: Float32Array,
    edges: Float32Array,
  ): void;
}
