import type { CsvImportProgress } from '@musubi/core/csv';
import { SingleBar } from 'cli-progress';
import { type CliLang, say } from './messages.js';

/** Rows from which an import shows a progress bar (smaller files finish before one is useful). */
export const PROGRESS_FROM_ROWS = 1_000;

/**
 * A progress bar on stderr for a long CSV import: rows checked, then records written. It draws only
 * when stderr is a terminal (cli-progress stays silent when it is redirected), so logs and pipes get
 * no escape codes.
 */
export function importProgressBar(lang: CliLang): {
  onProgress(progress: CsvImportProgress): void;
  stop(): void;
} {
  const bar = new SingleBar({
    format: `{phase} [{bar}] {percentage}% | {value}/{total} ${say(lang, { ja: '行', en: 'rows' })}`,
    stream: process.stderr,
    hideCursor: true,
    // the import runs synchronously, so the bar redraws from update() rather than from a timer
    synchronousUpdate: true,
    fps: 20,
  });
  let phase: CsvImportProgress['phase'] | undefined;
  const label = (p: CsvImportProgress['phase']) =>
    p === 'check'
      ? say(lang, { ja: '検査中', en: 'checking' })
      : say(lang, { ja: '取り込み中', en: 'importing' });
  return {
    onProgress(progress) {
      if (progress.total < PROGRESS_FROM_ROWS) return;
      if (phase !== progress.phase) {
        if (phase) bar.stop();
        phase = progress.phase;
        bar.start(progress.total, 0, { phase: label(phase) });
      }
      bar.update(progress.done, { phase: label(progress.phase) });
    },
    stop() {
      if (phase) bar.stop();
    },
  };
}
