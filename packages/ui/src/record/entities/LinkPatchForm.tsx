/** Edit a link's title, tags and notes (its two ends never change), and remove it. */
import { nameIn } from '@musubi/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNetwork } from '../../app/network-context.js';
import { issuesOf, refusalIssues } from '../../forms/field-issues.js';
import { BilingualFields, IssuesScope, TextAreaField, TextField } from '../../forms/fields.js';
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
  const { register, handleSubmit, watch } = useForm<LinkPatchValues>({
    defaultValues: link ? linkPatchValues(link) : { titleJa: '', titleEn: '', tags: '', notes: '' },
  });
  const issues = useFieldIssues({
    watch,
    check: (values: LinkPatchValues) => issuesOf(planLinkPatch(network, linkId, values)),
  });
  const { setIssues, err, summary } = issues;
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
      <IssuesScope issues={issues}>
        {summary}
        {err('form')}
        <fieldset>
          <legend>{t('edit.link.editTitle')}</legend>
          <BilingualFields
            labels={[t('edit.link.titleJa'), t('edit.link.titleEn')]}
            fields={['titleJa', 'titleEn']}
            shared="title"
            registers={[register('titleJa'), register('titleEn')]}
          />
          <TextField
            label={t('edit.tags')}
            field="tags"
            register={register('tags')}
            placeholder={t('edit.listHint')}
          />
          <TextAreaField label={t('edit.notes')} field="notes" register={register('notes')} />
        </fieldset>
      </IssuesScope>
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
