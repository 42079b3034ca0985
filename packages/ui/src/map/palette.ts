/** Colours of entity kinds and link kinds (hex: sigma ignores hsl()). Shared by map, legend and world view. */
import type { EntityKind, LinkKind } from '@musubi/core';

export const kindColors: Record<EntityKind, string> = {
  self: '#c0392b',
  region: '#2e86c1',
  government: '#8e44ad',
  mission: '#d68910',
  organization: '#16a085',
  municipality: '#7f8c8d',
  company: '#27ae60',
  facility: '#a04000',
  person: '#5d6d7e',
};

export const linkColors: Record<LinkKind, string> = {
  sister: '#e74c3c',
  friendship: '#f1948a',
  mou: '#8e44ad',
  agreement: '#5b2c6f',
  represents: '#d4ac0d',
  'member-of': '#48c9b0',
  role: '#aab7b8',
  supports: '#58d68d',
  partner: '#5dade2',
};

/** Engagement ties (who took part in what together) are drawn light, under the formal links. */
export const TIE_COLOR = '#c9d1da';

/** Line width by link kind: formal affiliations and agreements stand out. */
export const linkWidths: Record<LinkKind, number> = {
  sister: 3,
  friendship: 2.5,
  mou: 2.5,
  agreement: 2,
  represents: 1.5,
  'member-of': 1,
  role: 1,
  supports: 1.5,
  partner: 1.5,
};
