/**
 * The network map: sigma (WebGL) over the display graph. Filters, time, hover and language reach
 * sigma through reducers, so the graph itself stays as built and positions never jump.
 */
import { type Network, nameIn } from '@musubi/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import Sigma from 'sigma';
import type { SizeBy } from '../app/explore-state.js';
import type { VisibleNetwork } from '../filters/visible.js';
import { useI18n } from '../i18n/i18n.js';
import { buildDisplayGraph, type DisplayEdge, type DisplayNode } from './display-graph.js';
import { useLayout } from './use-layout.js';

export interface NetworkMapProps {
  network: Network;
  /** Bumped on every change of the network, to rebuild the display graph. */
  version: number;
  visible: VisibleNetwork;
  sizeBy: SizeBy;
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
}

const DIM_NODE = '#d5d8dc';
const DIM_EDGE = '#eef0f2';

export function NetworkMap({ network, version, visible, sizeBy, selected, onSelect }: NetworkMapProps) {
  const { t, lang } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma<DisplayNode, DisplayEdge> | undefined>(undefined);
  const [hovered, setHovered] = useState<string | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the graph is rebuilt when the network changes
  const { graph, fresh } = useMemo(() => buildDisplayGraph(network), [network, version]);
  const { running, settled, run } = useLayout(graph, fresh);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const sigma = new Sigma<DisplayNode, DisplayEdge>(graph, element, {
      allowInvalidContainer: true,
      labelDensity: 0.6,
      labelGridCellSize: 120,
      labelRenderedSizeThreshold: 5,
      labelFont: 'system-ui, "Hiragino Sans", "Noto Sans CJK JP", sans-serif',
      zIndex: true,
      defaultEdgeType: 'line',
    });
    sigmaRef.current = sigma;
    const camera = sigma.getCamera();
    const showCamera = () => {
      const s = camera.getState();
      element.dataset.camera = `${s.x.toFixed(4)},${s.y.toFixed(4)},${s.ratio.toFixed(4)}`;
    };
    showCamera();
    camera.on('updated', showCamera);
    sigma.on('enterNode', ({ node }) => setHovered(node));
    sigma.on('leaveNode', () => setHovered(undefined));
    sigma.on('clickNode', ({ node }) => onSelectRef.current(node));
    sigma.on('clickStage', () => onSelectRef.current(undefined));
    return () => {
      camera.removeListener('updated', showCamera);
      sigma.kill();
      sigmaRef.current = undefined;
    };
  }, [graph]);

  // reducers: what is visible, sizes, labels in the current language, hover highlight
  useEffect(() => {
    const sigma = sigmaRef.current;
    if (!sigma) return;
    const focus = hovered ?? selected;
    const neighbours = new Set<string>();
    if (focus !== undefined && graph.hasNode(focus)) {
      graph.forEachEdge(focus, (edge, _, source, target) => {
        if (visible.links.has(edge) || visible.ties.has(edge))
          neighbours.add(source === focus ? target : source);
      });
    }
    const degree = new Map<string, number>();
    for (const id of visible.links) {
      if (!graph.hasEdge(id)) continue;
      for (const end of graph.extremities(id)) degree.set(end, (degree.get(end) ?? 0) + 1);
    }
    sigma.setSetting('nodeReducer', (node, data) => {
      if (!visible.entities.has(node)) return { ...data, hidden: true };
      const weight = sizeBy === 'degree' ? (degree.get(node) ?? 0) : (visible.activity.get(node) ?? 0);
      const size = (data.kind === 'self' ? 12 : 5) + 2.5 * Math.sqrt(weight);
      const entity = network.entity(node);
      const label = entity ? nameIn(entity.name, lang) : data.label;
      if (focus === undefined) return { ...data, size, label };
      if (node === focus)
        return { ...data, size: size + 2, label, highlighted: true, zIndex: 2, forceLabel: true };
      if (neighbours.has(node)) return { ...data, size, label, zIndex: 1, forceLabel: true };
      return { ...data, size, label: '', color: DIM_NODE, zIndex: 0 };
    });
    sigma.setSetting('edgeReducer', (edge, data) => {
      if (!visible.links.has(edge) && !visible.ties.has(edge)) return { ...data, hidden: true };
      if (focus === undefined) return data;
      const [source, target] = graph.extremities(edge);
      if (source === focus || target === focus) return { ...data, size: data.size + 1, zIndex: 1 };
      return { ...data, color: DIM_EDGE, zIndex: 0 };
    });
    sigma.refresh();
  }, [graph, visible, sizeBy, hovered, selected, lang, network]);

  // the camera moves to the selected entity (search, a click, a shared URL)
  useEffect(() => {
    const sigma = sigmaRef.current;
    if (!sigma || selected === undefined || !graph.hasNode(selected)) return;
    const data = sigma.getNodeDisplayData(selected);
    if (!data) return;
    const element = container.current;
    // data-camera-on names the entity the camera has come to rest on (a signal for tests and tools)
    if (element) delete element.dataset.cameraOn;
    let current = true;
    void sigma
      .getCamera()
      .animate({ x: data.x, y: data.y, ratio: 0.5 }, { duration: 600 })
      .then(() => {
        if (current && element) element.dataset.cameraOn = selected;
      });
    return () => {
      current = false;
    };
  }, [selected, graph]);

  return (
    <div className="map">
      <div
        ref={container}
        className="map-canvas"
        data-testid="network-map"
        data-layout={settled ? 'settled' : 'running'}
        role="img"
        aria-label={t('map.label')}
      />
      <div className="map-tools">
        <button type="button" onClick={run} disabled={running}>
          {running ? t('map.layoutRunning') : t('map.relayout')}
        </button>
      </div>
    </div>
  );
}
