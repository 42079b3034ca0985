/// <reference path="./graphology-parsers.d.ts" />
import { DOMParser } from '@xmldom/xmldom';
import type Graph from 'graphology';
import GraphClass from 'graphology';
// the libraries' parser factories: given @xmldom/xmldom they work alike in Node and browsers
import createGexfParser from 'graphology-gexf/common/parser.js';
import createGraphmlParser from 'graphology-graphml/common/parser.js';
import { refuseXmlTricks } from './hostile-input.js';

type GraphParser = (
  graph: typeof Graph,
  source: string | Document,
  options?: Record<string, unknown>,
) => Graph;

const documentClass = new DOMParser().parseFromString('<t></t>', 'application/xml').constructor;

/** Parses GEXF text into a graphology graph (no DOCTYPE check: callers refuse those first). */
export const parseGexfText = (createGexfParser as (p: unknown, d: unknown) => GraphParser)(
  DOMParser,
  documentClass,
);
/** Parses GraphML text into a graphology graph (no DOCTYPE check: callers refuse those first). */
export const parseGraphmlText = (createGraphmlParser as (p: unknown, d: unknown) => GraphParser)(
  DOMParser,
  documentClass,
);

/** Reads GEXF text into a plain graphology graph (DOCTYPE refused), e.g. to check an export. */
export function readGexfGraph(text: string): Graph {
  refuseXmlTricks(text, 'the GEXF file');
  return parseGexfText(GraphClass, text);
}

/** Reads GraphML text into a plain graphology graph (DOCTYPE refused). */
export function readGraphmlGraph(text: string): Graph {
  refuseXmlTricks(text, 'the GraphML file');
  return parseGraphmlText(GraphClass, text);
}
