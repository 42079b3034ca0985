import type { Change, Engagement, Entity, Link } from '@musubi/core';
import cytoscape from 'cytoscape';
import { MultiDirectedGraph } from 'graphology';

/**
 * The bare graphology graph built from the same records, with no validation, history or indexes:
 * what a program would do with graphology alone. Engagements are kept in a map beside it.
 */
export function bareGraph(changes: readonly unknown[]): {
  graph: MultiDirectedGraph;
  engagements: Map<string, Engagement>;
} {
  const graph = new MultiDirectedGraph();
  const engagements = new Map<string, Engagement>();
  for (const value of changes) {
    const change = value as Change;
    if (!Array.isArray(change.effects)) continue;
    for (const effect of change.effects) {
      if (effect.type === 'create' || effect.type === 'update') {
        const record = effect.type === 'create' ? effect.record : effect.after;
        if (effect.collection === 'entity') graph.mergeNode(record.id, record as Entity);
        else if (effect.collection === 'link') {
          const link = record as Link;
          if (effect.type === 'update') graph.replaceEdgeAttributes(link.id, link);
          else graph.addDirectedEdgeWithKey(link.id, link.source, link.target, link);
        } else if (effect.collection === 'engagement') engagements.set(record.id, record as Engagement);
      } else if (effect.collection === 'entity') graph.dropNode(effect.record.id);
      else if (effect.collection === 'link') graph.dropEdge(effect.record.id);
      else if (effect.collection === 'engagement') engagements.delete(effect.record.id);
    }
  }
  return { graph, engagements };
}

/** The same entities and links as a headless cytoscape.js graph. */
export function cytoscapeGraph(entities: readonly Entity[], links: readonly Link[]): cytoscape.Core {
  const elements: cytoscape.ElementDefinition[] = [];
  for (const e of entities)
    elements.push({ group: 'nodes', data: { id: e.id, kind: e.kind, name: e.name.en } });
  for (const l of links)
    elements.push({ group: 'edges', data: { id: l.id, source: l.source, target: l.target, kind: l.kind } });
  return cytoscape({ headless: true, styleEnabled: false, elements });
}
