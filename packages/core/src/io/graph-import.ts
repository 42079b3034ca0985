import { DOMParser } from '@xmldom/xmldom';
import Graph from 'graphology';
import { type ErrorIssue, isMusubiError, MusubiError } from '../errors.js';
import { IdSchema } from '../model/ids.js';
import {
  type EntityKind,
  entityKinds,
  type LinkEventType,
  type LinkKind,
  linkEventTypes,
  linkKinds,
} from '../model/kinds.js';
import type { Lang } from '../model/names.js';
import type { Network } from '../network/network.js';
import { parseDateInput } from '../time/date-input.js';
import { normaliseYfilesGraphml, type YfilesLabels } from './graph-yfiles.js';
import { decodeImport, refuseXmlTricks } from './hostile-input.js';
import { parseGexfText, parseGraphmlText } from './xml-parsers.js';

/** What a graph-file import did, the kinds it had to guess, and the edges it left out. */
export interface GraphImportReport {
  readonly entities: number;
  readonly links: number;
  /** Notes such as "node n3: kind 'city' → organization", one per guessed node or edge. */
  readonly defaulted: readonly string[];
  /** How many nodes and edges had their kind guessed (one line for a summary). */
  readonly defaultedCounts: { readonly nodes: number; readonly edges: number };
  /** Edges left out with `{ partial: true }` (self-loops, edges to undeclared nodes), by the file's own ids. */
  readonly skipped: readonly ErrorIssue[];
}

/** Options of {@link importGraphFile}. */
export interface GraphImportOptions {
  /** The language labels are names in (default `ja`). */
  lang?: Lang;
  maxBytes?: number;
  /** Import the rest and report self-loops and edges to undeclared nodes, instead of refusing the file. */
  partial?: boolean;
}

/** The file as written: the node ids it declares and whether each edge had an id of its own. */
interface FileOutline {
  readonly document: Document;
  readonly nodes: ReadonlySet<string>;
  readonly edgeIds: ReadonlySet<string>;
  /** GEXF dynamics (Gephi's `start`/`end` and `<spells>`) by node or edge id. */
  readonly spells: ReadonlyMap<string, readonly { start?: string; end?: string }[]>;
  /** Labels yEd/yFiles keep inside their node and edge graphics (GraphML only). */
  readonly yfiles: YfilesLabels;
}

/** The `start`/`end` of an element and of its `<spell>`s, as GEXF writes valid time. */
function spellsOf(element: Element): { start?: string; end?: string }[] {
  const read = (e: Element) => {
    const start = e.getAttribute('start') || e.getAttribute('startopen') || undefined;
    const end = e.getAttribute('end') || e.getAttribute('endopen') || undefined;
    return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
  };
  const spells = Array.from(element.getElementsByTagName('spell')).map(read);
  const own = read(element);
  return [...(own.start || own.end ? [own] : []), ...spells];
}

function outline(text: string, format: 'gexf' | 'graphml'): FileOutline {
  const problems: string[] = [];
  // the parser's own complaints are collected (never printed to stderr) and refuse the file
  const parser = new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') problems.push(message);
    },
  });
  let document: Document | undefined;
  try {
    document = parser.parseFromString(text, 'application/xml') as unknown as Document;
  } catch (error) {
    problems.push((error as Error).message);
  }
  const root = document?.documentElement;
  const graph = root ? Array.from(root.getElementsByTagName('graph'))[0] : undefined;
  if (!document || problems.length > 0 || !graph) {
    const what = format.toUpperCase();
    const detail = problems[0]?.split('\n')[0] ?? `no <graph> element`;
    throw new MusubiError(
      'FORMAT',
      `the file is not readable ${what} / ${what} として読めません: ${detail}`,
      {
        details: { reason: 'not-xml', format },
      },
    );
  }
  const ids = (tag: string) =>
    new Set(
      Array.from(document.getElementsByTagName(tag))
        .map((e) => e.getAttribute('id'))
        .filter((id): id is string => id !== null && id !== ''),
    );
  const spells = new Map<string, { start?: string; end?: string }[]>();
  for (const tag of ['node', 'edge']) {
    for (const element of Array.from(document.getElementsByTagName(tag))) {
      const id = element.getAttribute('id');
      const found = id ? spellsOf(element) : [];
      if (id && found.length > 0) spells.set(`${tag} ${id}`, found);
    }
  }
  const yfiles =
    format === 'graphml' ? normaliseYfilesGraphml(document) : { nodes: new Map(), edges: new Map() };
  return { document, nodes: ids('node'), edgeIds: ids('edge'), spells, yfiles };
}

