/**
 * Issues by form field, for every form: how an issue of the core (a zod schema's, or a refused
 * write's) lands on a field, and the checks the forms make themselves. A form's own issue carries
 * a message key as its code and the key's placeholders as its params, so that every issue is
 * worded from data (`issueMessage`), never from its English text.
 */
import { type ErrorIssue, isMusubiError, issueFromZod, type Network } from '@musubi/core';
import type { MessageKey } from '../i18n/i18n.js';

/** One issue: the core's (zod's code or a MusubiError's, with params), or a form's own (a message key). */
export type FieldIssue = ErrorIssue;

/** Field name (dotted, as in the form's values; `form` for the whole form) → the issues found there. */
export type FieldIssues = Record<string, FieldIssue[]>;

/** The plan of a write: ready to run on a network, or the issues that stop it (nothing is written). */
export type Plan<T> = { ok: true; write: (network: Network) => T } | { ok: false; issues: FieldIssues };

/** The codes of the checks the entity, role and link forms make themselves (message keys). */
export const editIssue = {
  idTaken: 'edit.error.idTaken',
  unknownEntity: 'edit.error.unknownEntity',
  sameEnds: 'edit.error.sameEnds',
  notPerson: 'edit.error.notPerson',
  number: 'edit.error.number',
  latitude: 'edit.error.latitude',
  longitude: 'edit.error.longitude',
  bothCoordinates: 'edit.error.bothCoordinates',
  nothingChanged: 'edit.error.nothingChanged',
  required: 'form.error.required',
} as const satisfies Record<string, MessageKey>;

/** The issues a plan found, none when it is ready: what a form checks again as its fields change. */
export function issuesOf(plan: Plan<unknown>): FieldIssues {
  return plan.ok ? {} : plan.issues;
}

export function addIssue(issues: FieldIssues, field: string, issue: FieldIssue): void {
  const list = issues[field] ?? [];
  list.push(issue);
  issues[field] = list;
}

/**
 * A form's own issue: `key` is its message, `params` fill the key's placeholders; `message` is an
 * English note for logs and tests.
 */
export function ownIssue(
  field: string,
  key: MessageKey,
  message: string = key,
  params?: Record<string, string | number>,
): FieldIssue {
  return { path: field.split('.'), code: key, message, ...(params ? { params } : {}) };
}

/**
 * Puts a zod error's issues (with their codes and params) under the fields that `field` names;
 * an issue for which it names none is left out (another field's issue already says it).
 */
export function mapIssues(
  from: readonly Parameters<typeof issueFromZod>[0][],
  into: FieldIssues,
  field: (path: readonly (string | number)[]) => string | undefined,
): void {
  for (const zodIssue of from) {
    const issue = issueFromZod(zodIssue);
    const name = field(issue.path);
    if (name !== undefined) addIssue(into, name, issue);
  }
}

/**
 * A write the network refused, as issues by field: the error's own issues (a MusubiError's code
 * and `params.reason`), under the field that `field` names for their paths, or `form`.
 */
export function refusalIssues(
  error: unknown,
  field: (path: readonly (string | number)[]) => string = () => 'form',
): FieldIssues {
  const out: FieldIssues = {};
  if (!isMusubiError(error)) {
    addIssue(out, 'form', { path: [], code: 'error', message: String((error as Error)?.message ?? error) });
    return out;
  }
  for (const issue of error.issues) addIssue(out, field(issue.path), issue);
  return out;
}

/** Parses a number as people type it: full-width digits, thousands separators, spaces. */
export function parseAmount(text: string): number | undefined {
  const v = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (!/^[-−]?\d+(\.\d+)?$/.test(v)) return undefined;
  return Number(v.replace('−', '-'));
}

/** Splits a list typed as text ("観光、産業人材, food") into trimmed, non-empty items. */
export function listOf(text: string): string[] {
  return text
    .split(/[,、，\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Trimmed text, or undefined when empty. */
export function optionalText(value: string): string | undefined {
  const v = value.trim();
  return v === '' ? undefined : v;
}

/** A bilingual name from two inputs, leaving out the empty language. */
export function bilingual(ja: string, en: string): { ja?: string; en?: string } {
  const out: { ja?: string; en?: string } = {};
  const j = optionalText(ja);
  const e = optionalText(en);
  if (j !== undefined) out.ja = j;
  if (e !== undefined) out.en = e;
  return out;
}
