/**
 * The network as a file: save it (Musubi JSON with its whole history), open one in its place, or
 * go back to the example network. Opening checks the whole file first; only a file that passes is
 * offered for confirmation, and the workspace keeps the old network until the new one is saved.
 */
import { isMusubiError, MusubiError } from '@musubi/core';
import { type ChangeEvent, useId, useRef, useState } from 'react';
import { useClock } from '../app/clock.js';
import { useNetwork, useWorkspace } from '../app/network-context.js';
import { currentAuthor } from '../app/workspace.js';
import { useI18n } from '../i18n/i18n.js';
import { ConfirmReplace } from './ConfirmReplace.js';
import { download } from './download.js';
import { buildExport } from './exports.js';
import { describeProblem, type FileProblem } from './file-messages.js';
import { countsText } from './import-summary.js';
import { type NetworkFile, readNetworkFile } from './open-file.js';
import { ProblemList } from './ProblemList.js';
import { readChosenFile } from './read-file.js';
import { stashNotice } from './replaced-notice.js';

type Pending = { kind: 'open'; name: string; file: NetworkFile } | { kind: 'reset' };

export function NetworkFileSection() {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const clock = useClock();
  const workspace = useWorkspace();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ headline: string; problem: FileProblem }>();
  const [status, setStatus] = useState<string>();

  const save = async () => {
    const file = await buildExport(network, 'json', { lang, now: clock() });
    download(file);
    setStatus(t('files.network.saved', { name: file.name }));
  };

  const onChoose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    setRefusal(undefined);
    setStatus(undefined);
    try {
      const read = await readChosenFile(chosen);
      setPending({ kind: 'open', name: chosen.name, file: readNetworkFile(read.bytes, currentAuthor()) });
    } catch (error) {
      const refused = isMusubiError(error)
        ? error
        : new MusubiError('FORMAT', t('files.error.read', { detail: String((error as Error)?.message) }));
      setRefusal({
        headline: t('files.open.refused', { name: chosen.name }),
        problem: describeProblem(refused, lang, t),
      });
    }
  };

  const replace = async (saveFirst: boolean) => {
    if (!pending || !workspace) return;
    setBusy(true);
    try {
      if (saveFirst) await save();
      const notice =
        pending.kind === 'open'
          ? t('files.network.opened', { name: pending.name })
          : t('files.network.resetDone');
      stashNotice(notice);
      if (pending.kind === 'open') await workspace.replace(pending.file.log);
      else await workspace.resetToExample();
      // the app now shows the new network under a new File menu, which shows the notice
    } catch (error) {
      stashNotice(undefined);
      setBusy(false);
      setPending(undefined);
      setRefusal({
        headline: t('files.network.replaceFailed', { detail: String((error as Error)?.message) }),
        problem: { summary: '', lines: [] },
      });
    }
  };

  const current = network.counts();
  const currentText = countsText(
    { entity: current.entities, link: current.links, engagement: current.engagements },
    t,
  );
  return (
    <section className="files-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('files.network.heading')}</h3>
      <p className="muted">
        {workspace?.description
          ? t('files.network.where', { where: workspace.description })
          : t('files.network.memory')}
      </p>
      <div className="files-row">
        <button type="button" className="primary" onClick={() => void save()}>
          {t('files.network.save')}
        </button>
        {workspace && (
          <>
            <button type="button" onClick={() => input.current?.click()}>
              {t('files.network.open')}
            </button>
            <input
              ref={input}
              type="file"
              className="files-hidden-input"
              accept=".json,application/json"
              aria-label={t('files.network.open')}
              data-testid="files-open-input"
              tabIndex={-1}
              onChange={(event) => void onChoose(event)}
            />
            <button type="button" onClick={() => setPending({ kind: 'reset' })}>
              {t('files.network.reset')}
            </button>
          </>
        )}
      </div>
      <p className="muted">
        {t('files.network.saveHint')} {workspace && t('files.network.openHint')}
      </p>
      {status && (
        <output className="files-done" aria-live="polite">
          {status}
        </output>
      )}
      {refusal && <ProblemList headline={refusal.headline} problem={refusal.problem} />}
      {pending && (
        <ConfirmReplace
          title={pending.kind === 'open' ? t('files.confirm.openTitle') : t('files.confirm.resetTitle')}
          body={
            pending.kind === 'open'
              ? t('files.confirm.openBody', {
                  name: pending.name,
                  counts: countsText(
                    {
                      entity: pending.file.counts.entities,
                      link: pending.file.counts.links,
                      engagement: pending.file.counts.engagements,
                    },
                    t,
                  ),
                  current: currentText,
                })
              : t('files.confirm.resetBody', { current: currentText })
          }
          busy={busy}
          onSaveFirst={() => void replace(true)}
          onReplace={() => void replace(false)}
          onCancel={() => setPending(undefined)}
        />
      )}
    </section>
  );
}
