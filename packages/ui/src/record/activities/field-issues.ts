/**
 * Issues by form field for the activity forms, and their wording in the user's language. Issues
 * come from the core's zod schemas (worded in English, translated by the shared `issueMessage`)
 * or from the forms' own checks (a budget that is not a number, a year given twice), which carry
 * a message key of this area as their code.
 */
import { type ErrorIssue, isMusubiError, type Lang } from '@musubi/core';
import { issueMessage } from '../../forms/issue-message.js';
import type { I18n, MessageKey } from '../../i18n/i18n.js';

/** An issue; `vars` fill the placeholders of a message of this area. */
export interface FieldIssue extends ErrorIssue {
  readonly vars?: Readonly<Record<string, string | number>>;
}

/** Field name (dotted, as in the form's values) → the issues found there. */
export type FieldIssues = Record<string, FieldIssue[]>;

/** The plan of a write: either ready to run, or the issues that stop it (nothing is written). */
export type Plan<T> = { ok: true; write: () => T } | { ok: false; issues: FieldIssues };

export function addIssue(issues: FieldIssues, field: string, issue: FieldIssue): void {
  const list = issues[field] ?? [];
  list.push(issue);
  issues[field] = list;
}

/** An issue of this area's own: `code` is its message key. */
export function ownIssue(
  field: string,
  key: MessageKey,
  message: string,
  vars?: Record<string, string | number>,
): FieldIssue {
  return { path: field.split('.'), code: key, message, ...(vars ? { vars } : {}) };
}

/** Puts a zod error's issues under the fields that `field` names for their paths. */
export function mapZodIssues(
  issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[],
  into: FieldIssues,
  field: (path: readonly (string | number)[]) => string,
): void {
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    addIssue(into, field(path), { path, code: issue.code, message: issue.message });
  }
}

/** A write refused by the network, as issues of the whole form. */
export function refusalIssues(error: unknown): FieldIssue[] {
  if (isMusubiError(error)) return [...error.issues];
  return [{ path: [], code: 'error', message: String((error as Error)?.message ?? error) }];
}

// Core messages that the shared issue-message module does not translate (yet), for these forms.
const rules: [RegExp, MessageKey][] = [
  [/expected number to be >=0/, 'activities.error.negative'],
  [/expected int/, 'activities.error.wholeNumber'],
  [/Invalid key in record|a fiscal year is four digits/, 'activities.error.fiscalYear'],
  [/expected number to be (>=1900|<=2999)/, 'activities.error.fiscalYear'],
  [/firstTimeOnly counts entities/, 'activities.error.firstTimeOnly'],
];

/** The issue as one sentence in `lang`. */
export function activityIssueMessage(issue: FieldIssue, lang: Lang, t: I18n['t']): string {
  if (issue.code.startsWith('activities.')) return t(issue.code as MessageKey, issue.vars);
  for (const [pattern, key] of rules) if (pattern.test(issue.message)) return t(key);
  return issueMessage(issue, lang, t);
}

/** Parses a number as people type it: full-width digits, thousands separators, spaces. */
export function parseAmount(text: string): number | undefined {
  const v = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (!/^[-−]?\d+(\.\d+)?$/.test(v)) return undefined;
  return Number(v.replace('−', '-'));
}

/** Splits a list typed with commas or Japanese commas (観光、産業人材). */
export function splitList(text: string): string[] {
  return text
    .split(/[,、，\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function optionalText(value: string): string | undefined {
  const v = value.trim();
  return v === '' ? undefined : v;
}

/** A bilingual name from two fields; empty fields are left out. */
export function bilingual(ja: string, en: string): { ja?: string; en?: string } {
  const out: { ja?: string; en?: string } = {};
  const j = optionalText(ja);
  const e = optionalText(en);
  if (j !== undefined) out.ja = j;
  if (e !== undefined) out.en = e;
  return out;
}
