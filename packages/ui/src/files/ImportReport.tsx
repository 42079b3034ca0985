/**
 * The report of an import: what was added (and the rows left out), or why the file was refused
 * with every problem by line and column, offering to import the good rows only or to read the file
 * as Shift_JIS when that would help.
 */

import { columnLetter } from '@musubi/core/csv';
import { useI18n } from '../i18n/i18n.js';
import { columnLabel, csvWhere, describeProblem, problemLines } from './file-messages.js';
import { defaultedText, summaryText } from './import-summary.js';
import {
  badRows,
  canImportGoodRowsOnly,
  type ImportOutcome,
  type ImportSummary,
  mayBeShiftJis,
} from './imports.js';
import { MAX_LISTED, ProblemList } from './ProblemList.js';

export interface ImportReportProps {
  fileName: string;
  outcome: ImportOutcome;
  onGoodRowsOnly: () => void;
  onShiftJis: () => void;
}

export function ImportReport({ fileName, outcome, onGoodRowsOnly, onShiftJis }: ImportReportProps) {
  const { t, lang } = useI18n();
  if (!outcome.ok) {
    const problem = describeProblem(outcome.error, lang, t, { csv: outcome.format === 'csv' });
    return (
      <section className="files-report" aria-label={t('files.import.file', { name: fileName })}>
        <ProblemList headline={t('files.import.refused', { name: fileName })} problem={problem} />
        <div className="files-actions">
          {canImportGoodRowsOnly(outcome) && (
            <button type="button" onClick={onGoodRowsOnly}>
              {t(outcome.format === 'csv' ? 'files.import.goodRowsOnly' : 'files.import.withoutBadEdges')}
            </button>
          )}
          {mayBeShiftJis(outcome) && (
            <button type="button" onClick={onShiftJis}>
              {t('files.import.asShiftJis')}
            </button>
          )}
        </div>
      </section>
    );
  }
  const { summary } = outcome;
  const skipped = summary.rejected.slice(0, MAX_LISTED);
  return (
    <section className="files-report" aria-label={t('files.import.file', { name: fileName })}>
      <output className="files-done" aria-live="polite">
        {summaryText(summary, t)}
      </output>
      {summary.rejected.length > 0 && (
        <>
          <p>
            {summary.format === 'csv'
              ? t('files.import.skipped', { rows: badRows(summary.rejected).length })
              : t('files.import.skippedEdges', { count: summary.rejected.length })}
          </p>
          <ul className="files-issues" aria-label={t('files.import.problems')}>
            {problemLines(skipped, lang, t, summary.format === 'csv').map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
              <li key={i}>
                {line.where && <span className="files-where">{line.where}</span>}
                <span>{line.message}</span>
              </li>
            ))}
            {summary.rejected.length > skipped.length && (
              <li>{t('files.import.more', { count: summary.rejected.length - skipped.length })}</li>
            )}
          </ul>
        </>
      )}
      <IgnoredColumns summary={summary} />
      <DateReadings summary={summary} />
      {summary.defaulted.length > 0 && (
        <>
          <p>{t('files.import.defaulted')}</p>
          <ul className="files-issues">
            {summary.defaulted.map((note) => (
              <li key={note}>{defaultedText(note, t)}</li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">{t('files.import.undoHint')}</p>
    </section>
  );
}

/** The CSV columns that were not read, each with the known header nearest to it. */
function IgnoredColumns({ summary }: { summary: ImportSummary }) {
  const { t, lang } = useI18n();
  const ignored = summary.ignoredColumns ?? [];
  const sheets = summary.ignoredSheets ?? [];
  if (ignored.length === 0 && sheets.length === 0) return null;
  return (
    <>
      {sheets.length > 0 && (
        <p>{t('files.import.ignoredSheets', { sheets: sheets.map((s) => `「${s}」`).join(' ') })}</p>
      )}
      {ignored.length > 0 && <p>{t('files.import.ignoredColumns')}</p>}
      <ul className="files-issues" aria-label={t('files.import.ignoredColumns')}>
        {ignored.map((c) => (
          <li key={`${c.header}-${c.column}`}>
            {c.nearest
              ? t('files.import.ignoredColumnNearest', {
                  letter: columnLetter(c.column),
                  header: c.header,
                  nearest: columnLabel(c.nearest, lang),
                })
              : t('files.import.ignoredColumn', { letter: columnLetter(c.column), header: c.header })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Which CSV cells were read as which date (the first ones; the count says how many in all). */
function DateReadings({ summary }: { summary: ImportSummary }) {
  const { t, lang } = useI18n();
  const dates = summary.dates ?? [];
  if (dates.length === 0) return null;
  const listed = dates.slice(0, MAX_LISTED);
  return (
    <>
      <p>{t('files.import.dates')}</p>
      <ul className="files-issues" aria-label={t('files.import.dates')}>
        {listed.map((d) => (
          <li key={`${d.row} ${d.column} ${d.text}`}>
            <span className="files-where">
              {csvWhere({ path: [d.row, d.column], code: 'date', message: '' }, lang, t)}
            </span>
            <span>{t('files.import.dateReading', { text: d.text, date: d.date })}</span>
          </li>
        ))}
        {dates.length > listed.length && (
          <li>{t('files.import.more', { count: dates.length - listed.length })}</li>
        )}
      </ul>
    </>
  );
}
