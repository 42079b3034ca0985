/**
 * The network map: sigma (WebGL) over the display graph. One renderer and one display graph live
 * as long as the map; a change of the network updates the graph in place. Filters, time, hover
 * and language reach sigma through reducers, so positions never jump. Labels are chosen where
 * they fit (labels.ts); selecting a node frames it with its neighbours (frame.ts).
 */
import type { Lang, Network } from '@musubi/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import Sigma from 'sigma';
import type { Settings } from 'sigma/settings';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { SizeBy } from '../app/explore-state.js';
import { firstViewShown } from '../app/first-view.js';
import { timed } from '../app/timing.js';
import type { VisibleNetwork } from '../filters/visible.js';
import { useI18n } from '../i18n/i18n.js';
import {
  createDisplayGraph,
  type DisplayEdge,
  type DisplayGraph,
  type DisplayNode,
  syncDisplayGraph,
} from './display-graph.js';
import type { KeptTies, Ties } from './engagement-ties.js';
import { countInView, frameOf } from './frame.js';
import { placeLabels } from './labels.js';
import { useLayout } from './use-layout.js';

export interface NetworkMapProps {
  network: Network;
  /** Bumped on every change of the network, to update the display graph. */
  version: number;
  visible: VisibleNetwork;
  /** The network's engagement ties of all time (`networkTies`), when the caller has them. */
  ties?: Ties | undefined;
  /**
   * The read of the ties that gave `ties` (`tiesKept`), when the caller follows them: a change of
   * the network then updates only the ties it changed in the display graph.
   */
  tiesRead?: KeptTies | undefined;
  sizeBy: SizeBy;
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
  /** Goes to the table view, the text alternative of the canvas. */
  onShowTable?: () => void;
}

const LABEL_FONT = 'system-ui, "Hiragino Sans", "Noto Sans CJK JP", sans-serif';
const LABEL_SIZE = 13;
/** At most this many labels are weighed per frame (the biggest nodes first). */
const LABEL_CANDIDATES = 1500;