/**
 * Imports a plain GEXF or GraphML file (from Gephi, yEd, igraph, …) as entities and links, in one
 * transaction. Labels become names in `lang`; an unknown or missing kind becomes `organization`
 * (entities) or `partner` (links) and is reported. DOCTYPE/ENTITY declarations are refused first,
 * and XML the parser cannot read is refused without a word on stderr. A self-loop (`self-loop`) or
 * an edge to a node the file does not declare (`undeclared-node`) refuses the file, each named by the
 * file's own ids and labels; with `{ partial: true }` the rest is imported and those edges are listed
 * in `skipped`. A label the schema refuses refuses the file, naming the node
 * (`path: ['node', id, 'name', lang]`). The file's node and edge ids are kept when they are valid
 * Musubi ids not yet taken (others, `__proto__` among them, get new ids); `since`/`until` and a
 * link's `events` written by Musubi come back as they were, and Gephi's dynamics (`start`/`end`,
 * `<spells>`) become periods and link events.
 */
export function importGraphFile(
  network: Network,
  input: string | Uint8Array,
  format: 'gexf' | 'graphml',
  options: GraphImportOptions = {},
): GraphImportReport {
  const text = decodeImport(input, {
    what: `the ${format.toUpperCase()} file`,
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
  });
  refuseXmlTricks(text, `the ${format.toUpperCase()} file`);
  const file = outline(text, format);
  let graph: Graph;
  try {
    graph = (format === 'gexf' ? parseGexfText : parseGraphmlText)(Graph, file.document, {
      addMissingNodes: true,
    });
  } catch (error) {
    throw new MusubiError(
      'FORMAT',
      `the file is not readable ${format.toUpperCase()} / ${format.toUpperCase()} として読めません: ${(error as Error).message}`,
      { cause: error, details: { reason: 'not-xml', format } },
    );
  }
  const skipped = edgesLeftOut(graph, file);
  if (skipped.length > 0 && !options.partial) {
    throw new MusubiError(
      'VALIDATION',
      `${skipped.length} edge(s) cannot become links, nothing imported / ${skipped.length} 本の辺をつながりにできないため、何も取り込んでいません`,
      { issues: skipped },
    );
  }
  const left = new Set(skipped.map((issue) => String(issue.params?.key)));
  return { ...write(network, graph, file, left, format, options.lang ?? 'ja'), skipped };
}

const labelOf = (graph: Graph, file: FileOutline, node: string) => {
  if (!graph.hasNode(node)) return '';
  const a = graph.getNodeAttributes(node);
  return String(a.label ?? a.name ?? file.yfiles.nodes.get(node) ?? '');
};

/** Self-loops and edges to undeclared nodes, named by the file's ids (or by their ends when unnamed). */
function edgesLeftOut(graph: Graph, file: FileOutline): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  graph.forEachEdge((key, _a, source, target) => {
    const edge = file.edgeIds.has(key) ? key : '';
    const where = ['edge', edge === '' ? `${source}→${target}` : edge];
    if (source === target) {
      const label = labelOf(graph, file, source);
      issues.push({
        path: where,
        code: 'self-loop',
        message: `edge ${edge || `${source}→${target}`} goes from node ${source} (${label}) to itself / 辺 ${edge || `${source}→${target}`} はノード ${source}（${label}）から自身へのつながりです`,
        params: { key, edge, node: source, label },
      });
      return;
    }
    const missing = [source, target].find((node) => !file.nodes.has(node));
    if (missing !== undefined) {
      issues.push({
        path: where,
        code: 'undeclared-node',
        message: `edge ${edge || `${source}→${target}`} refers to node ${missing}, which the file does not declare / 辺 ${edge || `${source}→${target}`} が、ファイルにないノード ${missing} を指しています`,
        params: { key, edge, node: missing, source, target },
      });
    }
  });
  return issues;
}

