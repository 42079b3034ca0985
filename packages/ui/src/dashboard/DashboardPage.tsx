/**
 * The dashboard (施策評価): the policy sheet computed live from the records — each indicator's
 * target, actual and achievement by fiscal year, with a chart of target against actual; the
 * programmes' budgets by year and their cost per engagement. Every change of the network (a
 * recorded visit that counts) re-renders it at once.
 */
import { type FiscalYear, nameIn } from '@musubi/core';
import { useCallback, useMemo, useState } from 'react';
import { useToday } from '../app/clock.js';
import { parseExploreState } from '../app/explore-state.js';
import { useNetwork } from '../app/network-context.js';
import { currentSearch } from '../app/url-state.js';
import { useI18n } from '../i18n/i18n.js';
import { IndicatorSheet } from './IndicatorSheet.js';
import { BudgetTable, CostTable } from './ProgrammeTables.js';
import {
  basicProgrammeNames,
  clampRange,
  defaultRange,
  fiscalYearText,
  groupByKind,
  selectableSpan,
  sheetFor,
  word,
  type YearRange,
  type YearStyle,
  yearStyles,
} from './policy-sheet.js';
import { SheetDownload } from './SheetDownload.js';
import './dashboard.css';

function RangeControls({
  range,
  span,
  custom,
  style,
  onRange,
  onStyle,
  yearText,
}: {
  range: YearRange;
  span: YearRange;
  custom: boolean;
  style: YearStyle;
  onRange: (range: YearRange | undefined) => void;
  onStyle: (style: YearStyle) => void;
  yearText: (fy: FiscalYear) => string;
}) {
  const { t } = useI18n();
  const years: FiscalYear[] = [];
  for (let fy = span.first; fy <= span.last; fy++) years.push(fy);
  const options = years.map((fy) => (
    <option key={fy} value={fy}>
      {yearText(fy)}
    </option>
  ));
  return (
    <fieldset className="dashboard-settings">
      <legend>{t('dashboard.settings')}</legend>
      <label className="dashboard-field">
        <span>{t('dashboard.from')}</span>
        <select value={range.first} onChange={(e) => onRange({ ...range, first: Number(e.target.value) })}>
          {options}
        </select>
      </label>
      <label className="dashboard-field">
        <span>{t('dashboard.to')}</span>
        <select value={range.last} onChange={(e) => onRange({ ...range, last: Number(e.target.value) })}>
          {options}
        </select>
      </label>
      <button type="button" onClick={() => onRange(undefined)} disabled={!custom}>
        {t('dashboard.defaultRange')}
      </button>
      <label className="dashboard-field">
        <span>{t('dashboard.yearStyle')}</span>
        <select value={style} onChange={(e) => onStyle(e.target.value as YearStyle)}>
          {yearStyles.map((s) => (
            <option key={s} value={s}>
              {t(`dashboard.yearStyle.${s}`)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

export function DashboardPage({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const today = useToday();
  // the explore views' "Japanese era" choice (`?era=1`) is where the dashboard starts
  const [style, setStyle] = useState<YearStyle>(() =>
    parseExploreState(currentSearch()).era ? 'era-sheet' : 'western',
  );
  const [chosen, setChosen] = useState<YearRange>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const span = useMemo(() => selectableSpan(network, today), [network, version, today]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const range = useMemo(
    () => clampRange(chosen ?? defaultRange(network, today), span),
    [network, version, chosen, span, today],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const sheet = useMemo(() => sheetFor(network, range, today), [network, version, range, today]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const programmeNames = useMemo(() => basicProgrammeNames(network), [network, version]);
  const yearText = useCallback((fy: FiscalYear) => fiscalYearText(fy, lang, style), [lang, style]);

  return (
    <div className="dashboard">
      <h2>{t('dashboard.title')}</h2>
      <p className="muted">{t('dashboard.intro')}</p>
      <div className="dashboard-toolbar">
        <RangeControls
          range={range}
          span={span}
          custom={chosen !== undefined}
          style={style}
          onRange={(r) => setChosen(r === undefined ? undefined : clampRange(r, span))}
          onStyle={setStyle}
          yearText={yearText}
        />
        <SheetDownload sheet={sheet} range={range} style={style} />
      </div>
      {sheet.illustrative && (
        <p className="dashboard-caution" role="note">
          {t('dashboard.illustrative.notice')}
        </p>
      )}
      {sheet.indicators.length === 0 && <p>{t('dashboard.noIndicators')}</p>}
      {groupByKind(sheet.indicators).map((group) => (
        <section key={group.kind} className="dashboard-section" aria-labelledby={`dashboard-${group.kind}`}>
          <h3 id={`dashboard-${group.kind}`}>{word(group.kind, lang)}</h3>
          {group.rows.map((row) => {
            const name =
              row.basicProgramme === undefined ? undefined : programmeNames.get(row.basicProgramme);
            return (
              <IndicatorSheet
                key={row.id}
                row={row}
                programmeName={name === undefined ? undefined : nameIn(name, lang)}
                today={today}
                yearText={yearText}
                onOpen={onOpen}
              />
            );
          })}
        </section>
      ))}
      <BudgetTable sheet={sheet} yearText={yearText} />
      <CostTable sheet={sheet} yearText={yearText} />
      <p className="muted">{word('note', lang)}</p>
    </div>
  );
}
