/**
 * The marks of the world map as buttons over the drawing (so each entity is reachable by click,
 * touch and keyboard): one entity, or a cluster with its count that opens to a list of its
 * members; and their labels where they fit.
 */

import { type NetworkView, nameIn } from '@musubi/core';
import { X } from 'lucide-react';
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { placeLabels } from '../map/labels.js';
import { kindColors } from '../map/palette.js';
import type { Cluster } from './clusters.js';

const LABEL_FONT = '12px system-ui, "Hiragino Sans", "Noto Sans CJK JP", sans-serif';
const LIST_WIDTH = 260;

let context: CanvasRenderingContext2D | null | undefined;
/** A text's width in the labels' font (measured by a canvas; a rough guess without one). */
function measure(text: string): number {
  if (context === undefined) context = document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 7;
  context.font = LABEL_FONT;
  return Math.ceil(context.measureText(text).width);
}

export interface WorldMarksProps {
  view: NetworkView;
  clusters: readonly Cluster[];
  size: { width: number; height: number };
  /** The key of the cluster whose list is open. */
  listOpen: string | undefined;
  onList: (key: string | undefined) => void;
  onSelect: (id: string) => void;
}

export function WorldMarks({ view, clusters, size, listOpen, onList, onSelect }: WorldMarksProps) {
  const { t, lang } = useI18n();
  const name = (id: string) => {
    const e = view.entity(id);
    return e ? nameIn(e.name, lang) : id;
  };
  const radius = (c: Cluster) =>
    c.members.length > 1
      ? 9 + Math.min(6, Math.log2(c.members.length))
      : view.entity(c.key)?.kind === 'self'
        ? 7
        : 5;
  const labelOf = (c: Cluster) =>
    c.members.length > 1
      ? t('world.clusterLabel', { name: name(c.key), more: c.members.length - 1 })
      : name(c.key);
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels follow the clusters, size and language
  const labels = useMemo(
    () =>
      placeLabels(
        clusters.map((c) => ({ key: c.key, text: labelOf(c), x: c.x, y: c.y, r: radius(c) })),
        size,
        measure,
      ),
    [clusters, size, lang, view],
  );
  const open = clusters.find((c) => c.key === listOpen && c.members.length > 1);
  return (
    <>
      <div className="world-marks">
        {clusters.map((c) => {
          const r = radius(c);
          const style = { left: c.x - r, top: c.y - r, width: 2 * r, height: 2 * r };
          if (c.members.length === 1) {
            const kind = view.entity(c.key)?.kind;
            return (
              <button
                key={c.key}
                type="button"
                className="world-mark"
                data-testid="world-mark"
                style={{ ...style, background: kind ? kindColors[kind] : '#666' }}
                aria-label={name(c.key)}
                title={name(c.key)}
                onClick={() => onSelect(c.key)}
              />
            );
          }
          return (
            <button
              key={c.key}
              type="button"
              className="world-cluster"
              data-testid="world-cluster"
              style={style}
              aria-expanded={open?.key === c.key}
              aria-label={t('world.cluster', { count: c.members.length, name: name(c.key) })}
              onClick={() => onList(open?.key === c.key ? undefined : c.key)}
            >
              {c.members.length}
            </button>
          );
        })}
      </div>
      <div className="world-labels" aria-hidden="true">
        {[...labels].map(([key, at]) => (
          <span key={key} className="world-label" data-testid="world-label" style={{ left: at.x, top: at.y }}>
            {labelOf(clusters.find((c) => c.key === key) ?? { key, x: 0, y: 0, members: [key] })}
          </span>
        ))}
      </div>
      {open && (
        <ClusterList
          cluster={open}
          size={size}
          name={name}
          kindOf={(id) => view.entity(id)?.kind}
          onSelect={onSelect}
          onClose={() => onList(undefined)}
        />
      )}
    </>
  );
}

function ClusterList({
  cluster,
  size,
  name,
  kindOf,
  onSelect,
  onClose,
}: {
  cluster: Cluster;
  size: { width: number; height: number };
  name: (id: string) => string;
  kindOf: (id: string) => keyof typeof kindColors | undefined;
  onSelect: (id: string) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const members = [...cluster.members].sort((a, b) => name(a).localeCompare(name(b), lang));
  const left = Math.max(0, Math.min(cluster.x + 14, size.width - LIST_WIDTH));
  const top = Math.max(0, Math.min(cluster.y - 20, size.height - 240));
  return (
    <section
      className="world-list"
      aria-label={t('world.cluster', { count: cluster.members.length, name: name(cluster.key) })}
      style={{ left, top, width: Math.min(LIST_WIDTH, size.width) }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header>
        <strong>{t('world.here', { count: cluster.members.length })}</strong>
        <button type="button" onClick={onClose} aria-label={t('panel.close')}>
          <X className="icon" aria-hidden="true" />
        </button>
      </header>
      <ul>
        {members.map((id, i) => {
          const kind = kindOf(id);
          return (
            <li key={id}>
              <button
                ref={i === 0 ? first : undefined}
                type="button"
                className="linklike"
                onClick={() => {
                  onSelect(id);
                  onClose();
                }}
              >
                <span
                  className="dot"
                  style={{ background: kind ? kindColors[kind] : '#666' }}
                  aria-hidden="true"
                />{' '}
                {name(id)}
              </button>
              {kind && <span className="muted"> {t(`kind.${kind}`)}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