export function NetworkMap({
  network,
  version,
  visible,
  ties,
  tiesRead,
  sizeBy,
  selected,
  onSelect,
  onShowTable,
}: NetworkMapProps) {
  const { t, lang } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [graph] = useState(createDisplayGraph);
  const [sigma, setSigma] = useState<Sigma<DisplayNode, DisplayEdge> | undefined>(undefined);
  const [hovered, setHovered] = useState<string | undefined>(undefined);
  /**
   * The framing in progress: a frame whose nodes have moved or whose map has changed size since it
   * began is stale, and says nothing (sigma ends an animation that another one replaces at once).
   */
  const framing = useRef({ turn: 0, selected: undefined as string | undefined });
  framing.current.selected = selected;
  const unframe = useRef(() => {
    framing.current.turn += 1;
    if (framing.current.selected !== undefined && container.current)
      container.current.dataset.framed = 'moving';
  });
  /** The map's size in pixels, `width×height`: a selection is framed again when it changes. */
  const [size, setSize] = useState('');
  const { running, run, placed, ranIn } = useLayout(graph, unframe.current);
  /** True once the network is in the display graph (and its first layout, if any, has started). */
  const [synced, setSynced] = useState(false);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  /** The nodes whose labels are drawn, chosen by `placeLabels`. */
  const labelled = useRef(new Set<string>());
  /** Recomputes the labels at the next frame (after the camera or the reducers changed). */
  const relabel = useRef<() => void>(() => {});
  /** The display graph was filled anew: the seeded layout is to run (after the map is drawn). */
  const layoutWanted = useRef(false);
  /**
   * Whether nodes have moved, come or gone since sigma last processed the graph: sigma then frames
   * the graph (its extent, hence every node's place on the map) anew at its next frame, and until
   * then its positions are the old ones.
   */
  const moved = useRef(false);

  /** The serial of the read of the ties the display graph holds (`tiesRead`). */
  const tiesSynced = useRef<number | undefined>(undefined);
  // the network into the display graph, in place (a first visit then runs the layout). Before the
  // renderer is made (an effect runs in the order written): the first map's graph is filled while
  // nothing follows its events, and sigma then indexes it once, instead of once per node and edge
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  useEffect(() => {
    // the ties that may differ from the graph's: none when the graph holds this read's, the read's
    // changes when it holds the read before; else every tie is compared
    let changed: ReadonlySet<string> | undefined;
    if (tiesRead !== undefined && tiesRead.ties === ties) {
      if (tiesSynced.current === tiesRead.serial) changed = new Set();
      else if (tiesSynced.current === tiesRead.serial - 1 && tiesRead.changed !== 'all')
        changed = tiesRead.changed;
    }
    const { fresh } = timed('musubi:map:display-graph', () =>
      syncDisplayGraph(graph, network, undefined, ties, changed),
    );
    tiesSynced.current = tiesRead !== undefined && tiesRead.ties === ties ? tiesRead.serial : undefined;
    if (container.current) container.current.dataset.nodes = String(graph.order);
    layoutWanted.current ||= fresh;
    setSynced(true);
  }, [graph, network, version, ties, tiesRead]);

  // the focus (hovered, else selected) and its neighbours: drawn lit on a layer of their own above
  // the dimmed map (`drawHighlight`), so that a hover redraws them, not the whole map (sigma's
  // refresh of 250,000 items took seconds at scale M, and a partial one would keep the old order)
  const focus = hovered ?? selected;
  const highlight = useMemo(
    () => highlightOf(graph, visible, focus, selected),
    [graph, visible, focus, selected],
  );
  const highlights = useRef(highlight);
  highlights.current = highlight;
  // what is visible, sizes, labels in the current language: sigma's reducers read the latest of
  // these (`looks`), and the items whose look changed are redrawn when they change
  const look = useMemo(() => lookOf(visible, sizeBy, lang, labelled, highlights), [visible, sizeBy, lang]);
  const looks = useRef(look);
  looks.current = look;
  /** The look sigma last indexed the graph with. */
  const drawnWith = useRef<Look | undefined>(undefined);

  // one renderer for the life of the map
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const s = timed(
      'musubi:map:sigma',
      () =>
        new Sigma<DisplayNode, DisplayEdge>(graph, element, {
          allowInvalidContainer: true,
          // only the labels chosen by placeLabels are drawn (forceLabel); sigma's own grid draws none
          labelRenderedSizeThreshold: Number.POSITIVE_INFINITY,
          labelSize: LABEL_SIZE,
          labelFont: LABEL_FONT,
          defaultEdgeType: 'line',
          nodeReducer: (node, data) => looks.current.nodeReducer(node, data),
          edgeReducer: (edge, data) => looks.current.edgeReducer(edge, data),
        }),
    );
    drawnWith.current = looks.current;
    // the highlight's layer: above the labels, under sigma's hovered node and its label box
    // (sigma 3.0 passes the options on to createCanvas, whose placing its type leaves out here)
    const createContext = s.createCanvasContext as (id: string, options: { beforeLayer: string }) => unknown;
    createContext.call(s, HIGHLIGHT_LAYER, { beforeLayer: 'hovers' });
    s.resize(true);
    const drawn = () => drawHighlight(s, highlights.current);
    s.on('afterRender', drawn);
    drawn();
    // sigma drew the map as it was made
    firstViewShown();
    const camera = s.getCamera();
    const showCamera = () => {
      const c = camera.getState();
      element.dataset.camera = `${c.x.toFixed(4)},${c.y.toFixed(4)},${c.ratio.toFixed(4)}`;
      relabel.current();
    };
    showCamera();
    camera.on('updated', showCamera);
    // sigma follows the window's size only; the container also changes with the layout (a bottom
    // sheet opening, the drawer, a phone turned)
    const resized = new ResizeObserver(() => {
      s.resize();
      relabel.current();
      const next = `${element.clientWidth}×${element.clientHeight}`;
      if (next !== element.dataset.size) {
        element.dataset.size = next;
        unframe.current();
        setSize(next);
      }
    });
    resized.observe(element);
    s.on('enterNode', ({ node }) => setHovered(node));
    s.on('leaveNode', () => setHovered(undefined));
    s.on('clickNode', ({ node }) => onSelectRef.current(node));
    s.on('clickStage', () => onSelectRef.current(undefined));
    const markMoved = () => {
      moved.current = true;
    };
    const movedBy = [
      'eachNodeAttributesUpdated',
      'nodeAttributesUpdated',
      'nodeAdded',
      'nodeDropped',
    ] as const;
    for (const event of movedBy) graph.on(event, markMoved);
    s.on('afterProcess', () => {
      moved.current = false;
    });
    setSigma(s);
    return () => {
      for (const event of movedBy) graph.removeListener(event, markMoved);
      camera.removeListener('updated', showCamera);
      resized.disconnect();
      s.kill();
      setSigma(undefined);
    };
  }, [graph]);

  // a first visit runs the seeded layout, once the map is drawn (its request copies every edge)
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each filling of the display graph
  useEffect(() => {
    if (!layoutWanted.current) return;
    layoutWanted.current = false;
    run();
  }, [graph, network, version, ties, run]);

  // the reducers' look into the drawing (once: sigma indexed the graph with the first when it was
  // made): only the items whose look changed are drawn again; the map's labels where they fit, the
  // biggest nodes first (a focus' neighbourhood is labelled on the highlight's layer)
  useEffect(() => {
    if (!sigma) return;
    let frame = 0;
    relabel.current = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // the map's own labels (the highlight's layer labels the focus and its neighbours)
        const chosen = chooseLabels(sigma);
        const same =
          chosen.size === labelled.current.size && [...chosen].every((id) => labelled.current.has(id));
        if (container.current) container.current.dataset.labels = String(chosen.size);
        if (same) return;
        // only the nodes whose label comes or goes are made again (a whole refresh indexes every
        // node and edge: seconds at scale M, on every move of the camera that changes the labels)
        const changed = [...chosen].filter((id) => !labelled.current.has(id));
        for (const id of labelled.current) if (!chosen.has(id)) changed.push(id);
        labelled.current = chosen;
        redraw(sigma, changed, []);
      });
    };
    const before = drawnWith.current;
    if (before !== look) {
      drawnWith.current = look;
      timed('musubi:map:refresh', () => {
        const changes = before === undefined ? undefined : lookChanges(graph, before, look);
        if (changes === undefined) sigma.refresh();
        else redraw(sigma, changes.nodes, changes.edges);
      });
    }
    relabel.current();
    return () => cancelAnimationFrame(frame);
  }, [sigma, look, graph]);

  // a new focus: the highlight's layer drawn again, and nothing of sigma's (every render of sigma
  // draws all 250,000 items of scale M); a new selection: the old and the new one drawn again too
  // (the selected node is bigger, its label in a box, as sigma draws the hovered node)
  const litBefore = useRef<Highlight | undefined>(undefined);
  useEffect(() => {
    if (!sigma) return;
    const before = litBefore.current;
    litBefore.current = highlight;
    if (before === highlight) return;
    timed('musubi:map:highlight', () => {
      const nodes =
        before?.selected === highlight.selected
          ? []
          : [before?.selected, highlight.selected].filter(
              (id): id is string => id !== undefined && graph.hasNode(id),
            );
      // sigma's render draws the highlight's layer after it
      if (nodes.length > 0) redraw(sigma, nodes, []);
      else drawHighlight(sigma, highlight);
    });
  }, [sigma, highlight, graph]);

  // a selection (search, a click, a shared URL) frames the node with its neighbours, again when the
  // layout has moved them or the map has changed size (a bottom sheet opening, a phone turned)
  // biome-ignore lint/correctness/useExhaustiveDependencies: placed and size mark new positions and a new size
  useEffect(() => {
    if (!sigma || selected === undefined || !graph.hasNode(selected)) return;
    const ids = [selected, ...neighboursOf(graph, selected, visible)];
    const element = container.current;
    // the positions as they are now, not as sigma drew them last: when nodes have moved, sigma
    // processes the graph now instead of at its next frame (its reducers are not run again: a whole
    // refresh took seconds at scale M, on every selection)
    if (moved.current) sigma.refresh({ partialGraph: { nodes: [] } });
    const target = frameOf(sigma, ids);
    if (!target || !element) return;
    unframe.current();
    const turn = framing.current.turn;
    void sigma
      .getCamera()
      .animate(target, { duration: 500 })
      .then(() => {
        if (turn !== framing.current.turn) return;
        element.dataset.neighbourhood = String(ids.length);
        element.dataset.inView = String(countInView(sigma, ids));
        element.dataset.framed = selected;
      });
  }, [sigma, selected, graph, visible, placed, size]);

  return (
    <div className="map">
      <div
        ref={container}
        className="map-canvas"
        data-testid="network-map"
        // a signal for tests and tools: `settled` once the positions are final (kept, or laid out)
        data-layout={synced && !running ? 'settled' : 'running'}
        // where the last layout ran: `worker`, or `page` where no worker could be had
        data-layout-in={ranIn}
        role="img"
        aria-label={t('map.label')}
        aria-describedby="map-text-alternative"
      />
      <p id="map-text-alternative" className="visually-hidden">
        {t('map.textAlternative')}
      </p>
      <div className="map-tools">
        {onShowTable && (
          <button type="button" onClick={onShowTable}>
            {t('map.showTable')}
          </button>
        )}
        <button type="button" onClick={run} disabled={running}>
          {running ? t('map.layoutRunning') : t('map.relayout')}
        </button>
      </div>
    </div>
  );
}