function write(
  network: Network,
  graph: Graph,
  file: FileOutline,
  left: ReadonlySet<string>,
  format: 'gexf' | 'graphml',
  lang: Lang,
): Omit<GraphImportReport, 'skipped'> {
  const defaulted: string[] = [];
  const counts = { nodes: 0, edges: 0 };
  const ids = new Map<string, string>();
  let entities = 0;
  let links = 0;
  network.transaction(
    (n) => {
      graph.forEachNode((node, a) => {
        if (!file.nodes.has(node)) return;
        const kind = pick(a.kind, entityKinds, 'organization', `node ${node}`, defaulted) as EntityKind;
        if (kind !== a.kind) counts.nodes++;
        const name = {
          [lang]: String(a.label ?? file.yfiles.nodes.get(node) ?? a.name ?? node),
          ...(a.name_ja ? { ja: String(a.name_ja) } : {}),
          ...(a.name_en ? { en: String(a.name_en) } : {}),
        };
        const country = typeof a.country === 'string' && /^[A-Z]{2}$/.test(a.country) ? a.country : undefined;
        const id = keptId(node, (i) => n.entity(i) !== undefined);
        const [since, until] = entityPeriod(a, file.spells.get(`node ${node}`));
        const entity = located(['node', node], () =>
          n.addEntity({
            ...(id ? { id } : {}),
            kind,
            name,
            ...(country ? { country } : {}),
            ...(since ? { since } : {}),
            ...(until ? { until } : {}),
          }),
        );
        ids.set(node, entity.id);
        entities++;
      });
      graph.forEachEdge((edge, a, source, target) => {
        if (left.has(edge)) return;
        const kind = pick(a.kind, linkKinds, 'partner', `edge ${edge}`, defaulted) as LinkKind;
        if (kind !== a.kind) counts.edges++;
        const id = file.edgeIds.has(edge) ? keptId(edge, (i) => n.link(i) !== undefined) : undefined;
        const events = linkEvents(a.events, file.spells.get(`edge ${edge}`));
        const title =
          typeof a.label === 'string' && a.label.trim() !== '' ? a.label : file.yfiles.edges.get(edge);
        located(['edge', edge], () =>
          n.addLink({
            ...(id ? { id } : {}),
            kind,
            source: ids.get(source) ?? source,
            target: ids.get(target) ?? target,
            ...(events.length > 0 ? { events } : {}),
            ...(title ? { title: { [lang]: title } } : {}),
          }),
        );
        links++;
      });
    },
    { label: { ja: `${format.toUpperCase()}の取り込み`, en: `import ${format.toUpperCase()}` } },
  );
  return { entities, links, defaulted, defaultedCounts: counts };
}

/** Runs one write, naming the file's node or edge in the error when it is refused (a too-long label…). */
function located<T>(where: [string, string], write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (!isMusubiError(error)) throw error;
    const [what, id] = where;
    throw new MusubiError(error.code, `${what} ${id}: ${error.message}`, {
      path: [...where, ...error.path],
      issues: error.issues.map((issue) => ({ ...issue, path: [...where, ...issue.path] })),
      cause: error,
    });
  }
}

function pick(
  value: unknown,
  allowed: readonly string[],
  fallback: string,
  where: string,
  notes: string[],
): string {
  if (typeof value === 'string' && allowed.includes(value)) return value;
  notes.push(`${where}: kind ${value === undefined ? '(none)' : `'${String(value)}'`} → ${fallback}`);
  return fallback;
}

/** The file's own id, kept when it is a valid Musubi id not yet taken (else a new one is made). */
function keptId(id: string, taken: (id: string) => boolean): string | undefined {
  return IdSchema.safeParse(id).success && !taken(id) ? id : undefined;
}

/** A date of a file (`1973-09`, Gephi's `2013-11-01`); undefined when it is not one. */
function dateOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const result = parseDateInput(value);
  return result.ok ? result.date : undefined;
}

/** An entity's since/until: Musubi's own attributes, else the node's GEXF dynamics. */
function entityPeriod(
  a: Record<string, unknown>,
  spells: readonly { start?: string; end?: string }[] | undefined,
): [string | undefined, string | undefined] {
  const starts = (spells ?? []).map((s) => dateOf(s.start)).filter((d): d is string => d !== undefined);
  const ends = (spells ?? []).map((s) => dateOf(s.end)).filter((d): d is string => d !== undefined);
  return [dateOf(a.since) ?? starts.sort()[0], dateOf(a.until) ?? ends.sort().at(-1)];
}

/**
 * A link's events: Musubi's `events` attribute (`signed:1973-09;revised:1990`), else the edge's
 * GEXF periods: the first start signed, later starts renewed, an end before a later period
 * suspended, the last end ended.
 */
function linkEvents(
  attribute: unknown,
  spells: readonly { start?: string; end?: string }[] | undefined,
): { type: LinkEventType; date: string }[] {
  if (typeof attribute === 'string' && attribute.trim() !== '') {
    const events = attribute.split(';').flatMap((item) => {
      const at = item.indexOf(':');
      const type = item.slice(0, at).trim() as LinkEventType;
      const date = dateOf(item.slice(at + 1));
      return at > 0 && linkEventTypes.includes(type) && date ? [{ type, date }] : [];
    });
    if (events.length > 0) return events;
  }
  const periods = (spells ?? [])
    .map((s) => ({ start: dateOf(s.start), end: dateOf(s.end) }))
    .sort((x, y) => (x.start ?? '').localeCompare(y.start ?? ''));
  return periods.flatMap((p, i) => [
    ...(p.start ? [{ type: (i === 0 ? 'signed' : 'renewed') as LinkEventType, date: p.start }] : []),
    ...(p.end
      ? [{ type: (i === periods.length - 1 ? 'ended' : 'suspended') as LinkEventType, date: p.end }]
      : []),
  ]);
}
