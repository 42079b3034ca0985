/**
 * Add a link (関係を登録): its kind, the two entities (the prefecture by default as the source),
 * its title, and the first event of its history (signed, with a date that may be a year or a
 * month only), tags and notes.
 */
import { linkEventTypes, linkKinds, nameIn } from '@musubi/core';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useToday } from '../../app/clock.js';
import { useNetwork } from '../../app/network-context.js';
import { issuesOf, refusalIssues } from '../../forms/field-issues.js';
import {
  BilingualFields,
  IssuesScope,
  LinkEventFields,
  PickerField,
  SelectField,
  TextAreaField,
  TextField,
} from '../../forms/fields.js';
import { useFieldIssues } from '../../forms/use-field-issues.js';
import { useI18n } from '../../i18n/i18n.js';
import type { Notice } from './FormParts.js';
import { emptyLink, type LinkValues, planLink } from './plan-link.js';

export function LinkForm({ onDone }: { onDone: (notice: Notice) => void }) {
  const today = useToday();
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const self = useMemo(() => network.entities({ kind: 'self' })[0]?.id, [network]);
  const { register, control, handleSubmit, watch } = useForm<LinkValues>({
    defaultValues: emptyLink(today, self),
  });
  const issues = useFieldIssues({
    watch,
    check: (values: LinkValues) => issuesOf(planLink(network, values)),
  });
  const { setIssues, err, summary } = issues;
  const source = watch('source');
  const target = watch('target');
  const name = (id: string) => {
    const e = network.entity(id);
    return e ? nameIn(e.name, lang) : id;
  };

  const onSubmit = handleSubmit((values) => {
    const plan = planLink(network, values);
    if (!plan.ok) {
      setIssues(plan.issues);
      return;
    }
    try {
      plan.write(network);
      setIssues({});
      const show = values.source === self ? values.target : values.source;
      onDone({
        message: t('edit.link.added', {
          kind: t(`link.${values.kind}`),
          source: name(values.source),
          target: name(values.target),
        }),
        show,
      });
    } catch (error) {
      setIssues(
        refusalIssues(error, (path) => (path[0] === 'source' || path[0] === 'target' ? path[0] : 'form')),
      );
    }
  });

  return (
    <form className="record-form" onSubmit={onSubmit} noValidate aria-label={t('edit.link.addTitle')}>
      <IssuesScope issues={issues}>
        {summary}
        {err('form')}
        <fieldset>
          <legend>{t('edit.link.addTitle')}</legend>
          <SelectField
            label={t('edit.link.kind')}
            field="kind"
            register={register('kind')}
            options={linkKinds.map((kind) => ({ value: kind, label: t(`link.${kind}`) }))}
          />
          <PickerField
            control={control}
            name="source"
            label={t('edit.link.source')}
            exclude={target === '' ? [] : [target]}
          />
          <PickerField
            control={control}
            name="target"
            label={t('edit.link.target')}
            exclude={source === '' ? [] : [source]}
          />
          <BilingualFields
            labels={[t('edit.link.titleJa'), t('edit.link.titleEn')]}
            fields={['titleJa', 'titleEn']}
            shared="title"
            registers={[register('titleJa'), register('titleEn')]}
          />
        </fieldset>
        <LinkEventFields
          legend={t('edit.link.firstEvent')}
          types={linkEventTypes}
          type={register('eventType')}
          date={register('date')}
          note={register('eventNote')}
          fields={{ type: 'eventType', date: 'date', note: 'eventNote' }}
        />
        <fieldset>
          <legend>{t('edit.more')}</legend>
          <TextField
            label={t('edit.tags')}
            field="tags"
            register={register('tags')}
            placeholder={t('edit.listHint')}
          />
          <TextAreaField label={t('edit.notes')} field="notes" register={register('notes')} />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('edit.link.add')}
          </button>
        </div>
      </IssuesScope>
    </form>
  );
}
