/**
 * The changes the server refused because their record moved on: for each, the record as the user
 * made it and as it is now, field by field (the fields that differ marked), and two ways out:
 * apply the user's version again on the current record, or drop it. Nothing goes silently.
 */
import type { Replica } from '@musubi/core/client';
import { useState } from 'react';
import { describeChange } from '../history/describe-change.js';
import { fieldLabel, type ReadingWords, recordNameOf, valueWords } from '../history/readable-fields.js';
import { type MessageKey, messages, useI18n } from '../i18n/i18n.js';
import { conflictFields } from './conflict-fields.js';
import type { Conflict } from './conflicts.js';

function ConflictItem({ conflict, replica }: { conflict: Conflict; replica: Replica }) {
  const { t, lang } = useI18n();
  const [problem, setProblem] = useState<string>();
  const rows = conflictFields(conflict.mine, conflict.current);
  const changeId = conflict.change.id;
  const act = (what: 'reapply' | 'drop') => {
    setProblem(undefined);
    try {
      if (what === 'reapply') replica.reapply(changeId);
      else replica.drop(changeId);
    } catch (error) {
      setProblem(t('conflict.failed', { message: (error as Error).message }));
    }
  };
  // fields and values in the user's words, as the history shows them (メモ, country names, dates)
  const words: ReadingWords = { lang, t, nameOf: (id) => recordNameOf(replica, id, lang) };
  // the conflict view's own word for a field (ID, 種類), else the history's (メモ, 国・地域)
  const label = (field: string) => {
    const key = `conflict.fieldName.${field}`;
    return key in messages.ja ? t(key as MessageKey) : fieldLabel(conflict.collection, field, words);
  };
  const side = (record: unknown, field: string, value: unknown) =>
    record === null ? t('conflict.removed') : valueWords(conflict.collection, field, value, words);
  const heading = t('conflict.record', {
    what: describeChange(conflict.change, replica, lang),
    collection: t(`history.collection.${conflict.collection}`),
    id: conflict.id,
  });
  return (
    <li className="conflict" data-change={changeId}>
      <h3>{heading}</h3>
      {conflict.error.code !== 'CONFLICT' && (
        <p className="error">{t('conflict.refused', { code: conflict.error.code })}</p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('conflict.field')}</th>
            <th scope="col">{t('conflict.mine')}</th>
            <th scope="col">{t('conflict.current')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} className={row.differs ? 'differs' : undefined} data-field={row.field}>
              <th scope="row">
                {label(row.field)}
                {row.differs && <span className="visually-hidden"> ({t('conflict.differs')})</span>}
              </th>
              <td>{side(conflict.mine, row.field, row.mine)}</td>
              <td>{side(conflict.current, row.field, row.current)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="conflict-actions">
        <button type="button" className="primary" onClick={() => act('reapply')}>
          {t('conflict.reapply')}
        </button>
        <button type="button" onClick={() => act('drop')}>
          {t('conflict.drop')}
        </button>
      </p>
      {problem !== undefined && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </li>
  );
}

export function ConflictView({
  replica,
  conflicts,
  onClose,
}: {
  replica: Replica;
  conflicts: readonly Conflict[];
  onClose?: () => void;
}) {
  const { t } = useI18n();
  return (
    <section className="conflict-view">
      <header>
        <h2 id="conflict-heading">{t('conflict.title')}</h2>
        {onClose && (
          <button type="button" onClick={onClose} aria-label={t('conflict.close')}>
            ×
          </button>
        )}
      </header>
      {conflicts.length === 0 ? (
        <p>{t('conflict.none')}</p>
      ) : (
        <>
          <p>{t('conflict.intro')}</p>
          <ul className="conflict-list">
            {conflicts.map((c) => (
              <ConflictItem key={c.change.id} conflict={c} replica={replica} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
