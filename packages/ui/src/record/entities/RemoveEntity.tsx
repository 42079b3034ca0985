/**
 * Removing an entity: asked once; when links or engagements still refer to it the core refuses
 * and names them, and they are listed with what removing them all would do, behind a second,
 * explicit confirmation.
 */
import { nameIn } from '@musubi/core';
import { useState } from 'react';
import { useNetwork } from '../../app/network-context.js';
import { refusalIssues } from '../../forms/field-issues.js';
import { useFieldIssues } from '../../forms/use-field-issues.js';
import { useI18n } from '../../i18n/i18n.js';
import type { Notice } from './FormParts.js';
import { type RemovalEffect, removeEntityWithReferences, tryRemoveEntity } from './plan-entity.js';

type Step = { at: 'idle' } | { at: 'confirm' } | { at: 'refused'; referencedBy: RemovalEffect[] };

export function RemoveEntity({ id, onDone }: { id: string; onDone: (notice: Notice) => void }) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const [step, setStep] = useState<Step>({ at: 'idle' });
  const { setIssues, err } = useFieldIssues();
  const entity = network.entity(id);
  if (!entity) return null;
  const name = nameIn(entity.name, lang);
  const entityName = (other: string) => {
    const e = network.entity(other);
    return e ? nameIn(e.name, lang) : other;
  };
  const describe = (ref: RemovalEffect): string => {
    if (ref.collection === 'link' && 'link' in ref && ref.link) {
      const other = ref.link.source === id ? ref.link.target : ref.link.source;
      return t('edit.remove.refLink', { kind: t(`link.${ref.link.kind}`), other: entityName(other) });
    }
    if (ref.collection === 'engagement' && 'engagement' in ref && ref.engagement) {
      const what = { date: ref.engagement.date, title: nameIn(ref.engagement.title, lang) };
      return ref.effect === 'removed'
        ? t('edit.remove.refEngagementGone', what)
        : t('edit.remove.refEngagementKept', what);
    }
    return t('edit.remove.refOther', { collection: ref.collection, id: ref.id });
  };
  const removed = () => onDone({ message: t('edit.remove.done', { name }) });

  const attempt = () => {
    try {
      const result = tryRemoveEntity(network, id);
      if (result.removed) removed();
      else setStep({ at: 'refused', referencedBy: result.referencedBy });
    } catch (error) {
      setIssues(refusalIssues(error, () => 'form'));
    }
  };
  const cascade = () => {
    try {
      removeEntityWithReferences(network, id);
      removed();
    } catch (error) {
      setIssues(refusalIssues(error, () => 'form'));
    }
  };

  return (
    <section className="edit-removal" aria-labelledby={`remove-${id}`}>
      <h4 id={`remove-${id}`}>{t('edit.remove.title')}</h4>
      {step.at === 'idle' && (
        <button type="button" className="edit-danger" onClick={() => setStep({ at: 'confirm' })}>
          {t('edit.remove.start', { name })}
        </button>
      )}
      {step.at === 'confirm' && (
        <div>
          <p>{t('edit.remove.confirm', { name })}</p>
          <div className="form-actions">
            <button type="button" className="edit-danger" onClick={attempt}>
              {t('edit.remove.yes')}
            </button>
            <button type="button" onClick={() => setStep({ at: 'idle' })}>
              {t('edit.cancel')}
            </button>
          </div>
        </div>
      )}
      {step.at === 'refused' && (
        <div role="alert" className="edit-refusal">
          <p>{t('edit.remove.refused', { name, count: step.referencedBy.length })}</p>
          <ul data-testid="removal-references">
            {step.referencedBy.map((ref) => (
              <li key={`${ref.collection}-${ref.id}`}>{describe(ref)}</li>
            ))}
          </ul>
          {step.referencedBy.some((ref) => ref.effect === 'blocks') ? (
            <p>{t('edit.remove.blocked')}</p>
          ) : (
            <>
              <p>{t('edit.remove.cascadeExplain', { name })}</p>
              <div className="form-actions">
                <button type="button" className="edit-danger" onClick={cascade}>
                  {t('edit.remove.cascade', { count: step.referencedBy.length })}
                </button>
                <button type="button" onClick={() => setStep({ at: 'idle' })}>
                  {t('edit.cancel')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {err('form')}
    </section>
  );
}
