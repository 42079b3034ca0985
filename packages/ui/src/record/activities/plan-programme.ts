/**
 * What the programme form writes: a programme (主な事業) under a basic programme (基本事業), with a
 * budget per fiscal year in thousand yen (予算額（千円）). Checked with the core's `ProgrammeInputSchema`
 * and the form's own rules (a budget that is not a number, a year given twice), each issue under
 * its field, before anything is written; and the removal of a programme, which the core refuses
 * while engagements or indicators refer to it.
 */
import {
  formatFiscalYear,
  isMusubiError,
  type Lang,
  type Network,
  type NetworkView,
  nameIn,
} from '@musubi/core';
import {
  addProgramme,
  type BasicProgramme,
  type Programme,
  type ProgrammeInput,
  programmes,
  removeProgramme,
  updateProgramme,
} from '@musubi/core/indicators';
import { ProgrammeInputSchema } from '@musubi/core/schemas';
import {
  addIssue,
  bilingual,
  type FieldIssues,
  mapIssues,
  optionalText,
  ownIssue,
  type Plan,
  parseAmount,
} from '../../forms/field-issues.js';

export interface AmountRow {
  fiscalYear: string;
  amount: string;
}

export interface ProgrammeValues {
  basicCode: string;
  basicNameJa: string;
  basicNameEn: string;
  nameJa: string;
  nameEn: string;
  /** Budget rows: a fiscal year and an amount in thousand yen; a row with no amount is left out. */
  budgets: AmountRow[];
  notes: string;
}

export function emptyProgramme(fiscalYear: number): ProgrammeValues {
  return {
    basicCode: '',
    basicNameJa: '',
    basicNameEn: '',
    nameJa: '',
    nameEn: '',
    budgets: [{ fiscalYear: String(fiscalYear), amount: '' }],
    notes: '',
  };
}

export function programmeValuesOf(p: Programme): ProgrammeValues {
  return {
    basicCode: p.basicProgramme.code,
    basicNameJa: p.basicProgramme.name.ja ?? '',
    basicNameEn: p.basicProgramme.name.en ?? '',
    nameJa: p.name.ja ?? '',
    nameEn: p.name.en ?? '',
    budgets: Object.entries(p.budgets)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([fiscalYear, amount]) => ({ fiscalYear, amount: String(amount) })),
    notes: p.notes ?? '',
  };
}

/** The basic programmes the recorded programmes belong to, by code (each once). */
export function basicProgrammes(view: NetworkView): BasicProgramme[] {
  const byCode = new Map<string, BasicProgramme>();
  for (const p of programmes(view)) {
    if (!byCode.has(p.basicProgramme.code)) byCode.set(p.basicProgramme.code, p.basicProgramme);
  }
  return [...byCode.values()];
}

/**
 * Reads rows of fiscal year + amount into a record keyed by year ('2019'). Rows with no amount are
 * left out; a year that is not one, a year given twice and an amount that is not a number are
 * issues under `<field>.<row>.fiscalYear` / `.amount`. Returns, for each year, the row it came from.
 */
export function readAmounts(
  rows: readonly AmountRow[],
  field: string,
  issues: FieldIssues,
): { amounts: Record<string, number>; rowOfYear: Map<string, number> } {
  const amounts: Record<string, number> = {};
  const rowOfYear = new Map<string, number>();
  rows.forEach((row, i) => {
    const yearText = row.fiscalYear.normalize('NFKC').trim();
    const amountText = row.amount.trim();
    if (amountText === '') return;
    const yearField = `${field}.${i}.fiscalYear`;
    const amountField = `${field}.${i}.amount`;
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1900 || year > 2999) {
      addIssue(issues, yearField, ownIssue(yearField, 'form.error.fiscalYear', 'a fiscal year'));
    } else if (rowOfYear.has(yearText)) {
      addIssue(
        issues,
        yearField,
        ownIssue(yearField, 'activities.error.duplicateYear', `FY${yearText} twice`, { year: yearText }),
      );
    }
    const amount = parseAmount(amountText);
    if (amount === undefined) {
      addIssue(issues, amountField, ownIssue(amountField, 'activities.error.notANumber', 'not a number'));
    }
    if (issues[yearField] === undefined && amount !== undefined) {
      amounts[yearText] = amount;
      rowOfYear.set(yearText, i);
    }
  });
  return { amounts, rowOfYear };
}

