/**
 * yEd and yFiles write GraphML with keys for domains graphology-graphml does not know
 * (`for="port"`, `for="graphml"`, `for="all"`, …) and keep each label inside the node's or
 * edge's graphics (`<y:ShapeNode><y:NodeLabel>`, `<y:GenericNode>`, `<y:EdgeLabel>`, a group's
 * `<y:ProxyAutoBoundsNode>`). This module turns such a document into the plain GraphML the
 * parser reads, and hands back the labels it found.
 */

/** Node and edge labels read from yFiles graphics, by the file's own ids. */
export interface YfilesLabels {
  readonly nodes: ReadonlyMap<string, string>;
  readonly edges: ReadonlyMap<string, string>;
}

const plainDomains = new Set(['graph', 'node', 'edge']);

const localName = (element: Element) => element.localName ?? element.tagName.replace(/^.*:/, '');

/** The first non-empty text of a `<y:NodeLabel>` / `<y:EdgeLabel>` under `element`, on one line. */
function firstLabel(element: Element, tag: 'NodeLabel' | 'EdgeLabel'): string | undefined {
  for (const label of Array.from(element.getElementsByTagName('*'))) {
    if (localName(label) !== tag) continue;
    // the label's own text, not that of its <y:LabelModel> children
    const text = Array.from(label.childNodes)
      .filter((n) => n.nodeType === 3 || n.nodeType === 4)
      .map((n) => n.nodeValue ?? '')
      .join('')
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join(' ');
    if (text !== '') return text;
  }
  return undefined;
}

/**
 * Rewrites a yEd/yFiles GraphML document in place so that graphology-graphml reads it: a key
 * `for="all"` is declared for graphs, nodes and edges alike; keys of other domains (ports, the
 * `graphml` root's resources, hyperedges) and their `<data>` are dropped, as are the graphics
 * `<data>` (`yfiles.type="nodegraphics"` / `"edgegraphics"`), whose labels are returned instead.
 * A plain GraphML document passes through unchanged (and yields no labels).
 */
export function normaliseYfilesGraphml(document: Document): YfilesLabels {
  const keys = Array.from(document.getElementsByTagName('key'));
  const dropped = new Set<string>();
  const graphics = new Map<string, 'node' | 'edge'>();
  for (const key of keys) {
    const id = key.getAttribute('id') ?? '';
    const domain = key.getAttribute('for') || 'node';
    const yfilesType = key.getAttribute('yfiles.type') ?? '';
    if (yfilesType === 'nodegraphics' || yfilesType === 'edgegraphics') {
      graphics.set(id, yfilesType === 'nodegraphics' ? 'node' : 'edge');
      dropped.add(id);
      key.parentNode?.removeChild(key);
    } else if (domain === 'all') {
      for (const each of ['graph', 'node', 'edge']) {
        const copy = key.cloneNode(true) as Element;
        copy.setAttribute('for', each);
        key.parentNode?.insertBefore(copy, key);
      }
      key.parentNode?.removeChild(key);
    } else if (!plainDomains.has(domain)) {
      dropped.add(id);
      key.parentNode?.removeChild(key);
    }
  }
  const nodes = new Map<string, string>();
  const edges = new Map<string, string>();
  for (const data of Array.from(document.getElementsByTagName('data'))) {
    const key = data.getAttribute('key') ?? '';
    if (!dropped.has(key)) continue;
    const owner = data.parentNode as Element | null;
    const ownerId = owner?.getAttribute?.('id');
    if (graphics.has(key) && owner && ownerId) {
      const isNode = localName(owner) === 'node';
      const label = firstLabel(data, isNode ? 'NodeLabel' : 'EdgeLabel');
      if (label !== undefined) (isNode ? nodes : edges).set(ownerId, label);
    }
    owner?.removeChild(data);
  }
  // ports of yEd's nodes are GraphML <port> elements; nothing of Musubi's lives there
  for (const port of Array.from(document.getElementsByTagName('port'))) {
    port.parentNode?.removeChild(port);
  }
  return { nodes, edges };
}
