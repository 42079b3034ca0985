import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { createDisplayGraph, positionsOf, syncDisplayGraph } from './display-graph.js';
import { seededPosition } from './positions.js';

describe('syncDisplayGraph', () => {
  it('fills an empty graph at the seeded places and asks for a layout when nothing was kept', () => {
    const network = buildSmallNetwork();
    const graph = createDisplayGraph();
    expect(syncDisplayGraph(graph, network, {})).toEqual({ fresh: true });
    expect(graph.order).toBe(network.entities().length);
    expect(graph.getNodeAttributes('thai-boi')).toMatchObject(seededPosition('thai-boi', 'government'));
    expect(graph.hasEdge('mie-boi-mou')).toBe(true);
  });

  it('updates the same graph in place: kept positions stay, a new entity goes beside its neighbour', () => {
    const network = buildSmallNetwork();
    const graph = createDisplayGraph();
    syncDisplayGraph(graph, network, {});
    graph.mergeNodeAttributes('thai-boi', { x: 100, y: -40 });
    const kept = positionsOf(graph);
    network.addEntity({
      id: 'thai-fti',
      kind: 'organization',
      name: { en: 'Federation of Thai Industries' },
    });
    network.addLink({
      id: 'boi-fti',
      kind: 'partner',
      source: 'thai-boi',
      target: 'thai-fti',
      events: [{ type: 'signed', date: '2020' }],
    });
    expect(syncDisplayGraph(graph, network, kept)).toEqual({ fresh: false });
    expect(positionsOf(graph)['thai-boi']).toEqual({ x: 100, y: -40 });
    const fti = graph.getNodeAttributes('thai-fti');
    expect(Math.hypot(fti.x - 100, fti.y + 40)).toBeLessThan(5);
    expect(graph.hasEdge('boi-fti')).toBe(true);
    for (const [id, at] of Object.entries(kept)) expect(positionsOf(graph)[id]).toEqual(at);
  });

  it('drops what the network no longer has and renames in place', () => {
    const network = buildSmallNetwork();
    const graph = createDisplayGraph();
    syncDisplayGraph(graph, network, {});
    network.updateEntity('thai-boi', { name: { ja: 'タイ投資委員会（BOI）', en: 'Thailand BOI' } });
    network.removeLink('mie-boi-mou');
    syncDisplayGraph(graph, network, positionsOf(graph));
    expect(graph.getNodeAttribute('thai-boi', 'nameEn')).toBe('Thailand BOI');
    expect(graph.hasEdge('mie-boi-mou')).toBe(false);
  });
});
