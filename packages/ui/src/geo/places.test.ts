import type { Entity } from '@musubi/core';
import { describe, expect, it } from 'vitest';
import capitals from './capitals.json';
import { placeOf } from './places.js';

const entity = (patch: Partial<Entity>): Entity =>
  ({ id: 'e', kind: 'government', name: { en: 'E' }, ...patch }) as Entity;

describe('placeOf', () => {
  it('uses the coordinates when the entity has them', () => {
    expect(placeOf(entity({ country: 'TH', coordinates: { lat: 13.9, lng: 100.6 } }))).toEqual([100.6, 13.9]);
  });

  it("places an entity without coordinates at its country's capital", () => {
    const [lng, lat] = placeOf(entity({ country: 'TH' })) ?? [];
    expect(lng).toBeCloseTo(100.5, 0); // Bangkok
    expect(lat).toBeCloseTo(13.75, 0);
    const [lngUs, latUs] = placeOf(entity({ country: 'US' })) ?? [];
    expect(lngUs).toBeCloseTo(-77.04, 0); // Washington, D.C., not the middle of the country
    expect(latUs).toBeCloseTo(38.9, 0);
  });

  it('has no place for an entity without coordinates or country', () => {
    expect(placeOf(entity({}))).toBeUndefined();
  });

  it('knows a capital for every ASEAN and G7 country', () => {
    for (const code of [
      'BN',
      'KH',
      'ID',
      'LA',
      'MY',
      'MM',
      'PH',
      'SG',
      'TH',
      'VN',
      'TL',
      'CA',
      'FR',
      'DE',
      'IT',
      'JP',
      'GB',
      'US',
    ]) {
      expect(capitals, code).toHaveProperty(code);
    }
  });
});
