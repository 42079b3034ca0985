import entries from './entries.json' with { type: 'json' };

/**
 * Vite/vitest aliases from each `@musubi/core` entry (`entries.json`, the same list as the exports map
 * and tsup's entries) to its source file: the UI and the tests read the core's source, so that a change
 * needs no rebuild; programs outside the workspace use the built package.
 */
export const coreSourceAliases = Object.entries(entries).map(([subpath, file]) => ({
  find: new RegExp(`^@musubi/core${subpath.slice(1)}$`),
  replacement: new URL(file, import.meta.url).pathname,
}));
