// Node 20 lacks Map.groupBy (Node 21+), which vitest 5's default reporter calls when a test fails;
// `pnpm test` preloads this file (NODE_OPTIONS=--import) so that failures are reported, not crashed on.
if (typeof Map.groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value(items, key) {
      const map = new Map();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const list = map.get(k);
        if (list) list.push(item);
        else map.set(k, [item]);
      }
      return map;
    },
  });
}
