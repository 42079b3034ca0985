/**
 * Export: CSV sheets (entities, links, engagements) with headers in the display language, GEXF and
 * GraphML with labels in it, and the policy sheet as XLSX for the chosen fiscal years.
 */
import { useId, useState } from 'react';
import { useClock } from '../app/clock.js';
import { useNetwork } from '../app/network-context.js';
import { type MessageKey, useI18n } from '../i18n/i18n.js';
import { download } from './download.js';
import {
  buildExport,
  defaultSheetYears,
  type FiscalYearSpan,
  MAX_SHEET_YEARS,
  sheetYearsProblem,
} from './exports.js';
import { type ExportKind, localDay } from './file-names.js';

const plain: readonly [ExportKind, MessageKey][] = [
  ['csv-entities', 'files.export.csvEntities'],
  ['csv-links', 'files.export.csvLinks'],
  ['csv-engagements', 'files.export.csvEngagements'],
  ['gexf', 'files.export.gexf'],
  ['graphml', 'files.export.graphml'],
  ['workbook', 'files.export.workbook'],
];

export function ExportSection() {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const clock = useClock();
  const id = useId();
  const [initial] = useState(() => defaultSheetYears(network, localDay(clock())));
  const [from, setFrom] = useState(String(initial[0]));
  const [to, setTo] = useState(String(initial[1]));
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; failed: boolean }>();

  const span: FiscalYearSpan = [Number(from), Number(to)];
  const yearsProblem = sheetYearsProblem(span);

  const write = async (kind: ExportKind) => {
    setBusy(true);
    setStatus(undefined);
    try {
      const file = await buildExport(network, kind, {
        lang,
        now: clock(),
        ...(kind === 'xlsx' ? { sheetYears: span } : {}),
      });
      download(file);
      setStatus({ text: t('files.export.done', { name: file.name }), failed: false });
    } catch (error) {
      setStatus({
        text: t('files.export.failed', { detail: String((error as Error)?.message) }),
        failed: true,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="files-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('files.export.heading')}</h3>
      <p className="muted">{t('files.export.hint')}</p>
      <div className="files-row">
        {plain.map(([kind, label]) => (
          <button key={kind} type="button" disabled={busy} onClick={() => void write(kind)}>
            {t(label)}
          </button>
        ))}
      </div>
      <fieldset className="files-sheet">
        <legend>{t('files.export.sheet')}</legend>
        <label>
          {t('files.export.from')}{' '}
          <input
            type="number"
            inputMode="numeric"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-invalid={yearsProblem !== undefined}
            aria-describedby={yearsProblem ? `${id}-years` : undefined}
          />
        </label>
        <label>
          {t('files.export.to')}{' '}
          <input
            type="number"
            inputMode="numeric"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-invalid={yearsProblem !== undefined}
            aria-describedby={yearsProblem ? `${id}-years` : undefined}
          />
        </label>
        <button
          type="button"
          disabled={busy || yearsProblem !== undefined}
          onClick={() => void write('xlsx')}
        >
          {t('files.export.xlsx')}
        </button>
        {yearsProblem && (
          <p id={`${id}-years`} className="files-field-error" role="alert">
            {t(`files.export.years.${yearsProblem}`, { max: MAX_SHEET_YEARS })}
          </p>
        )}
      </fieldset>
      {busy && <output aria-live="polite">{t('files.export.working')}</output>}
      {status && (
        <output className={status.failed ? 'files-field-error' : 'files-done'} aria-live="polite">
          {status.text}
        </output>
      )}
    </section>
  );
}
