/**
 * "Download this sheet": the policy sheet shown, as the core writes it (Markdown or an XLSX laid
 * out like the prefecture's sheet), in the current language and year style. The general export
 * menu lives in the Files area.
 */
import type { PolicyReport } from '@musubi/core/indicators';
import { reportToMarkdown } from '@musubi/core/markdown';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { sheetFileName, type YearRange, type YearStyle, yearFormat } from './policy-sheet.js';

function save(data: BlobPart, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the download has its own copy once started
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function SheetDownload({
  sheet,
  range,
  style,
}: {
  sheet: PolicyReport;
  range: YearRange;
  style: YearStyle;
}) {
  const { t, lang } = useI18n();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const options = { lang, ...yearFormat(style) };

  const markdown = () => {
    setProblem(undefined);
    save(reportToMarkdown(sheet, options), 'text/markdown;charset=utf-8', sheetFileName(range, 'md'));
  };
  const xlsx = async () => {
    setProblem(undefined);
    setBusy(true);
    try {
      // ExcelJS loads when a workbook is written, not with the dashboard
      const { reportToXlsx } = await import('@musubi/core/xlsx');
      const bytes = await reportToXlsx(sheet, options);
      save(
        bytes as Uint8Array<ArrayBuffer>,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        sheetFileName(range, 'xlsx'),
      );
    } catch (error) {
      setProblem(t('dashboard.download.failed', { reason: String(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="dashboard-download">
      <legend>{t('dashboard.download.title')}</legend>
      <button type="button" onClick={markdown}>
        {t('dashboard.download.markdown')}
      </button>
      <button type="button" onClick={xlsx} disabled={busy} aria-busy={busy}>
        {t('dashboard.download.xlsx')}
      </button>
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
