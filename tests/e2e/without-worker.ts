/**
 * The ways a page can be left without one of its web workers, for the tests of what it does then:
 * the worker's script does not load (its request is refused), or `new Worker(…)` throws for it, as
 * in a browser without module workers. Other workers of the page are left alone.
 */
import type { BrowserContext } from 'playwright-core';

/** An init script that makes `new Worker(url)` throw when `url` holds `name`. */
function workerThrows(name: string): string {
  return `(() => {
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url, options) {
      if (String(url).includes(${JSON.stringify(name)})) throw new TypeError('module workers are not supported');
      super(url, options);
    }
  };
})()`;
}

/**
 * For the worker whose built script is `<name>-<hash>.js` (`layout.worker`): each way to take it
 * away from the pages of a context, by what a test's name says of it.
 */
export function withoutWorker(name: string): Record<string, (context: BrowserContext) => Promise<unknown>> {
  return {
    'the worker’s script does not load': (context) => context.route(`**/${name}-*.js`, (r) => r.abort()),
    'the worker cannot be started': (context) => context.addInitScript({ content: workerThrows(name) }),
  };
}
