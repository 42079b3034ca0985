/**
 * The world view: countries from Natural Earth (world-atlas TopoJSON, drawn with d3-geo in SVG,
 * no tile server), entities at their place, and the ties drawn from the prefecture outwards as
 * great-circle arcs. Follows the same filters and point in time as the map.
 */
import { type Network, nameIn } from '@musubi/core';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { useMemo } from 'react';
import type { VisibleNetwork } from '../filters/visible.js';
import { useI18n } from '../i18n/i18n.js';
import { kindColors, linkColors } from '../map/palette.js';
import { placeOf, worldCountries } from './places.js';

const WIDTH = 960;
const HEIGHT = 500;

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
  // centred on the Pacific (150°E) so that ties from Japan to the Americas do not cross the seam
  const projection = useMemo(
    () => geoNaturalEarth1().rotate([-150, 0]).fitSize([WIDTH, HEIGHT], worldCountries),
    [],
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
  // one dot per place abroad (or at home), the prefecture on top
  const dots = [...places.entries()]
    .map(([id, at]) => ({ id, at: projection(at), entity: view.entity(id) }))
    .filter((d) => d.at && d.entity)
    .sort((a, b) => (a.entity?.kind === 'self' ? 1 : 0) - (b.entity?.kind === 'self' ? 1 : 0));
  return (
    <figure className="world">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('world.label')}
        data-testid="world-map"
      >
        <rect width={WIDTH} height={HEIGHT} className="ocean" />
        <g>{countryPaths}</g>
        <g className="ties">
          {ties.map(({ link, to, d }) => (
            <path key={link.id} d={d} className="tie" data-testid="tie" stroke={linkColors[link.kind]}>
              <title>{`${t(`link.${link.kind}`)}: ${nameIn(network.entity(to)?.name ?? { en: to }, lang)}`}</title>
            </path>
          ))}
        </g>
        <g>
          {dots.map(({ id, at, entity }) =>
            at && entity ? (
              <a
                key={id}
                href={`?view=world&entity=${encodeURIComponent(id)}`}
                aria-label={nameIn(entity.name, lang)}
                onClick={(event) => {
                  event.preventDefault();
                  onSelect(id);
                }}
              >
                <circle
                  cx={at[0]}
                  cy={at[1]}
                  r={entity.kind === 'self' ? 6 : 3.5}
                  fill={kindColors[entity.kind]}
                  className="place"
                >
                  <title>{nameIn(entity.name, lang)}</title>
                </circle>
              </a>
            ) : null,
          )}
        </g>
      </svg>
      <figcaption>
        <span data-testid="tie-count">{t('world.ties', { count: ties.length })}</span> — {t('world.note')}
      </figcaption>
    </figure>
  );
}
