import {
  createNetwork,
  type EntityKind,
  type LinkKind,
  type Network,
  type ParticipantRole,
} from '@musubi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { createDisplayGraph, positionsOf, syncDisplayGraph } from './display-graph.js';
import { networkTies, tiesOf } from './engagement-ties.js';
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

/** A random network over the ids e0…e7: entities (one may be the prefecture), links, engagements. */
const networkShape = fc.record({
  entities: fc.uniqueArray(
    fc.record({
      at: fc.integer({ min: 0, max: 7 }),
      kind: fc.constantFrom<EntityKind>('self', 'region', 'government', 'company', 'person'),
      en: fc.constantFrom('A', 'B', 'C'),
    }),
    { selector: (e) => e.at, maxLength: 8 },
  ),
  links: fc.array(
    fc.record({
      at: fc.integer({ min: 0, max: 5 }),
      kind: fc.constantFrom<LinkKind>('partner', 'mou', 'friendship'),
      ends: fc.tuple(fc.nat(), fc.nat()),
    }),
    { maxLength: 10 },
  ),
  engagements: fc.array(
    fc.array(
      fc.record({
        pick: fc.nat(),
        role: fc.constantFrom<ParticipantRole>('host', 'visitor', 'organizer', 'participant'),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    { maxLength: 8 },
  ),
});

function networkOf(shape: typeof networkShape extends fc.Arbitrary<infer T> ? T : never): Network {
  const network = createNetwork({ author: 'test', now: () => new Date('2026-01-01T00:00:00Z') });
  const ids = shape.entities.map((e) => `e${e.at}`);
  for (const e of shape.entities) network.addEntity({ id: `e${e.at}`, kind: e.kind, name: { en: e.en } });
  if (ids.length === 0) return network;
  const pick = (n: number) => ids[n % ids.length] as string;
  const linkIds = new Set<string>();
  for (const l of shape.links) {
    const [source, target] = [pick(l.ends[0]), pick(l.ends[1])];
    if (source === target || linkIds.has(`l${l.at}`)) continue;
    linkIds.add(`l${l.at}`);
    network.addLink({
      id: `l${l.at}`,
      kind: l.kind,
      source,
      target,
      events: [{ type: 'signed', date: '2020' }],
    });
  }
  shape.engagements.forEach((participants, i) => {
    const seen = new Set<string>();
    const unique = participants
      .map((p) => ({ entity: pick(p.pick), role: p.role }))
      .filter((p) => !seen.has(p.entity) && seen.add(p.entity));
    network.recordEngagement({
      id: `g${i}`,
      type: 'business-meeting',
      title: { en: 'Meeting' },
      date: '2021-04-01',
      participants: unique,
    });
  });
  return network;
}

/** A display graph as plain data, in a stable order (positions rounded: sums in another order). */
function dataOf(graph: ReturnType<typeof createDisplayGraph>) {
  const round = (v: number) => Math.round(v * 1e9) / 1e9;
  return {
    nodes: graph
      .mapNodes((id, a) => ({ id, ...a, x: round(a.x), y: round(a.y) }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    edges: graph
      .mapEdges((key, a, source, target) => ({ key, source, target, ...a }))
      .sort((a, b) => a.key.localeCompare(b.key)),
  };
}

describe('syncDisplayGraph, filled at once or changed in place', () => {
  it('gives the same graph: a graph of one network brought to another equals the other filled anew', () => {
    fc.assert(
      fc.property(networkShape, networkShape, fc.array(fc.integer({ min: 0, max: 7 })), (a, b, keptIds) => {
        const before = networkOf(a);
        const after = networkOf(b);
        // some nodes of the first network had kept positions
        const kept = Object.fromEntries(keptIds.map((i) => [`e${i}`, { x: i * 3, y: -i }]));
        const graph = createDisplayGraph();
        syncDisplayGraph(graph, before, kept);
        const positions = positionsOf(graph);
        const changed = syncDisplayGraph(graph, after, positions);
        const fresh = createDisplayGraph();
        const filled = syncDisplayGraph(fresh, after, positions);
        expect(changed).toEqual(filled);
        expect(dataOf(graph)).toEqual(dataOf(fresh));
      }),
      { numRuns: 200 },
    );
  });

  it('holds every entity, link and tie of the network, with the ties given or computed', () => {
    fc.assert(
      fc.property(networkShape, (shape) => {
        const network = networkOf(shape);
        const computed = createDisplayGraph();
        syncDisplayGraph(computed, network, {});
        const given = createDisplayGraph();
        syncDisplayGraph(given, network, {}, networkTies(network));
        expect(dataOf(given)).toEqual(dataOf(computed));
        expect(computed.order).toBe(network.entities().length);
        const isSelf = (id: string) => network.entity(id)?.kind === 'self';
        expect(computed.size).toBe(network.links().length + tiesOf(network.engagements(), isSelf).size);
      }),
    );
  });
});

describe('the display graph’s adjacency (graphology, patched: see patches/README.md)', () => {
  it('answers which nodes are tied, for any keys, those of an object’s prototype included', () => {
    const key = fc.oneof(
      fc.constantFrom('constructor', 'hasOwnProperty', 'toString', '__proto__', 'valueOf'),
      fc.string({ minLength: 1, maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { minLength: 2, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (keys, picks) => {
          const graph = createDisplayGraph();
          for (const k of keys) graph.addNode(k);
          const pairs = new Set<string>();
          picks.forEach((pick, i) => {
            const source = keys[pick % keys.length] as string;
            const target = keys[(pick + 1 + (i % (keys.length - 1))) % keys.length] as string;
            graph.addDirectedEdgeWithKey(`e${i}`, source, target, {
              size: 1,
              color: '#000',
              kind: 'engagement',
            });
            pairs.add(JSON.stringify([source, target]));
          });
          for (const source of keys) {
            for (const target of keys) {
              const tied = pairs.has(JSON.stringify([source, target]));
              expect(graph.hasDirectedEdge(source, target)).toBe(tied);
              expect(graph.areOutNeighbors(source, target)).toBe(tied);
              expect(graph.areNeighbors(source, target)).toBe(
                tied || pairs.has(JSON.stringify([target, source])),
              );
            }
            expect(graph.outNeighbors(source).sort()).toEqual(
              keys.filter((target) => pairs.has(JSON.stringify([source, target]))).sort(),
            );
          }
        },
      ),
    );
  });
});
