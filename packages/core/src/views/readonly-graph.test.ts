import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import { createNetwork } from '../network/network.js';
import { sisterTie } from './fixtures/partners.js';

function network() {
  const n = createNetwork();
  n.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
  n.addEntity({ id: 'sp', kind: 'region', name: { en: 'São Paulo State' } });
  n.addLink(sisterTie());
  return n;
}

/** Every method of a graphology multigraph whose name says it writes. */
function writingMethods(): string[] {
  const names = new Set<string>();
  let proto: object | null = MultiDirectedGraph.prototype;
  while (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) names.add(name);
    proto = Object.getPrototypeOf(proto);
  }
  const listeners = ['addListener', 'removeListener', 'removeAllListeners', 'setMaxListeners'];
  return [...names].filter(
    (n) => /^(add|merge|update|drop|clear|import|set|remove|replace)/.test(n) && !listeners.includes(n),
  );
}

describe('the read-only graph', () => {
  it('refuses every graphology method that writes, with READ_ONLY, and stays unchanged', () => {
    const n = network();
    const graph = n.graph as unknown as Record<string, (...args: unknown[]) => unknown>;
    const methods = writingMethods();
    expect(methods).toContain('replaceSourceAttributes');
    for (const method of methods) {
      let code: string | undefined;
      try {
        graph[method]?.('sister', 'kind', 'partner');
      } catch (error) {
        code = isMusubiError(error) ? error.code : String(error);
      }
      expect(code, method).toBe('READ_ONLY');
    }
    expect(n.graph.order).toBe(2);
    expect(n.graph.getEdgeAttribute('sister', 'kind')).toBe('sister');
    expect(n.graph.getNodeAttribute('mie', 'name')).toEqual({ ja: '三重県' });
  });

  it('lets readers traverse, export, copy and listen', () => {
    const n = network();
    const g = n.graph;
    expect(g.nodes()).toEqual(['mie', 'sp']);
    expect(g.edges('mie', 'sp')).toEqual(['sister']);
    expect(g.export().edges).toHaveLength(1);
    const seen: string[] = [];
    const listener = (payload: { key: string }) => seen.push(payload.key);
    g.on('nodeAdded', listener);
    n.addEntity({ id: 'boi', kind: 'government', name: { en: 'Thailand BOI' } });
    g.removeListener('nodeAdded', listener);
    expect(seen).toEqual(['boi']);
    expect(g.copy().order).toBe(3);
  });

  it('follows the network as it changes', () => {
    const n = network();
    const g = n.graph;
    n.removeLink('sister');
    expect(g.size).toBe(0);
  });
});