/** sigma's reducers for one state of the map. */
interface Look {
  visible: VisibleNetwork;
  sizeBy: SizeBy;
  lang: Lang;
  nodeReducer: NonNullable<Settings<DisplayNode, DisplayEdge>['nodeReducer']>;
  edgeReducer: NonNullable<Settings<DisplayNode, DisplayEdge>['edgeReducer']>;
}

/** The focus of the map (hovered, else selected) and its visible neighbours, computed when first asked. */
interface Highlight {
  focus: string | undefined;
  /** The selected node (drawn bigger, its label in a box); the focus unless another is hovered. */
  selected: string | undefined;
  neighbours: () => Set<string>;
}

function highlightOf(
  graph: DisplayGraph,
  visible: VisibleNetwork,
  focus: string | undefined,
  selected: string | undefined,
): Highlight {
  let neighbours: Set<string> | undefined;
  return {
    focus,
    selected,
    // computed when drawn, after the display graph holds the network (the map's first render comes
    // before); a focus not in the display graph yet has none
    neighbours: () => {
      if (neighbours === undefined) {
        if (focus === undefined || !graph.hasNode(focus)) return new Set();
        neighbours = neighboursOf(graph, focus, visible);
      }
      return neighbours;
    },
  };
}

/** The size a node is drawn at, by what it is and how many links or engagements it has. */
function nodeSize(kind: string, visible: VisibleNetwork, sizeBy: SizeBy, node: string): number {
  const weight = (sizeBy === 'degree' ? visible.degree : visible.activity).get(node) ?? 0;
  return (kind === 'self' ? 12 : 5) + 2.5 * Math.sqrt(weight);
}

