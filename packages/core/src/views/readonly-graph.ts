import { MusubiError } from '../errors.js';
import type { NetworkGraph } from '../projection/state.js';

/**
 * The graphology methods that change a graph, by how their names start (`addNode`, `mergeEdge`,
 * `updateEachNodeAttributes`, `dropEdge`, `clear`, `import`, `setAttribute`, `removeNodeAttribute`,
 * `replaceSourceAttributes`…); the read-only wrapper refuses them. Event-listener methods stay
 * allowed, since renderers listen.
 */
const mutatorPrefix = /^(add|merge|update|drop|clear|import|set|remove|replace)/;
const listenerMethods = new Set(['addListener', 'removeListener', 'removeAllListeners', 'setMaxListeners']);

function isMutator(property: string): boolean {
  return mutatorPrefix.test(property) && !listenerMethods.has(property);
}

/**
 * Wraps the projection's graph so that readers (graphology metrics, sigma, exporters) can use it but
 * not change it: the log is the only way to change the network. Copy it (`graph.copy()`) to get a
 * graph of your own.
 */
export function readonlyGraph(graph: NetworkGraph): NetworkGraph {
  return new Proxy(graph, {
    get(target, property) {
      if (typeof property === 'string' && isMutator(property)) {
        return () => {
          throw new MusubiError(
            'READ_ONLY',
            `graph.${property}() is not allowed: the network's graph is a read-only projection; write through the network (addEntity, addLink…) or work on graph.copy()`,
          );
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
