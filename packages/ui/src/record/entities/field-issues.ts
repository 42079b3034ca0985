/**
 * Issues by form field for the entity, role and link forms: how a core issue (from a zod schema
 * or a refused write) lands on a field, and how it reads in the user's language. The shared
 * `issueMessage` knows the schema messages; the rules here add the refusals of writes that only
 * these forms meet (an id already taken, a link to itself, a role from a non-person…).
 */
import { type ErrorIssue, isMusubiError, type Lang } from '@musubi/core';
import { issueMessage } from '../../forms/issue-message.js';
import type { I18n } from '../../i18n/i18n.js';

/** Field name → the issues found there (field names as in the form's values, dotted). */
export type FieldIssues = Record<string, ErrorIssue[]>;

export type Plan<T> =
  | { ok: true; write: (network: import('@musubi/core').Network) => T }
  | {
      ok: false;
      issues: FieldIssues;
    };

/** Issue codes these forms make themselves (checks the schemas cannot make alone). */
export const editIssue = {
  idTaken: 'edit.idTaken',
  unknownEntity: 'edit.unknownEntity',
  sameEnds: 'edit.sameEnds',
  notPerson: 'edit.notPerson',
  number: 'edit.number',
  latitude: 'edit.latitude',
  longitude: 'edit.longitude',
  bothCoordinates: 'edit.bothCoordinates',
  nothingChanged: 'edit.nothingChanged',
  required: 'edit.required',
} as const;

export function addIssue(issues: FieldIssues, field: string, issue: ErrorIssue): void {
  const list = issues[field] ?? [];
  list.push(issue);
  issues[field] = list;
}

/** Puts zod issues on the fields that `field(path)` names. */
export function mapIssues(
  from: readonly { path: readonly PropertyKey[]; code: string; message: string }[],
  into: FieldIssues,
  field: (path: readonly (string | number)[]) => string,
): void {
  for (const issue of from) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    addIssue(into, field(path), { path, code: issue.code, message: issue.message });
  }
}

/**
 * A write the network refused, as issues by field: the error's own issues with their paths
 * mapped by `field`, and the refusals these forms know turned into their own codes.
 */
export function refusalIssues(
  error: unknown,
  field: (path: readonly (string | number)[]) => string,
): FieldIssues {
  const out: FieldIssues = {};
  if (!isMusubiError(error)) {
    addIssue(out, 'form', { path: [], code: 'error', message: String((error as Error)?.message ?? error) });
    return out;
  }
  for (const issue of error.issues) {
    let code = issue.code;
    if (error.code === 'CONFLICT' && issue.path[0] === 'id') code = editIssue.idTaken;
    else if (error.code === 'REFERENCE' && /refers to unknown entity/.test(issue.message))
      code = editIssue.unknownEntity;
    else if (/connects .+ to itself/.test(issue.message)) code = editIssue.sameEnds;
    else if (/a role link starts at a person/.test(issue.message)) code = editIssue.notPerson;
    addIssue(out, field(issue.path), { ...issue, code });
  }
  return out;
}

const ownMessages: Record<string, Parameters<I18n['t']>[0]> = {
  [editIssue.idTaken]: 'edit.error.idTaken',
  [editIssue.unknownEntity]: 'edit.error.unknownEntity',
  [editIssue.sameEnds]: 'edit.error.sameEnds',
  [editIssue.notPerson]: 'edit.error.notPerson',
  [editIssue.number]: 'edit.error.number',
  [editIssue.latitude]: 'edit.error.latitude',
  [editIssue.longitude]: 'edit.error.longitude',
  [editIssue.bothCoordinates]: 'edit.error.bothCoordinates',
  [editIssue.nothingChanged]: 'edit.error.nothingChanged',
  [editIssue.required]: 'form.error.required',
};

const messageRules: [RegExp, Parameters<I18n['t']>[0]][] = [
  [/holds roles .* must stay a person/, 'edit.error.staysPerson'],
  [/changed since this update was prepared/, 'edit.error.stale'],
  [/does not exist$/, 'edit.error.gone'],
  [/the id .+ is used twice/, 'edit.error.idTaken'],
];

/** One issue as a sentence in `lang`: these forms' own codes first, then the shared translations. */
export function editIssueMessage(issue: ErrorIssue, lang: Lang, t: I18n['t']): string {
  const own = ownMessages[issue.code];
  if (own) return t(own);
  for (const [pattern, key] of messageRules) if (pattern.test(issue.message)) return t(key);
  return issueMessage(issue, lang, t);
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
