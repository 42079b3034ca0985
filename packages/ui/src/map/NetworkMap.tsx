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
import type { Ties } from './engagement-ties.js';
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
  sizeBy: SizeBy;
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
  /** Goes to the table view, the text alternative of the canvas. */
  onShowTable?: () => void;
}

const DIM_NODE = '#d5d8dc';
const DIM_EDGE = '#eef0f2';
const LABEL_FONT = 'system-ui, "Hiragino Sans", "Noto Sans CJK JP", sans-serif';
const LABEL_SIZE = 13;
/** At most this many labels are weighed per frame (the biggest nodes first). */
const LABEL_CANDIDATES = 1500;

export function NetworkMap({
  network,
  version,
  visible,
  ties,
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

  // the network into the display graph, in place (a first visit then runs the layout). Before the
  // renderer is made (an effect runs in the order written): the first map's graph is filled while
  // nothing follows its events, and sigma then indexes it once, instead of once per node and edge
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  useEffect(() => {
    const { fresh } = timed('musubi:map:display-graph', () =>
      syncDisplayGraph(graph, network, undefined, ties),
    );
    if (container.current) container.current.dataset.nodes = String(graph.order);
    layoutWanted.current ||= fresh;
    setSynced(true);
  }, [graph, network, version, ties]);

  // what is visible, sizes, labels in the current language, hover highlight: sigma's reducers read
  // the latest of these (`looks`), and are redrawn with them when they change
  const focus = hovered ?? selected;
  const look = useMemo(
    () => lookOf(graph, visible, sizeBy, focus, lang, labelled),
    [graph, visible, sizeBy, focus, lang],
  );
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
          zIndex: true,
          defaultEdgeType: 'line',
          nodeReducer: (node, data) => looks.current.nodeReducer(node, data),
          edgeReducer: (edge, data) => looks.current.edgeReducer(edge, data),
        }),
    );
    drawnWith.current = looks.current;
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
  // made); labels where they fit: the focus first, then its neighbours, then the biggest nodes
  useEffect(() => {
    if (!sigma) return;
    let frame = 0;
    relabel.current = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const chosen = chooseLabels(sigma, look.focus, look.neighbours());
        const same =
          chosen.size === labelled.current.size && [...chosen].every((id) => labelled.current.has(id));
        if (container.current) container.current.dataset.labels = String(chosen.size);
        if (same) return;
        // only the nodes whose label comes or goes are made again (a whole refresh indexes every
        // node and edge: seconds at scale M, on every move of the camera that changes the labels)
        const changed = [...chosen].filter((id) => !labelled.current.has(id));
        for (const id of labelled.current) if (!chosen.has(id)) changed.push(id);
        labelled.current = chosen;
        try {
          sigma.refresh({ partialGraph: { nodes: changed }, skipIndexation: true });
        } catch {
          // a node sigma has not placed in its programs yet (the graph changed since it drew)
          sigma.refresh({ skipIndexation: true });
        }
      });
    };
    if (drawnWith.current !== look) {
      drawnWith.current = look;
      // the graph's events may have asked the look while the display graph was being changed
      look.forget();
      timed('musubi:map:refresh', () => sigma.refresh());
    }
    relabel.current();
    return () => cancelAnimationFrame(frame);
  }, [sigma, look]);

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

/** sigma's reducers for one state of the map, and what they depend on, computed when first asked. */
interface Look {
  focus: string | undefined;
  /** The visible neighbours of the focus. */
  neighbours: () => Set<string>;
  /** Forgets the neighbours computed so far (the display graph has changed since). */
  forget: () => void;
  nodeReducer: NonNullable<Settings<DisplayNode, DisplayEdge>['nodeReducer']>;
  edgeReducer: NonNullable<Settings<DisplayNode, DisplayEdge>['edgeReducer']>;
}

/**
 * The look of the map: what is visible, sizes, labels in `lang`, the focus and its neighbours lit.
 * The neighbours are computed on the first call of a reducer, when sigma draws:
 * after the display graph holds the network (the map's first render comes before).
 */
function lookOf(
  graph: DisplayGraph,
  visible: VisibleNetwork,
  sizeBy: SizeBy,
  focus: string | undefined,
  lang: Lang,
  labelled: { current: Set<string> },
): Look {
  let neighbours: Set<string> | undefined;
  const neighboursNow = () => {
    neighbours ??= neighboursOf(graph, focus, visible);
    return neighbours;
  };
  return {
    focus,
    neighbours: neighboursNow,
    forget: () => {
      neighbours = undefined;
    },
    // sigma hands each reducer a copy of the item's attributes, made for it: they are changed in
    // place, not copied again (250,000 items at scale M)
    nodeReducer: (node, attributes) => {
      const data: DisplayNode & Partial<NodeDisplayData> = attributes;
      if (!visible.entities.has(node)) {
        data.hidden = true;
        return data;
      }
      const weight = (sizeBy === 'degree' ? visible.degree : visible.activity).get(node) ?? 0;
      data.size = (data.kind === 'self' ? 12 : 5) + 2.5 * Math.sqrt(weight);
      // the names as the display graph holds them (kept up to date with the network), not looked up
      data.label = lang === 'ja' ? data.nameJa : data.nameEn;
      data.forceLabel = labelled.current.has(node);
      if (focus === undefined) return data;
      if (node === focus) {
        data.size += 2;
        data.highlighted = true;
        data.zIndex = 2;
      } else if (neighboursNow().has(node)) data.zIndex = 1;
      else {
        data.label = '';
        data.color = DIM_NODE;
        data.zIndex = 0;
        data.forceLabel = false;
      }
      return data;
    },
    edgeReducer: (edge, attributes) => {
      const data: DisplayEdge & Partial<EdgeDisplayData> = attributes;
      if (!visible.links.has(edge) && !visible.ties.has(edge)) {
        data.hidden = true;
        return data;
      }
      if (focus === undefined) return data;
      const [source, target] = graph.extremities(edge);
      if (source === focus || target === focus) {
        data.size += 1;
        data.zIndex = 1;
      } else {
        data.color = DIM_EDGE;
        data.zIndex = 0;
      }
      return data;
    },
  };
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

/** The nodes to label now: on screen, labelled, not covering one another (sigma draws them to the right). */
function chooseLabels(
  sigma: Sigma<DisplayNode, DisplayEdge>,
  focus: string | undefined,
  neighbours: Set<string>,
): Set<string> {
  const { width, height } = sigma.getDimensions();
  const candidates: { key: string; text: string; x: number; y: number; r: number; rank: number }[] = [];
  sigma.getGraph().forEachNode((id) => {
    const data = sigma.getNodeDisplayData(id);
    if (!data || data.hidden || !data.label) return;
    const p = sigma.framedGraphToViewport(data);
    if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) return;
    const r = sigma.scaleSize(data.size);
    const rank = id === focus ? Number.POSITIVE_INFINITY : neighbours.has(id) ? 1e6 + r : r;
    candidates.push({ key: id, text: data.label, x: p.x, y: p.y, r, rank });
  });
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
