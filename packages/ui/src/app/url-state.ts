/**
 * The one owner of the URL's query string. Every write goes through `navigate`; whoever reads the
 * URL subscribes here (`useSearch`), and hears both the app's own writes and the browser's Back and
 * Forward (popstate). A step the user would go back to (a view, a panel, a filter) is a history
 * entry; a change made while moving through time (the slider, playing the years) or a language
 * switch replaces the current entry, so that Back does not walk through every year.
 */
import { useSyncExternalStore } from 'react';
import type { ExploreState } from './explore-state.js';

type Listener = () => void;
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` after every change of the query string (a write here, Back, Forward). */
export function subscribeToUrl(listener: Listener): () => void {
  if (listeners.size === 0) addEventListener('popstate', notify);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) removeEventListener('popstate', notify);
  };
}

/** The current query string (`?view=map&entity=thai-boi`, or ''). */
export function currentSearch(): string {
  return location.search;
}

/**
 * Shows `search` in the address bar: a new history entry, or with `replace` in place of the
 * current one. Nothing happens when the query string is already that.
 */
export function navigate(search: string, options: { replace?: boolean } = {}): void {
  const next = search === '?' ? '' : search;
  if (next === location.search) return;
  const url = `${location.pathname}${next}${location.hash}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
}

/** The query string, re-rendering on every change. */
export function useSearch(): string {
  return useSyncExternalStore(subscribeToUrl, currentSearch, () => '');
}

/** The explore state's fields that move through time: their changes replace the history entry. */
const timeFields: readonly (keyof ExploreState)[] = ['fiscalYear', 'date'];

/** Whether a change of the explore state is a step of its own in the history (Back returns before it). */
export function isHistoryStep(patch: Partial<ExploreState>): boolean {
  return Object.keys(patch).some((key) => !timeFields.includes(key as keyof ExploreState));
}
