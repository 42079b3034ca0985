/**
 * One indicator as the policy sheet lays it out: a table with the fiscal years as columns and the
 * target (目標値), actual (実績値) and achievement (目標達成状況) as rows, the baseline (現状値) in
 * the first column; beside it a chart of target against actual. The table is the accessible
 * version of the chart.
 */
import { type FiscalYear, nameIn } from '@musubi/core';
import type { IndicatorRow, IndicatorYear } from '@musubi/core/indicators';
import { useId, useState } from 'react';
import { Bar, ComposedChart, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../i18n/i18n.js';
import { CountedList } from './CountedList.js';
import { achievementText, actualKind, chartPoints, countText, unitText, word } from './policy-sheet.js';

export interface IndicatorSheetProps {
  row: IndicatorRow;
  /** The basic programme's name, for an activity indicator. */
  programmeName?: string | undefined;
  today: string;
  yearText: (fy: FiscalYear) => string;
  /** Shows an entity on the network map. */
  onOpen: (id: string) => void;
}

interface ActualCellProps {
  year: IndicatorYear;
  row: IndicatorRow;
  today: string;
  yearText: (fy: FiscalYear) => string;
  /** Whether this year's breakdown is shown, and the id of the breakdown. */
  expanded: boolean;
  details: string;
  onToggle: () => void;
}

/** The mark of an actual that counts illustrative records: never shown as a real figure. */
export function IllustrativeMark({ count }: { count: number | undefined }) {
  const { t } = useI18n();
  if (count === undefined) return null;
  return (
    <>
      {' '}
      <span className="dashboard-illustrative" title={t('dashboard.illustrative.title', { n: count })}>
        {t('dashboard.illustrative.mark', { n: count })}
      </span>
    </>
  );
}

function ActualCell({ year, row, today, yearText, expanded, details, onToggle }: ActualCellProps) {
  const { t, lang } = useI18n();
  const value = countText(year.actual, row.unit, lang);
  const kind = actualKind(year, today);
  const toggle = (text: string) => (
    <button
      type="button"
      className="link"
      aria-expanded={expanded}
      aria-controls={expanded ? details : undefined}
      aria-label={t('dashboard.counted.show', { year: yearText(year.fiscalYear), value })}
      onClick={onToggle}
    >
      {text}
    </button>
  );
  if (kind === 'not-started') {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('dashboard.actual.notStarted')}</span>
      </>
    );
  }
  if (kind === 'pending')
    return (
      <>
        <span className="dashboard-pending">{t('dashboard.actual.pending', { value })}</span>
        <IllustrativeMark count={year.illustrative} />
      </>
    );
  if (kind === 'manual') {
    return (
      <>
        {value}{' '}
        <span className="dashboard-manual" title={t('dashboard.actual.manualTitle')}>
          {t('dashboard.actual.manual')}
        </span>
      </>
    );
  }
  return (
    <>
      {toggle(value)}
      <IllustrativeMark count={year.illustrative} />
    </>
  );
}

function AchievementCell({ year, today }: { year: IndicatorYear; today: string }) {
  const { t } = useI18n();
  if (actualKind(year, today) === 'not-started') return null;
  if (year.status === 'no-target') {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('dashboard.status.no-target')}</span>
      </>
    );
  }
  // an achievement computed from illustrative records is no achievement: no 達成 / 未達成 badge
  const status = year.illustrative === undefined ? year.status : 'illustrative';
  return (
    <>
      {achievementText(year.achievement)}{' '}
      <span className={`dashboard-status dashboard-status-${status}`}>{t(`dashboard.status.${status}`)}</span>
    </>
  );
}

export function IndicatorSheet({ row, programmeName, today, yearText, onOpen }: IndicatorSheetProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const [open, setOpen] = useState<FiscalYear>();
  const openYear = row.years.find((y) => y.fiscalYear === open);
  const name = nameIn(row.name, lang);
  const hasManual = row.years.some((y) => y.source === 'manual');
  const points = chartPoints(row, today, yearText);
  const caption = t('dashboard.chart.caption', { name });
  return (
    <section className="dashboard-indicator" aria-labelledby={`${id}-name`} data-indicator={row.id}>
      <h4 id={`${id}-name`}>{name}</h4>
      <p className="muted dashboard-meta">
        {row.basicProgramme !== undefined && (
          <span>
            {t('dashboard.basicProgramme', { code: row.basicProgramme, name: programmeName ?? '' })}
          </span>
        )}
        <span>{t('dashboard.unit', { unit: unitText(row.unit, lang) })}</span>
        <span>{row.cumulative ? t('dashboard.cumulative') : t('dashboard.perYear')}</span>
      </p>
      <div className="dashboard-indicator-body">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
        <section className="dashboard-scroll" aria-labelledby={`${id}-name`} tabIndex={0}>
          <table className="dashboard-table" aria-labelledby={`${id}-name`}>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.row')}</th>
                {row.baseline && (
                  <th scope="col">
                    {yearText(row.baseline.fiscalYear)}
                    <br />
                    {word('baseline', lang)}
                  </th>
                )}
                {row.years.map((y) => (
                  <th scope="col" key={y.fiscalYear}>
                    {yearText(y.fiscalYear)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{word('target', lang)}</th>
                {row.baseline && <td>—</td>}
                {row.years.map((y) => (
                  <td key={y.fiscalYear} data-cell={`target-${y.fiscalYear}`}>
                    {y.target === undefined ? '—' : countText(y.target, row.unit, lang)}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{word('actual', lang)}</th>
                {row.baseline && (
                  <td data-cell="baseline">
                    {row.baseline.value === undefined ? '—' : countText(row.baseline.value, row.unit, lang)}
                  </td>
                )}
                {row.years.map((y) => (
                  <td key={y.fiscalYear} data-cell={`actual-${y.fiscalYear}`}>
                    <ActualCell
                      year={y}
                      row={row}
                      today={today}
                      yearText={yearText}
                      expanded={open === y.fiscalYear}
                      details={`${id}-counted`}
                      onToggle={() => setOpen(open === y.fiscalYear ? undefined : y.fiscalYear)}
                    />
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{word('achievement', lang)}</th>
                {row.baseline && <td />}
                {row.years.map((y) => (
                  <td key={y.fiscalYear} data-cell={`achievement-${y.fiscalYear}`}>
                    <AchievementCell year={y} today={today} />
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </section>
        <figure className="dashboard-chart">
          <ComposedChart
            responsive
            style={{ width: '100%', height: 220 }}
            data={points}
            title={caption}
            desc={t('dashboard.chart.note')}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          >
            <XAxis dataKey="label" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} width={40} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend itemSorter={null} />
            <Bar dataKey="target" name={word('target', lang)} fill="#9aa5b1" isAnimationActive={false} />
            <Bar dataKey="actual" name={word('actual', lang)} fill="#1f4e79" isAnimationActive={false} />
          </ComposedChart>
          <figcaption className="muted">{caption}</figcaption>
        </figure>
      </div>
      {hasManual && <p className="muted">{t('dashboard.actual.manualTitle')}</p>}
      {openYear && (
        <CountedList
          id={`${id}-counted`}
          indicator={row.id}
          fiscalYear={openYear.fiscalYear}
          title={t('dashboard.counted.title', {
            name,
            year: yearText(openYear.fiscalYear),
            value: countText(openYear.actual, row.unit, lang),
          })}
          cumulative={row.cumulative}
          onOpen={onOpen}
          onClose={() => setOpen(undefined)}
        />
      )}
    </section>
  );
}
