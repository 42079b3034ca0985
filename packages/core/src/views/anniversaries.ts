/**
 * Anniversaries of ties in the coming months. Convention (protocol practice in Japanese local
 * government): every 5th year of a signing is marked (5th, 10th, 15th…); every 10th is a
 * milestone (`major`), the ones usually celebrated with visits and ceremonies. Only formal ties
 * count (sister, friendship, MOU, agreement, partner), and only while they are in force.
 */

import type { LinkKind } from '../model/kinds.js';
import type { Link } from '../model/records.js';
import { linkStatusOn, sortedEvents } from '../model/valid-time.js';
import type { NetworkView } from './view.js';

export const anniversaryLinkKinds: readonly LinkKind[] = [
  'sister',
  'friendship',
  'mou',
  'agreement',
  'partner',
];

export interface Anniversary {
  link: Link;
  /** The entity at the other end from `entity` (or the target when no entity was given). */
  other: string;
  /** The day (or month, or year, as precise as the signing) of the anniversary. */
  date: string;
  years: number;
  major: boolean;
}

export interface AnniversaryOptions {
  /** The first day looked at (YYYY-MM-DD). */
  from: string;
  /** How many months ahead; default 12. */
  months?: number;
  /** Only ties of this entity. */
  entity?: string;
}

function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/**
 * Anniversaries falling in [from, from + months), soonest first. A year-only signing counts in its year.
 *
 * @example
 * upcomingAnniversaries(network, { from: '2026-04-01', entity: 'mie' }); // the 55th of São Paulo…
 */
export function upcomingAnniversaries(view: NetworkView, options: AnniversaryOptions): Anniversary[] {
  const from = options.from;
  const until = addMonths(from, options.months ?? 12);
  const out: Anniversary[] = [];
  const links = view.links({
    kind: anniversaryLinkKinds,
    ...(options.entity !== undefined ? { entity: options.entity } : {}),
  });
  for (const link of links) {
    if (linkStatusOn(link, from) === 'inactive' && sortedEvents(link.events).some((e) => e.type === 'ended'))
      continue;
    const signed = link.events.find((e) => e.type === 'signed');
    if (!signed) continue;
    const signedYear = Number(signed.date.slice(0, 4));
    const rest = signed.date.slice(4); // '', '-07' or '-07-12'
    for (let year = Number(from.slice(0, 4)); year <= Number(until.slice(0, 4)); year++) {
      const years = year - signedYear;
      if (years <= 0 || years % 5 !== 0) continue;
      const date = `${year}${rest}`;
      // compare at the signing's precision: a month or a year overlaps the window if any day does
      const first = `${date}${'-01-01'.slice(rest.length)}`;
      const last = rest === '' ? `${year}-12-31` : rest.length === 3 ? `${date}-31` : date;
      if (last < from || first >= until) continue;
      const other =
        options.entity === undefined
          ? link.target
          : link.source === options.entity
            ? link.target
            : link.source;
      out.push({ link, other, date, years, major: years % 10 === 0 });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