/**
 * The look of the map: what is visible, sizes, labels in `lang`; the selected node a little bigger,
 * its label in a box (sigma's highlighted node, as it draws the hovered one). The focus and its neighbours are lit by the highlight's
 * layer, over the map.
 */
function lookOf(
  visible: VisibleNetwork,
  sizeBy: SizeBy,
  lang: Lang,
  labelled: { current: Set<string> },
  highlights: { current: Highlight },
): Look {
  return {
    visible,
    sizeBy,
    lang,
    // sigma hands each reducer a copy of the item's attributes, made for it: they are changed in
    // place, not copied again (250,000 items at scale M)
    nodeReducer: (node, attributes) => {
      const data: DisplayNode & Partial<NodeDisplayData> = attributes;
      if (!visible.entities.has(node)) {
        data.hidden = true;
        return data;
      }
      data.size = nodeSize(data.kind, visible, sizeBy, node);
      // the names as the display graph holds them (kept up to date with the network), not looked up
      data.label = lang === 'ja' ? data.nameJa : data.nameEn;
      data.forceLabel = labelled.current.has(node);
      if (node === highlights.current.selected) {
        data.size += 2;
        data.highlighted = true;
      }
      return data;
    },
    edgeReducer: (edge, attributes) => {
      const data: DisplayEdge & Partial<EdgeDisplayData> = attributes;
      if (!visible.links.has(edge) && !visible.ties.has(edge)) data.hidden = true;
      return data;
    },
  };
}

