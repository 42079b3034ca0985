/**
 * Node positions: seeded from the id (so a first visit is repeatable) and kept in localStorage
 * (so the map does not jump between visits).
 */
import type { EntityKind } from '@musubi/core';

const STORAGE_KEY = 'musubi.positions.v1';
export type Positions = Record<string, { x: number; y: number }>;

/** A deterministic 32-bit hash of a string (FNV-1a). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const rings: Record<EntityKind, number> = {
  self: 0,
  municipality: 1,
  company: 1.5,
  organization: 2,
  mission: 2.5,
  government: 3,
  region: 3,
  facility: 3.5,
  person: 4,
};

/** The first position of an entity: on a ring by kind, at an angle from its id. */
export function seededPosition(id: string, kind: EntityKind): { x: number; y: number } {
  const angle = ((hash(id) % 3600) / 3600) * 2 * Math.PI;
  const radius = rings[kind] * 10 + (hash(`${id}#r`) % 100) / 20;
  return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
}

/** The positions kept from an earlier visit (empty when none or unreadable). */
export function loadPositions(): Positions {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    const value: unknown = text ? JSON.parse(text) : {};
    return value !== null && typeof value === 'object' ? (value as Positions) : {};
  } catch {
    return {};
  }
}

/** Keeps positions for the next visit. */
export function savePositions(positions: Positions): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(positions));
  } catch {
    // not kept when storage is full or blocked
  }
}
