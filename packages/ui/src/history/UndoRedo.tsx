/**
 * Undo and redo buttons, and Ctrl+Z / Ctrl+Shift+Z (⌘ on a Mac; Ctrl+Y redoes too). Undo reaches
 * back across reloads (the log keeps everything) but stops at the change that made the network
 * (the example, an opened file), so a slip of the keyboard cannot take the whole network away.
 * Keys typed in a text field keep their own undo.
 */
import { type Change, isMusubiError } from '@musubi/core';
import { useEffect, useState } from 'react';
import { useNetwork, useWorkspace } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';
import { describeChange } from './describe-change.js';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function UndoRedo() {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const workspace = useWorkspace();
  const [problem, setProblem] = useState<string>();
  const floor = workspace?.base ?? 0;
  const next = network.nextUndo();
  const canUndo = next !== undefined && next.seq > floor;
  const again = network.nextRedo();
  const canRedo = again !== undefined;

  // in team mode undo takes back only this user's changes, and not over a colleague's later one
  const refusal = (error: unknown, what: 'undo' | 'redo'): string => {
    const changedBy = isMusubiError(error, 'CONFLICT') ? error.details.changedBy : undefined;
    if (Array.isArray(changedBy)) {
      const who = [...new Set(changedBy.map((c: { author?: string }) => c.author ?? ''))].join(', ');
      const target = what === 'undo' ? next : again;
      const key = what === 'undo' ? 'undo.changedSince' : 'undo.changedSinceRedo';
      return t(key, { who, what: target ? describeChange(target, network, lang) : '' });
    }
    return isMusubiError(error) ? error.message : String(error);
  };

  const run = (what: 'undo' | 'redo') => {
    setProblem(undefined);
    try {
      if (what === 'undo') {
        const target = network.nextUndo();
        if (target !== undefined && target.seq > floor) network.undo();
      } else network.redo();
    } catch (error) {
      setProblem(refusal(error, what));
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        run('undo');
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        run('redo');
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [network, version, floor]);

  const what = (change: Change | undefined) => (change ? describeChange(change, network, lang) : '');
  return (
    <span className="undo-redo">
      <button
        type="button"
        disabled={!canUndo}
        onClick={() => run('undo')}
        title={canUndo ? t('undo.undoWhat', { what: what(next) }) : t('undo.nothing')}
        aria-keyshortcuts="Control+Z"
      >
        {t('undo.undo')}
      </button>
      <button
        type="button"
        disabled={!canRedo}
        onClick={() => run('redo')}
        title={canRedo ? t('undo.redoWhat', { what: what(again) }) : t('undo.nothingToRedo')}
        aria-keyshortcuts="Control+Shift+Z"
      >
        {t('undo.redo')}
      </button>
      {problem !== undefined && (
        <span role="alert" className="error">
          {problem}
        </span>
      )}
    </span>
  );
}