/**
 * The nodes and edges whose look differs between two looks of the same display graph (a filter, the
 * day shown, a change of the network), or undefined when every node's does (another language or
 * measure of size): these are drawn again, not all 250,000 items of scale M.
 */
function lookChanges(
  graph: DisplayGraph,
  before: Look,
  after: Look,
): { nodes: string[]; edges: string[] } | undefined {
  if (before.lang !== after.lang || before.sizeBy !== after.sizeBy) return undefined;
  const was = before.visible;
  const is = after.visible;
  const weightsWere = before.sizeBy === 'degree' ? was.degree : was.activity;
  const weights = after.sizeBy === 'degree' ? is.degree : is.activity;
  const nodes: string[] = [];
  graph.forEachNode((node) => {
    if (was.entities.has(node) !== is.entities.has(node) || weightsWere.get(node) !== weights.get(node))
      nodes.push(node);
  });
  const edges: string[] = [];
  graph.forEachEdge((edge) => {
    const shownBefore = was.links.has(edge) || was.ties.has(edge);
    if (shownBefore !== (is.links.has(edge) || is.ties.has(edge))) edges.push(edge);
  });
  return { nodes, edges };
}

/**
 * Draws these nodes and edges again with the reducers' look, in place: sigma's order of drawing
 * stays (no item is lifted by a zIndex; the focus is lit on a layer of its own).
 */
function redraw(sigma: Sigma<DisplayNode, DisplayEdge>, nodes: string[], edges: string[]): void {
  if (nodes.length === 0 && edges.length === 0) return;
  try {
    sigma.refresh({ partialGraph: { nodes, edges }, skipIndexation: true });
  } catch {
    // an item sigma has not placed in its programs yet (the graph changed since it drew): these
    // items through the reducers, then sigma places every item again (as it would anyway)
    sigma.refresh({ partialGraph: { nodes, edges } });
  }
}

/** The id of the layer the highlight is drawn on (a canvas of sigma's). */
const HIGHLIGHT_LAYER = 'highlight';
/**
 * The dimming of sigma's own layers while a node has the focus: grey and pale, as the dimmed items
 * were drawn before (a CSS filter, which the compositor applies, not a redraw of every item).
 */
const DIM = 'grayscale(1) opacity(0.3)';
const DIMMED_LAYERS = ['edges', 'edgeLabels', 'nodes'];

/**
 * The focus and its visible neighbours lit over the dimmed map: sigma's layers are dimmed, and the
 * focus' shown links and ties, its neighbours and itself are drawn over them as sigma draws them,
 * with their labels where they fit (sigma's labels layer is hidden meanwhile). Drawn after each
 * render of sigma (the camera moved, an item changed) and on a new focus; nothing dimmed and
 * nothing drawn when nothing has the focus.
 */
