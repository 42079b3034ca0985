/**
 * @musubi/core/json — Musubi's own file format: a network (its records, or its whole log) written as
 * JSON and read back, or imported into an open network in one transaction. In Node, the streaming
 * reader and writer for big files are in `@musubi/core/node`.
 */

export type { MusubiJson } from './io/json.js';
export {
  importJsonInto,
  JSON_FORMAT,
  JSON_FORMAT_VERSION,
  networkFromJson,
  networkToJson,
  readMusubiJson,
} from './io/json.js';
