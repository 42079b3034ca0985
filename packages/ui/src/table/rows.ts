/**
 * The rows of the table view: what the maps show (the same filters and point in time), as text.
 * Pure functions of the visible network and a language, so that the view only lays them out.
 */
import {
  countryName,
  type EngagementType,
  type EntityKind,
  fiscalYearOf,
  fiscalYearRange,
  type Lang,
  type LinkKind,
  linkStart,
  linkStatusOn,
  nameIn,
} from '@musubi/core';
import type { VisibleNetwork } from '../filters/visible.js';

export const tableKinds = ['entities', 'links', 'engagements'] as const;
export type TableKind = (typeof tableKinds)[number];

export function isTableKind(value: unknown): value is TableKind {
  return typeof value === 'string' && (tableKinds as readonly string[]).includes(value);
}

export interface EntityRow {
  id: string;
  name: string;
  kind: EntityKind;
  country: string;
  /** Links shown at this entity. */
  links: number;
  /** Engagements in the fiscal year of the day shown. */
  engagements: number;
}

export interface LinkRow {
  id: string;
  kind: LinkKind;
  source: string;
  sourceName: string;
  target: string;
  targetName: string;
  /** The day it started (YYYY-MM-DD), or '' when unknown. */
  since: string;
  status: 'active' | 'inactive' | 'undated';
  /** The end other than the prefecture: whose panel the row opens. */
  opens: string;
}

export interface EngagementRow {
  id: string;
  date: string;
  type: EngagementType;
  title: string;
  /** The participants' names, in the record's order. */
  participants: string;
  /** The first shown participant other than the prefecture: whose panel the row opens. */
  opens: string | undefined;
}

/** One row per shown entity, in graph order. */
export function entityRows(visible: VisibleNetwork, lang: Lang): EntityRow[] {
  const { view } = visible;
  const links = new Map<string, number>();
  for (const id of visible.links) {
    const link = view.link(id);
    if (!link) continue;
    for (const end of [link.source, link.target]) links.set(end, (links.get(end) ?? 0) + 1);
  }
  const rows: EntityRow[] = [];
  for (const id of visible.entities) {
    const entity = view.entity(id);
    if (!entity) continue;
    rows.push({
      id,
      name: nameIn(entity.name, lang),
      kind: entity.kind,
      country: entity.country ? (countryName(entity.country, lang) ?? entity.country) : '',
      links: links.get(id) ?? 0,
      engagements: visible.activity.get(id) ?? 0,
    });
  }
  return rows;
}

/** One row per shown link, with its status on the day shown. */
export function linkRows(visible: VisibleNetwork, lang: Lang): LinkRow[] {
  const { view } = visible;
  const name = (id: string) => {
    const entity = view.entity(id);
    return entity ? nameIn(entity.name, lang) : id;
  };
  const rows: LinkRow[] = [];
  for (const id of visible.links) {
    const link = view.link(id);
    if (!link) continue;
    rows.push({
      id,
      kind: link.kind,
      source: link.source,
      sourceName: name(link.source),
      target: link.target,
      targetName: name(link.target),
      since: linkStart(link) ?? '',
      status: linkStatusOn(link, visible.day),
      opens: view.entity(link.source)?.kind === 'self' ? link.target : link.source,
    });
  }
  return rows;
}

/** The engagements counted beside the maps: those of the fiscal year of the day shown, up to it, with a shown participant. */
export function engagementRows(visible: VisibleNetwork, lang: Lang): EngagementRow[] {
  const { view } = visible;
  const fiscalYear = fiscalYearOf(visible.day) as number;
  const rows: EngagementRow[] = [];
  for (const g of view.engagements({ from: fiscalYearRange(fiscalYear).start, to: visible.day })) {
    const shown = g.participants.filter((p) => visible.entities.has(p.entity));
    if (shown.length === 0) continue;
    const names = g.participants.map((p) => {
      const entity = view.entity(p.entity);
      return entity ? nameIn(entity.name, lang) : p.entity;
    });
    rows.push({
      id: g.id,
      date: g.date,
      type: g.type,
      title: nameIn(g.title, lang),
      participants: names.join(lang === 'ja' ? '、' : ', '),
      opens: (shown.find((p) => view.entity(p.entity)?.kind !== 'self') ?? shown[0])?.entity,
    });
  }
  return rows;
}
