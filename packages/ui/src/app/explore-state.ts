/**
 * What the explore views show (filters, point in time, selection), kept in the URL's query string
 * so that a view can be shared: `?view=map&kinds=region,government&group=asean&fy=2012&entity=thai-boi`.
 */
import {
  type CountryGroup,
  countryGroups,
  type EntityKind,
  entityKinds,
  type LinkKind,
  linkKinds,
} from '@musubi/core';
import { isTableKind, type TableKind } from '../table/rows.js';
import { isTabId, type TabId } from './tabs.js';

export type SizeBy = 'activity' | 'degree';

export interface ExploreState {
  view: TabId;
  /** Entity kinds shown; empty = all. */
  kinds: EntityKind[];
  /** Link kinds shown; empty = all. */
  linkKinds: LinkKind[];
  /** ISO alpha-2 codes; empty = all. */
  countries: string[];
  group: CountryGroup | undefined;
  activeOnly: boolean;
  /** Whether the map draws engagement ties (who took part in what together) beside the links. */
  ties: boolean;
  /** Fiscal year shown (the network at its end, 31 March); undefined = today. */
  fiscalYear: number | undefined;
  /** A day shown (YYYY-MM-DD); wins over the fiscal year. */
  date: string | undefined;
  sizeBy: SizeBy;
  era: boolean;
  /** The entity whose panel is open. */
  entity: string | undefined;
  /** Which table the table view shows. */
  table: TableKind;
}

export const defaultExploreState: ExploreState = {
  view: 'start',
  kinds: [],
  linkKinds: [],
  countries: [],
  group: undefined,
  activeOnly: false,
  ties: true,
  fiscalYear: undefined,
  date: undefined,
  sizeBy: 'degree',
  era: false,
  entity: undefined,
  table: 'entities',
};

function list<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  return value.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
}

/** Reads the state from a query string; unknown or bad values fall back to defaults. */
export function parseExploreState(search: string): ExploreState {
  const q = new URLSearchParams(search);
  const view = q.get('view');
  const group = q.get('group');
  const fy = Number(q.get('fy'));
  const date = q.get('date');
  const countries = (q.get('country') ?? '')
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter((c) => /^[A-Z]{2}$/.test(c));
  return {
    view: isTabId(view) ? view : defaultExploreState.view,
    kinds: list(q.get('kinds'), entityKinds),
    linkKinds: list(q.get('links'), linkKinds),
    countries,
    group: group !== null && group in countryGroups ? (group as CountryGroup) : undefined,
    activeOnly: q.get('active') === '1',
    ties: q.get('ties') !== '0',
    fiscalYear: q.has('fy') && Number.isInteger(fy) && fy > 1800 && fy < 3000 ? fy : undefined,
    date: date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined,
    sizeBy: q.get('size') === 'activity' ? 'activity' : 'degree',
    era: q.get('era') === '1',
    entity: q.get('entity') ?? undefined,
    table: isTableKind(q.get('table')) ? (q.get('table') as TableKind) : defaultExploreState.table,
  };
}

/** Writes the state as a query string (defaults left out); keeps `lang` and unknown keys of `base`. */
export function serializeExploreState(state: ExploreState, base = ''): string {
  const q = new URLSearchParams(base);
  const set = (key: string, value: string | undefined) => {
    if (value === undefined || value === '') q.delete(key);
    else q.set(key, value);
  };
  set('view', state.view === defaultExploreState.view ? undefined : state.view);
  set('kinds', state.kinds.join(','));
  set('links', state.linkKinds.join(','));
  set('country', state.countries.join(','));
  set('group', state.group);
  set('active', state.activeOnly ? '1' : undefined);
  set('ties', state.ties ? undefined : '0');
  set('fy', state.fiscalYear?.toString());
  set('date', state.date);
  set('size', state.sizeBy === 'activity' ? 'activity' : undefined);
  set('era', state.era ? '1' : undefined);
  set('entity', state.entity);
  set('table', state.table === defaultExploreState.table ? undefined : state.table);
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}
