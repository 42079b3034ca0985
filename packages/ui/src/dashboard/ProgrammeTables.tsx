/**
 * The programmes (主な事業): their budgets (予算額, thousand yen) by fiscal year with the totals,
 * and, for a chosen year, each one's engagements and cost per engagement.
 */
import { type FiscalYear, nameIn } from '@musubi/core';
import type { PolicyReport } from '@musubi/core/indicators';
import { useId, useMemo, useState } from 'react';
import { useNetwork } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';
import { IllustrativeMark } from './IndicatorSheet.js';
import { amountText, budgetTotals, costTable, defaultCostYear, word } from './policy-sheet.js';

interface TablesProps {
  sheet: PolicyReport;
  yearText: (fy: FiscalYear) => string;
}

export function BudgetTable({ sheet, yearText }: TablesProps) {
  const { t, lang } = useI18n();
  const id = useId();
  if (sheet.budget.length === 0) return <p className="muted">{t('dashboard.noProgrammes')}</p>;
  const totals = budgetTotals(sheet);
  return (
    <section className="dashboard-section" aria-labelledby={id}>
      <h3 id={id}>{t('dashboard.budget.title')}</h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="dashboard-scroll" aria-labelledby={id} tabIndex={0}>
        <table className="dashboard-table dashboard-budget" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{word('programmes', lang)}</th>
              <th scope="col">{word('basicProgramme', lang)}</th>
              {sheet.fiscalYears.map((fy) => (
                <th scope="col" key={fy}>
                  {yearText(fy)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sheet.budget.map((row) => (
              <tr key={row.id} data-programme={row.id}>
                <th scope="row">{nameIn(row.name, lang)}</th>
                <td className="dashboard-text">
                  {row.basicProgramme.code} {nameIn(row.basicProgramme.name, lang)}
                </td>
                {row.budgets.map((b) => (
                  <td key={b.fiscalYear} data-cell={`budget-${b.fiscalYear}`}>
                    {amountText(b.amount)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-programme="total">
              <th scope="row">{word('total', lang)}</th>
              <td />
              {totals.map((total) => (
                <td key={total.fiscalYear} data-cell={`budget-${total.fiscalYear}`}>
                  {amountText(total.amount)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </section>
    </section>
  );
}

export function CostTable({ sheet, yearText }: TablesProps) {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const id = useId();
  const [chosen, setChosen] = useState<FiscalYear>();
  const year = chosen !== undefined && sheet.fiscalYears.includes(chosen) ? chosen : defaultCostYear(sheet);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const costs = useMemo(
    () => (year === undefined ? undefined : costTable(network, year)),
    [network, version, year],
  );
  if (year === undefined || costs === undefined || costs.rows.length === 0) return null;
  return (
    <section className="dashboard-section" aria-labelledby={id}>
      <h3 id={id}>{t('dashboard.cost.title')}</h3>
      <label className="dashboard-field">
        <span>{t('dashboard.cost.year')}</span>
        <select value={year} onChange={(e) => setChosen(Number(e.target.value))}>
          {sheet.fiscalYears.map((fy) => (
            <option key={fy} value={fy}>
              {yearText(fy)}
            </option>
          ))}
        </select>
      </label>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="dashboard-scroll" aria-labelledby={id} tabIndex={0}>
        <table className="dashboard-table dashboard-costs" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{word('programmes', lang)}</th>
              <th scope="col">{word('basicProgramme', lang)}</th>
              <th scope="col">{word('budget', lang)}</th>
              <th scope="col">{t('dashboard.cost.engagements')}</th>
              <th scope="col">{t('dashboard.cost.perEngagement')}</th>
            </tr>
          </thead>
          <tbody>
            {costs.rows.map((row) => (
              <tr key={row.programme} data-programme={row.programme}>
                <th scope="row">{nameIn(row.name, lang)}</th>
                <td className="dashboard-text">{row.basicProgramme?.code ?? ''}</td>
                <td data-cell="budget">{amountText(row.budget)}</td>
                <td data-cell="engagements">
                  {row.engagements}
                  <IllustrativeMark count={row.illustrative} />
                </td>
                <td data-cell="cost">{amountText(row.costPerEngagement, 1)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-programme="total">
              <th scope="row">{word('total', lang)}</th>
              <td />
              <td data-cell="budget">{amountText(costs.total.budget)}</td>
              <td data-cell="engagements">
                {costs.total.engagements}
                <IllustrativeMark count={costs.total.illustrative} />
              </td>
              <td data-cell="cost">{amountText(costs.total.costPerEngagement, 1)}</td>
            </tr>
          </tfoot>
        </table>
      </section>
      <p className="muted">{t('dashboard.cost.note')}</p>
    </section>
  );
}
