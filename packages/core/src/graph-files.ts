/**
 * @musubi/core/graph-files — GEXF (with dynamics, as Gephi opens it) and GraphML, written and
 * imported. Apart from the main entry so that a page that never reads XML does not bundle the XML
 * parser (xmldom) and graphology's format parsers.
 */

export type { GraphImportOptions, GraphImportReport, Spell } from './io/graph-files.js';
export { importGraphFile, linkSpells, networkToGexf, networkToGraphml } from './io/graph-files.js';
