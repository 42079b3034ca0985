/**
 * Add a link (関係を登録): its kind, the two entities (the prefecture by default as the source),
 * its title, and the first event of its history (signed, with a date that may be a year or a
 * month only), tags and notes.
 */
import { linkEventTypes, linkKinds, nameIn } from '@musubi/core';
import { useId, useMemo } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useToday } from '../../app/clock.js';
import { useNetwork } from '../../app/network-context.js';
import { EntityPicker } from '../../forms/EntityPicker.js';
import { refusalIssues } from '../../forms/field-issues.js';
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
  const { setIssues, say, invalid, err, summary } = useFieldIssues();
  const uid = useId();
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
      {summary}
      {err('form')}
      <fieldset>
        <legend>{t('edit.link.addTitle')}</legend>
        <div className="field">
          <label htmlFor={`${uid}-kind`}>{t('edit.link.kind')}</label>
          <select id={`${uid}-kind`} {...register('kind')}>
            {linkKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`link.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        {err('kind')}
        <Controller
          control={control}
          name="source"
          render={({ field }) => (
            <EntityPicker
              label={t('edit.link.source')}
              value={field.value === '' ? undefined : field.value}
              onChange={(id) => field.onChange(id ?? '')}
              exclude={target === '' ? [] : [target]}
              error={say('source')}
            />
          )}
        />
        <Controller
          control={control}
          name="target"
          render={({ field }) => (
            <EntityPicker
              label={t('edit.link.target')}
              value={field.value === '' ? undefined : field.value}
              onChange={(id) => field.onChange(id ?? '')}
              exclude={source === '' ? [] : [source]}
              error={say('target')}
            />
          )}
        />
        <label className="field">
          <span className="label">{t('edit.link.titleJa')}</span>
          <input {...register('titleJa')} lang="ja" {...invalid('title')} />
        </label>
        <label className="field">
          <span className="label">{t('edit.link.titleEn')}</span>
          <input {...register('titleEn')} lang="en" {...invalid('title')} />
        </label>
        {err('title')}
      </fieldset>
      <fieldset>
        <legend>{t('edit.link.firstEvent')}</legend>
        <div className="field">
          <label htmlFor={`${uid}-event`}>{t('edit.event.type')}</label>
          <select id={`${uid}-event`} {...register('eventType')} {...invalid('eventType')}>
            {linkEventTypes.map((type) => (
              <option key={type} value={type}>
                {t(`event.${type}`)}
              </option>
            ))}
          </select>
        </div>
        {err('eventType')}
        <label className="field">
          <span className="label">{t('edit.event.date')}</span>
          <input {...register('date')} placeholder={t('edit.dateHint')} {...invalid('date')} />
        </label>
        {err('date')}
        <label className="field">
          <span className="label">{t('edit.event.note')}</span>
          <input {...register('eventNote')} {...invalid('eventNote')} />
        </label>
        {err('eventNote')}
      </fieldset>
      <fieldset>
        <legend>{t('edit.more')}</legend>
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
          {t('edit.link.add')}
        </button>
      </div>
    </form>
  );
}
