/**
 * The world view: countries from Natural Earth (world-atlas TopoJSON, drawn with d3-geo in SVG,
 * no tile server), entities at their place, and the ties drawn from the prefecture outwards as
 * great-circle arcs. Follows the same filters and point in time as the map. Zoom and pan with
 * d3-zoom; entities close together on screen are one mark with their count, which opens to a list.
 */
import { type Network, nameIn } from '@musubi/core';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { Minus, Plus } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';
import type { VisibleNetwork } from '../filters/visible.js';
import { useI18n } from '../i18n/i18n.js';
import { linkColors } from '../map/palette.js';
import { clusterMarks, type Mark } from './clusters.js';
import { placeOf, worldCountries } from './places.js';
import { useWorldZoom } from './use-world-zoom.js';
import { WorldMarks } from './WorldMarks.js';

/** Marks closer than this on screen (pixels) are drawn as one. */
const CLUSTER_RADIUS = 14;

export function WorldView({
  network,
  visible,
  onSelect,
}: {
  network: Network;
  visible: VisibleNetwork;
  onSelect: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const stage = useRef<HTMLDivElement>(null);
  const { size, transform, zoomBy, reset } = useWorldZoom(stage);
  const [listOpen, setListOpen] = useState<string | undefined>(undefined);
  // centred on the Pacific (150°E) so that ties from Japan to the Americas do not cross the seam;
  // fitted to the stage in pixels, so that screen and map coordinates agree before the zoom
  const projection = useMemo(
    () =>
      geoNaturalEarth1()
        .rotate([-150, 0])
        .fitSize([Math.max(size.width, 1), Math.max(size.height, 1)], worldCountries),
    [size.width, size.height],
  );
  const path = useMemo(() => geoPath(projection), [projection]);
  const countryPaths = useMemo(
    () =>
      worldCountries.features.map((f, i) => (
        <path key={String(f.id ?? i)} d={path(f) ?? ''} className="country" />
      )),
    [path],
  );
  const view = visible.view;
  const places = new Map<string, [number, number]>();
  for (const id of visible.entities) {
    const e = view.entity(id);
    const at = e && placeOf(e);
    if (at) places.set(id, at);
  }
  const selfIds = new Set(view.entities({ kind: 'self' }).map((e) => e.id));
  const ties = [...visible.links]
    .map((id) => view.link(id))
    .filter((l) => l !== undefined && (selfIds.has(l.source) || selfIds.has(l.target)))
    .flatMap((l) => {
      if (!l) return [];
      const from = selfIds.has(l.source) ? l.source : l.target;
      const to = from === l.source ? l.target : l.source;
      const a = places.get(from);
      const b = places.get(to);
      if (!a || !b || (a[0] === b[0] && a[1] === b[1])) return [];
      return [{ link: l, to, d: path({ type: 'LineString', coordinates: [a, b] }) ?? '' }];
    });
  // the prefecture leads its place, then the entities with the most links
  const marks: Mark[] = [];
  for (const [id, at] of places) {
    const p = projection(at);
    if (!p) continue;
    const [x, y] = transform.apply(p);
    if (
      x < -CLUSTER_RADIUS ||
      y < -CLUSTER_RADIUS ||
      x > size.width + CLUSTER_RADIUS ||
      y > size.height + CLUSTER_RADIUS
    )
      continue;
    const rank = selfIds.has(id) ? Number.NEGATIVE_INFINITY : -view.links({ entity: id }).length;
    marks.push({ id, x, y, rank });
  }
  const clusters = size.width === 0 ? [] : clusterMarks(marks, CLUSTER_RADIUS);
  return (
    <figure className="world">
      <div ref={stage} className="world-stage" data-testid="world-stage" data-zoom={transform.k.toFixed(3)}>
        <svg
          width={size.width}
          height={size.height}
          role="img"
          aria-label={t('world.label')}
          aria-describedby="world-text-alternative"
          data-testid="world-map"
        >
          <rect width={size.width} height={size.height} className="ocean" />
          <g transform={transform.toString()}>
            <g>{countryPaths}</g>
            <g className="ties">
              {ties.map(({ link, to, d }) => (
                <path key={link.id} d={d} className="tie" data-testid="tie" stroke={linkColors[link.kind]}>
                  <title>{`${t(`link.${link.kind}`)}: ${nameIn(network.entity(to)?.name ?? { en: to }, lang)}`}</title>
                </path>
              ))}
            </g>
          </g>
        </svg>
        <WorldMarks
          view={view}
          clusters={clusters}
          size={size}
          listOpen={listOpen}
          onList={setListOpen}
          onSelect={onSelect}
        />
        <div className="world-zoom">
          <button
            type="button"
            onClick={() => zoomBy(2)}
            aria-label={t('world.zoomIn')}
            title={t('world.zoomIn')}
          >
            <Plus className="icon" aria-hidden="true" />
          </button>
          <button
            type="button"
            onClick={() => zoomBy(0.5)}
            aria-label={t('world.zoomOut')}
            title={t('world.zoomOut')}
          >
            <Minus className="icon" aria-hidden="true" />
          </button>
          <button type="button" onClick={reset}>
            {t('world.whole')}
          </button>
        </div>
      </div>
      <p id="world-text-alternative" className="visually-hidden">
        {t('map.textAlternative')}
      </p>
      <figcaption>
        <span data-testid="tie-count">{t('world.ties', { count: ties.length })}</span> — {t('world.note')}
      </figcaption>
    </figure>
  );
}
