/** A refused file: what happened, one sentence, then every problem with where it is in the file. */
import { useI18n } from '../i18n/i18n.js';
import type { FileProblem } from './file-messages.js';

/** More than this many problems are counted, not listed (a broken 100,000-row file stays usable). */
export const MAX_LISTED = 500;

export function ProblemList({ headline, problem }: { headline: string; problem: FileProblem }) {
  const { t } = useI18n();
  const listed = problem.lines.slice(0, MAX_LISTED);
  const more = problem.lines.length - listed.length;
  return (
    <div className="files-problem" role="alert">
      <p className="files-headline">{headline}</p>
      {problem.summary !== '' && <p>{problem.summary}</p>}
      {listed.length > 0 && (
        <ul className="files-issues" aria-label={t('files.import.problems')}>
          {listed.map((line, i) => (
            // problems have no identity of their own; their order is the file's
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
            <li key={i}>
              {line.where !== undefined && <span className="files-where">{line.where}</span>}
              <span>{line.message}</span>
            </li>
          ))}
          {more > 0 && <li>{t('files.import.more', { count: more })}</li>}
        </ul>
      )}
    </div>
  );
}
