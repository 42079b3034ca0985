/**
 * Import into the current network: choose a file (CSV, the XLSX workbook, JSON, GEXF, GraphML), and it is imported
 * at once as one change (all or nothing; undo takes it back), with the report below.
 */

import { isMusubiError, MusubiError } from '@musubi/core';
import type { CsvKind } from '@musubi/core/csv';
import { type ChangeEvent, useId, useRef, useState } from 'react';
import { useNetwork } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';
import { importAccept } from './file-formats.js';
import { describeProblem } from './file-messages.js';
import { ImportReport } from './ImportReport.js';
import { type ChosenFile, type ImportOutcome, importChosenFile } from './imports.js';
import { ProblemList } from './ProblemList.js';
import { readChosenFile } from './read-file.js';

type Sheet = 'auto' | CsvKind;
type Extra = { partial?: boolean; shiftJis?: boolean };

export function ImportSection() {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [sheet, setSheet] = useState<Sheet>('auto');
  const [chosen, setChosen] = useState<ChosenFile>();
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const [readError, setReadError] = useState<{ name: string; error: MusubiError }>();
  // how the chosen file was last read (as Shift_JIS, good rows only), kept for the next retry
  const [extra, setExtra] = useState<Extra>({});

  const run = async (file: ChosenFile, how: Extra = {}) => {
    setExtra(how);
    setOutcome(
      await importChosenFile(network, file, {
        lang,
        ...(sheet === 'auto' ? {} : { csvKind: sheet }),
        ...how,
      }),
    );
  };

  const onChoose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setOutcome(undefined);
    setReadError(undefined);
    setChosen(undefined);
    try {
      const read = await readChosenFile(file);
      setChosen(read);
      await run(read);
    } catch (error) {
      const refusal = isMusubiError(error)
        ? error
        : new MusubiError('FORMAT', t('files.error.read', { detail: String((error as Error)?.message) }));
      setReadError({ name: file.name, error: refusal });
    }
  };

  return (
    <section className="files-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('files.import.heading')}</h3>
      <p className="muted">{t('files.import.hint')}</p>
      <div className="files-row">
        <label>
          {t('files.import.sheet')}{' '}
          <select value={sheet} onChange={(e) => setSheet(e.target.value as Sheet)}>
            <option value="auto">{t('files.import.sheet.auto')}</option>
            <option value="entities">{t('files.import.sheet.entities')}</option>
            <option value="links">{t('files.import.sheet.links')}</option>
            <option value="engagements">{t('files.import.sheet.engagements')}</option>
          </select>
        </label>
        <button type="button" onClick={() => input.current?.click()}>
          {t('files.import.choose')}
        </button>
        <input
          ref={input}
          type="file"
          className="files-hidden-input"
          accept={importAccept}
          aria-label={t('files.import.choose')}
          data-testid="files-import-input"
          tabIndex={-1}
          onChange={(event) => void onChoose(event)}
        />
      </div>
      {readError && (
        <ProblemList
          headline={t('files.import.refused', { name: readError.name })}
          problem={describeProblem(readError.error, lang, t)}
        />
      )}
      {chosen && outcome && (
        <ImportReport
          fileName={chosen.name}
          outcome={outcome}
          onGoodRowsOnly={() => void run(chosen, { ...extra, partial: true })}
          onShiftJis={() => void run(chosen, { ...extra, shiftJis: true })}
        />
      )}
    </section>
  );
}
