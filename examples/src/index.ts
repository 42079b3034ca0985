/**
 * @musubi/examples — the prefecture's network as a dataset, for the UI, the benchmark and the
 * example programs.
 */

export { ILLUSTRATIVE_COMPANIES, ILLUSTRATIVE_NOTE } from './mie/illustrative.js';
export { buildMieNetwork } from './mie/network.js';
