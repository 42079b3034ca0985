/**
 * Add an entity (相手先を登録) or edit one already recorded, and remove it. Kind, names in
 * Japanese and English, country, coordinates, period, tags and notes; checked with the core's
 * schemas before anything is written, errors by field in the user's language.
 */
import { entityKinds, nameIn } from '@musubi/core';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNetwork } from '../../app/network-context.js';
import { EntityPicker } from '../../forms/EntityPicker.js';
import { refusalIssues } from '../../forms/field-issues.js';
import { useFieldIssues } from '../../forms/use-field-issues.js';
import { useI18n } from '../../i18n/i18n.js';
import { CountrySelect, type Notice } from './FormParts.js';
import { type EntityValues, emptyEntity, entityField, entityValues, planEntity } from './plan-entity.js';
import { RemoveEntity } from './RemoveEntity.js';

export interface EntityFormProps {
  /** The entity to edit when the form opens (from `?edit=<id>`). */
  editId?: string | undefined;
  onDone: (notice: Notice) => void;
}

export function EntityForm({ editId, onDone }: EntityFormProps) {
  const { t } = useI18n();
  const { network } = useNetwork();
  const [mode, setMode] = useState<'add' | 'edit'>(
    editId !== undefined && network.entity(editId) ? 'edit' : 'add',
  );
  const [editing, setEditing] = useState<string | undefined>(
    editId !== undefined && network.entity(editId) ? editId : undefined,
  );
  const name = useId();
  return (
    <div className="edit-entity">
      <fieldset>
        <legend>{t('edit.entity.mode')}</legend>
        <label className="check">
          <input type="radio" name={name} checked={mode === 'add'} onChange={() => setMode('add')} />
          {t('edit.entity.modeAdd')}
        </label>
        <label className="check">
          <input type="radio" name={name} checked={mode === 'edit'} onChange={() => setMode('edit')} />
          {t('edit.entity.modeEdit')}
        </label>
      </fieldset>
      {mode === 'edit' && (
        <EntityPicker
          label={t('edit.entity.choose')}
          value={editing}
          onChange={setEditing}
          createKinds={[]}
        />
      )}
      {mode === 'add' && <EntityEditor key="new" onDone={onDone} />}
      {mode === 'edit' && editing !== undefined && network.entity(editing) && (
        <>
          <EntityEditor key={editing} editing={editing} onDone={onDone} />
          <RemoveEntity id={editing} onDone={onDone} />
        </>
      )}
    </div>
  );
}

function EntityEditor({ editing, onDone }: { editing?: string; onDone: (notice: Notice) => void }) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const before = editing === undefined ? undefined : network.entity(editing);
  const { register, handleSubmit } = useForm<EntityValues>({
    defaultValues: before ? entityValues(before) : emptyEntity(),
  });
  const { setIssues, say, invalid, err, summary } = useFieldIssues();
  const uid = useId();
  // a missing name belongs to both name fields
  const nameInvalid = (field: 'nameJa' | 'nameEn') =>
    say(field) === undefined ? invalid('name') : invalid(field);

  const onSubmit = handleSubmit((values) => {
    const plan = planEntity(network, values, editing);
    if (!plan.ok) {
      setIssues(plan.issues);
      return;
    }
    try {
      const id = plan.write(network);
      setIssues({});
      const entity = network.entity(id);
      const label = entity ? nameIn(entity.name, lang) : id;
      onDone({
        message: t(editing ? 'edit.entity.updated' : 'edit.entity.added', { name: label }),
        show: id,
      });
    } catch (error) {
      setIssues(refusalIssues(error, entityField));
    }
  });

  const title = editing ? t('edit.entity.editTitle') : t('edit.entity.addTitle');
  return (
    <form className="record-form" onSubmit={onSubmit} noValidate aria-label={title}>
      {summary}
      {err('form')}
      <fieldset>
        <legend>{title}</legend>
        <div className="field">
          <label htmlFor={`${uid}-kind`}>{t('edit.entity.kind')}</label>
          <select id={`${uid}-kind`} {...register('kind')} {...invalid('kind')}>
            {entityKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        {err('kind')}
        <label className="field">
          <span className="label">{t('edit.entity.nameJa')}</span>
          <input {...register('nameJa')} lang="ja" {...nameInvalid('nameJa')} />
        </label>
        {err('nameJa')}
        <label className="field">
          <span className="label">{t('edit.entity.nameEn')}</span>
          <input {...register('nameEn')} lang="en" {...nameInvalid('nameEn')} />
        </label>
        {err('nameEn')}
        {err('name')}
        <label className="field">
          <span className="label">{t('edit.entity.aliases')}</span>
          <input {...register('aliases')} placeholder={t('edit.listHint')} {...invalid('aliases')} />
        </label>
        {err('aliases')}
        <CountrySelect
          label={t('edit.entity.country')}
          register={register('country')}
          error={invalid('country')}
        />
        {err('country')}
        <label className="field">
          <span className="label">{t('edit.entity.lat')}</span>
          <input {...register('lat')} inputMode="decimal" placeholder="34.73" {...invalid('lat')} />
        </label>
        {err('lat')}
        <label className="field">
          <span className="label">{t('edit.entity.lng')}</span>
          <input {...register('lng')} inputMode="decimal" placeholder="136.51" {...invalid('lng')} />
        </label>
        {err('lng')}
        <label className="field">
          <span className="label">{t('edit.entity.since')}</span>
          <input {...register('since')} placeholder="YYYY-MM-DD" {...invalid('since')} />
        </label>
        {err('since')}
        <label className="field">
          <span className="label">{t('edit.entity.until')}</span>
          <input {...register('until')} placeholder="YYYY-MM-DD" {...invalid('until')} />
        </label>
        {err('until')}
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
        {editing === undefined ? (
          <label className="field">
            <span className="label">{t('edit.entity.id')}</span>
            <input {...register('id')} placeholder={t('edit.entity.idHint')} {...invalid('id')} />
          </label>
        ) : (
          <p className="muted">{t('edit.entity.idFixed', { id: editing })}</p>
        )}
        {err('id')}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary">
          {editing ? t('edit.entity.save') : t('edit.entity.add')}
        </button>
      </div>
    </form>
  );
}
