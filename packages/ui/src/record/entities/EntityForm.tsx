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
import { issuesOf, refusalIssues } from '../../forms/field-issues.js';
import {
  BilingualFields,
  CountryField,
  DateRangeFields,
  IssuesScope,
  SelectField,
  TextAreaField,
  TextField,
} from '../../forms/fields.js';
import { useFieldIssues } from '../../forms/use-field-issues.js';
import { useI18n } from '../../i18n/i18n.js';
import type { Notice } from './FormParts.js';
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
  const { register, handleSubmit, watch } = useForm<EntityValues>({
    defaultValues: before ? entityValues(before) : emptyEntity(),
  });
  const issues = useFieldIssues({
    watch,
    check: (values: EntityValues) => issuesOf(planEntity(network, values, editing)),
  });
  const { setIssues, err, summary } = issues;

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
      <IssuesScope issues={issues}>
        {summary}
        {err('form')}
        <fieldset>
          <legend>{title}</legend>
          <SelectField
            label={t('edit.entity.kind')}
            field="kind"
            register={register('kind')}
            options={entityKinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
          />
          <BilingualFields
            labels={[t('edit.entity.nameJa'), t('edit.entity.nameEn')]}
            fields={['nameJa', 'nameEn']}
            shared="name"
            registers={[register('nameJa'), register('nameEn')]}
          />
          <TextField
            label={t('edit.entity.aliases')}
            field="aliases"
            register={register('aliases')}
            placeholder={t('edit.listHint')}
          />
          <CountryField label={t('edit.entity.country')} field="country" register={register('country')} />
          <TextField
            label={t('edit.entity.lat')}
            field="lat"
            register={register('lat')}
            inputMode="decimal"
            placeholder="34.73"
          />
          <TextField
            label={t('edit.entity.lng')}
            field="lng"
            register={register('lng')}
            inputMode="decimal"
            placeholder="136.51"
          />
          <DateRangeFields
            labels={[t('edit.entity.since'), t('edit.entity.until')]}
            fields={['since', 'until']}
            registers={[register('since'), register('until')]}
            placeholder="YYYY-MM-DD"
          />
          <TextField
            label={t('edit.tags')}
            field="tags"
            register={register('tags')}
            placeholder={t('edit.listHint')}
          />
          <TextAreaField label={t('edit.notes')} field="notes" register={register('notes')} />
          {editing === undefined ? (
            <TextField
              label={t('edit.entity.id')}
              field="id"
              register={register('id')}
              placeholder={t('edit.entity.idHint')}
            />
          ) : (
            <p className="muted">{t('edit.entity.idFixed', { id: editing })}</p>
          )}
          {editing !== undefined && err('id')}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary">
            {editing ? t('edit.entity.save') : t('edit.entity.add')}
          </button>
        </div>
      </IssuesScope>
    </form>
  );
}
