/** Edit a link's title, tags and notes (its two ends never change), and remove it. */
import { nameIn } from '@musubi/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNetwork } from '../../app/network-context.js';
import { refusalIssues } from '../../forms/field-issues.js';
import { useFieldIssues } from '../../forms/use-field-issues.js';
import { useI18n } from '../../i18n/i18n.js';
import type { Notice } from './FormParts.js';
import { type LinkPatchValues, linkPatchValues, planLinkPatch, removeLinkNow } from './plan-link.js';

export function LinkPatchForm({
  linkId,
  from,
  onDone,
}: {
  linkId: string;
  from?: string | undefined;
  onDone: (notice: Notice) => void;
}) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const link = network.link(linkId);
  const { register, handleSubmit } = useForm<LinkPatchValues>({
    defaultValues: link ? linkPatchValues(link) : { titleJa: '', titleEn: '', tags: '', notes: '' },
  });
  const { setIssues, invalid, err, summary } = useFieldIssues();
  const [confirming, setConfirming] = useState(false);
  if (!link) return null;
  const other = from === link.target ? link.source : link.target;
  const label = `${t(`link.${link.kind}`)} — ${nameIn(network.entity(other)?.name ?? { en: other }, lang)}`;
  const show = from ?? link.source;

  const onSubmit = handleSubmit((values) => {
    const plan = planLinkPatch(network, linkId, values);
    if (!plan.ok) {
      setIssues(plan.issues);
      return;
    }
    try {
      plan.write(network);
      setIssues({});
      onDone({ message: t('edit.link.updated', { link: label }), show });
    } catch (error) {
      setIssues(refusalIssues(error, () => 'form'));
    }
  });
  const remove = () => {
    try {
      removeLinkNow(network, linkId);
      onDone({ message: t('edit.link.removed', { link: label }), show });
    } catch (error) {
      setIssues(refusalIssues(error, () => 'form'));
    }
  };

  return (
    <form className="record-form" onSubmit={onSubmit} noValidate aria-label={t('edit.link.editTitle')}>
      {summary}
      {err('form')}
      <fieldset>
        <legend>{t('edit.link.editTitle')}</legend>
        <label className="field">
          <span className="label">{t('edit.link.titleJa')}</span>
          <input {...register('titleJa')} lang="ja" {...invalid('title')} />
        </label>
        <label className="field">
          <span className="label">{t('edit.link.titleEn')}</span>
          <input {...register('titleEn')} lang="en" {...invalid('title')} />
        </label>
        {err('title')}
        <label className="field">
          <span className="label">{t('edit.tags')}</span>
          <input {...register('tags')} placeholder={t('edit.listHint')} {...invalid('tags')} />
        </label>
        {err('tags')}
        <label className="field">
          <span className="label">{t('edit.notes')}</span>
          <textarea {...register('notes')} rows={3} {...invalid('notes')} />
        </label>
        {err('notes')}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('edit.link.save')}
        </button>
        {!confirming ? (
          <button type="button" className="edit-danger" onClick={() => setConfirming(true)}>
            {t('edit.link.remove')}
          </button>
        ) : (
          <span className="edit-confirm">
            {t('edit.link.removeConfirm', { link: label })}
            <button type="button" className="edit-danger" onClick={remove}>
              {t('edit.link.removeYes')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('edit.cancel')}
            </button>
          </span>
        )}
      </div>
    </form>
  );
}