function drawHighlight(sigma: Sigma<DisplayNode, DisplayEdge>, lit: Highlight): void {
  const canvases = sigma.getCanvases();
  const canvas = canvases[HIGHLIGHT_LAYER];
  const context = canvas?.getContext('2d');
  if (!canvas || !context) return;
  const { width, height } = sigma.getDimensions();
  context.clearRect(0, 0, width, height);
  const focus = lit.focus;
  const graph = sigma.getGraph();
  const focusData = focus === undefined ? undefined : sigma.getNodeDisplayData(focus);
  const on = focus !== undefined && focusData !== undefined && !focusData.hidden;
  for (const layer of DIMMED_LAYERS) {
    const element = canvases[layer];
    const filter = on ? DIM : '';
    if (element && element.style.filter !== filter) element.style.filter = filter;
  }
  const labelsLayer = canvases.labels;
  const visibility = on ? 'hidden' : '';
  if (labelsLayer && labelsLayer.style.visibility !== visibility) labelsLayer.style.visibility = visibility;
  canvas.dataset.focus = on ? focus : '';
  if (!on) return;
  const neighbours = lit.neighbours();
  const at = (data: NodeDisplayData) => sigma.framedGraphToViewport(data);
  const centre = at(focusData);
  // the focus' links and ties to its visible neighbours, one pixel wide (sigma's line edges)
  context.lineWidth = 1;
  graph.forEachEdge(focus, (edge, _, source, target) => {
    const other = source === focus ? target : source;
    if (!neighbours.has(other)) return;
    const edgeData = sigma.getEdgeDisplayData(edge);
    const otherData = sigma.getNodeDisplayData(other);
    if (!edgeData || edgeData.hidden || !otherData) return;
    const end = at(otherData);
    context.strokeStyle = edgeData.color;
    context.beginPath();
    context.moveTo(centre.x, centre.y);
    context.lineTo(end.x, end.y);
    context.stroke();
  });
  const disc = (data: NodeDisplayData) => {
    const p = at(data);
    context.fillStyle = data.color;
    context.beginPath();
    context.arc(p.x, p.y, sigma.scaleSize(data.size), 0, 2 * Math.PI);
    context.fill();
    return p;
  };
  const labelled = chooseLabels(sigma, focus, neighbours);
  const labels: { text: string; x: number; y: number }[] = [];
  for (const id of neighbours) {
    const data = sigma.getNodeDisplayData(id);
    if (!data || data.hidden) continue;
    const p = disc(data);
    if (labelled.has(id) && data.label)
      labels.push({ text: data.label, x: p.x + sigma.scaleSize(data.size) + 3, y: p.y + LABEL_SIZE / 3 });
  }
  disc(focusData);
  // the focus' label: sigma draws it in a box when the focus is hovered or selected
  // the labels as sigma draws them (its labels layer, under this one, is dimmed with the map)
  context.fillStyle = '#000';
  context.font = `normal ${LABEL_SIZE}px ${LABEL_FONT}`;
  for (const { text, x, y } of labels) context.fillText(text, x, y);
}

/** The visible neighbours of `focus` (by a shown link or tie). */
function neighboursOf(graph: DisplayGraph, focus: string | undefined, visible: VisibleNetwork): Set<string> {
  const out = new Set<string>();
  if (focus === undefined || !graph.hasNode(focus)) return out;
  graph.forEachEdge(focus, (edge, _, source, target) => {
    const other = source === focus ? target : source;
    if ((visible.links.has(edge) || visible.ties.has(edge)) && visible.entities.has(other)) out.add(other);
  });
  return out;
}

let measureContext: CanvasRenderingContext2D | null | undefined;
function measure(text: string): number {
  if (measureContext === undefined) measureContext = document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * LABEL_SIZE * 0.6;
  measureContext.font = `${LABEL_SIZE}px ${LABEL_FONT}`;
  return Math.ceil(measureContext.measureText(text).width);
}

/**
 * The nodes to label now: on screen, labelled, not covering one another (sigma draws them to the
 * right); with a focus, among it and its neighbours only, the focus first.
 */
function chooseLabels(
  sigma: Sigma<DisplayNode, DisplayEdge>,
  focus?: string,
  neighbours?: ReadonlySet<string>,
): Set<string> {
  const { width, height } = sigma.getDimensions();
  const candidates: { key: string; text: string; x: number; y: number; r: number; rank: number }[] = [];
  const weigh = (id: string) => {
    const data = sigma.getNodeDisplayData(id);
    if (!data || data.hidden || !data.label) return;
    const p = sigma.framedGraphToViewport(data);
    if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) return;
    const r = sigma.scaleSize(data.size);
    const rank = id === focus ? Number.POSITIVE_INFINITY : r;
    candidates.push({ key: id, text: data.label, x: p.x, y: p.y, r, rank });
  };
  // with a focus, only it and its neighbours (the rest of the map is dimmed): not every node
  if (neighbours === undefined) sigma.getGraph().forEachNode(weigh);
  else {
    if (focus !== undefined) weigh(focus);
    for (const id of neighbours) weigh(id);
  }
  candidates.sort((a, b) => b.rank - a.rank || a.key.localeCompare(b.key));
  const placed = placeLabels(
    candidates.slice(0, LABEL_CANDIDATES),
    { width, height },
    measure,
    LABEL_SIZE + 2,
    ['right'],
  );
  return new Set(placed.keys());
}