function fieldOf(path: readonly (string | number)[], rowOfYear: Map<string, number>): string {
  const [head, sub] = path;
  if (head === 'basicProgramme') return sub === 'code' ? 'basicCode' : 'basicName';
  if (head === 'budgets') {
    const row = rowOfYear.get(String(sub));
    return row === undefined ? 'budgets' : `budgets.${row}.amount`;
  }
  return typeof head === 'string' ? head : 'form';
}

/** Checks the form's values and plans `addProgramme`, or `updateProgramme` of `editing`. */
export function planProgramme(network: Network, values: ProgrammeValues, editing?: string): Plan<Programme> {
  const issues: FieldIssues = {};
  const { amounts, rowOfYear } = readAmounts(values.budgets, 'budgets', issues);
  const notes = optionalText(values.notes);
  const before = editing === undefined ? undefined : network.record<Programme>('programme', editing);
  const fields = {
    name: bilingual(values.nameJa, values.nameEn),
    basicProgramme: {
      code: values.basicCode.normalize('NFKC').trim(),
      name: bilingual(values.basicNameJa, values.basicNameEn),
    },
    budgets: amounts,
    notes,
  } satisfies Partial<ProgrammeInput>;
  const parsed = ProgrammeInputSchema.safeParse({
    ...(before ?? {}),
    ...fields,
    ...(editing !== undefined && { id: editing }),
  });
  if (!parsed.success) mapIssues(parsed.error.issues, issues, (path) => fieldOf(path, rowOfYear));
  if (editing !== undefined && before === undefined) {
    addIssue(issues, 'form', ownIssue('form', 'activities.error.programmeGone', `no programme ${editing}`));
  }
  if (Object.keys(issues).length > 0) return { ok: false, issues };
  if (editing === undefined) {
    const { notes: _, ...rest } = fields;
    return { ok: true, write: () => addProgramme(network, notes === undefined ? rest : fields) };
  }
  return { ok: true, write: () => updateProgramme(network, editing, fields) };
}

/**
 * Removes a programme, or says why not: the core refuses while engagements or indicators refer
 * to it, and the issue names them (how many, and the first few).
 */
export function removeProgrammeOrSay(
  network: Network,
  id: string,
  lang: Lang,
): { ok: true; removed: Programme } | { ok: false; issues: FieldIssues } {
  try {
    return { ok: true, removed: removeProgramme(network, id) };
  } catch (error) {
    if (!isMusubiError(error, 'REFERENCE')) {
      if (isMusubiError(error)) return { ok: false, issues: { form: [...error.issues] } };
      throw error;
    }
    const refs = (error.details.referencedBy ?? []) as { collection: string; id: string }[];
    const names = refs.slice(0, 3).map((r) => {
      const record =
        r.collection === 'engagement'
          ? network.engagement(r.id)?.title
          : network.record<{ id: string; name: { ja?: string; en?: string } }>(
              r.collection as 'indicator',
              r.id,
            )?.name;
      return record ? nameIn(record, lang) : r.id;
    });
    const more = refs.length > 3 ? '…' : '';
    return {
      ok: false,
      issues: {
        form: [
          ownIssue('form', 'activities.error.programmeInUse', error.message, {
            count: refs.length,
            names: names.join(lang === 'ja' ? '、' : ', ') + more,
          }),
        ],
      },
    };
  }
}

/**
 * A fiscal year in the Japanese era as documents name it: the era on its first day and, when an
 * era change falls in it, the new era too (`平成31年度／令和元年度`).
 */
export function fiscalYearInEras(fiscalYear: number, lang: Lang): string {
  const start = formatFiscalYear(fiscalYear, { lang, style: 'era' });
  const current = formatFiscalYear(fiscalYear, { lang, style: 'era', eraConvention: 'current' });
  return start === current ? start : `${start}${lang === 'ja' ? '／' : ' / '}${current}`;
}

/** The same, from what is typed in a fiscal-year field (nothing when it is not a year). */
export function fiscalYearHint(text: string, lang: Lang): string | undefined {
  const v = text.normalize('NFKC').trim();
  if (!/^\d{4}$/.test(v)) return undefined;
  const fy = Number(v);
  if (fy < 1900 || fy > 2999) return undefined;
  return fiscalYearInEras(fy, lang);
}
