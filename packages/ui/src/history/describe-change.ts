/**
 * A change in a few words, for the undo and redo buttons' titles: its label in the user's
 * language (`{ ja, en }`; older logs hold `日本語 / English`), else the operation and the record it touched,
 * both in the user's words.
 */
import { type Change, changeLabelIn, type Lang, type Network, nameIn } from '@musubi/core';
import { type MessageKey, messages } from '../i18n/i18n.js';

/** An operation of the log in the user's words (`recordEngagement` → 活動の記録), never its code name. */
export function operationWords(operation: string, lang: Lang): string {
  const key = `history.operation.${operation}` as MessageKey;
  return messages[lang][key] ?? messages[lang]['history.operation.other'];
}

function recordName(record: unknown, lang: Lang): string | undefined {
  const r = record as { name?: unknown; title?: unknown; id?: string };
  const named = (r.name ?? r.title) as Parameters<typeof nameIn>[0] | undefined;
  if (named && typeof named === 'object') return nameIn(named, lang);
  return r.id;
}

export function describeChange(change: Change, network: Network, lang: Lang): string {
  if (change.label !== undefined) return changeLabelIn(change.label, lang);
  const target = change.undoes ?? change.redoes;
  if (target !== undefined) {
    const original = network.changeById(target);
    if (original) return describeChange(original, network, lang);
  }
  const first = change.effects[0];
  const operation = operationWords(change.operation, lang);
  if (!first) return operation;
  const record = first.type === 'update' ? first.after : first.record;
  const name = recordName(record, lang);
  return name === undefined ? operation : `${operation}: ${name}`;
}
