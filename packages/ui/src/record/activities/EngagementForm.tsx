/**
 * The engagement form: any type of engagement (商談会, セミナー, ミッション…) with a date or a
 * range, bilingual title, several participants each with a role, programme, topics, tags, notes
 * and follow-ups. Records a new engagement, or changes (and deletes) one already recorded.
 * Everything is checked by `planEngagement` before anything is written.
 */
import { type Engagement, engagementTypes, nameIn } from '@musubi/core';
import { programmes } from '@musubi/core/indicators';
import { useMemo, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useToday } from '../../app/clock.js';
import { useNetwork } from '../../app/network-context.js';
import {
  BilingualFields,
  DateRangeFields,
  IssuesScope,
  SelectField,
  TextAreaField,
  TextField,
} from '../../forms/fields.js';
import { usePlannedWrite } from '../../forms/use-planned-write.js';
import { useI18n } from '../../i18n/i18n.js';
import { typeName } from '../visit/VisitForm.js';
import { Confirm } from './Confirm.js';
import { ParticipantRows } from './ParticipantRows.js';
import {
  type EngagementValues,
  emptyEngagement,
  engagementValuesOf,
  planEngagement,
} from './plan-engagement.js';

export type EngagementOutcome = 'recorded' | 'updated' | 'removed';

export interface EngagementFormProps {
  /** The engagement to change; without it, the form records a new one. */
  editing?: Engagement | undefined;
  onDone: (engagement: Engagement, outcome: EngagementOutcome) => void;
  onCancel?: (() => void) | undefined;
}

export function EngagementForm({ editing, onDone, onCancel }: EngagementFormProps) {
  const today = useToday();
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const self = useMemo(() => network.entities({ kind: 'self' })[0]?.id, [network]);
  const form = useForm<EngagementValues>({
    defaultValues: editing ? engagementValuesOf(editing) : emptyEngagement(today, self),
  });
  const { register, control } = form;
  const followUps = useFieldArray({ control, name: 'followUps' });
  const { issues, onSubmit, attempt } = usePlannedWrite(
    form,
    (values) => planEngagement(network, values, editing?.id),
    (engagement) => onDone(engagement, editing ? 'updated' : 'recorded'),
  );
  const { summary } = issues;
  const [confirming, setConfirming] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const programmeList = useMemo(() => programmes(network), [network, version]);
  const formName = editing ? t('activities.engagement.editTitle') : t('activities.engagement.newTitle');

  const remove = () => {
    if (!editing) return;
    const removed = attempt(
      () => network.removeEngagement(editing.id),
      (engagement) => onDone(engagement, 'removed'),
    );
    if (!removed) setConfirming(false);
  };

  return (
    <form className="record-form activities-form" onSubmit={onSubmit} noValidate aria-label={formName}>
      <IssuesScope issues={issues}>
        {summary}
        <fieldset>
          <legend>{formName}</legend>
          <SelectField
            label={t('activities.engagement.type')}
            field="type"
            register={register('type')}
            options={engagementTypes.map((type) => ({ value: type, label: typeName(type, lang) }))}
          />
          <DateRangeFields
            labels={[t('activities.engagement.date'), t('activities.engagement.endDate')]}
            fields={['date', 'endDate']}
            registers={[register('date'), register('endDate')]}
            placeholder={t('activities.engagement.dateHint')}
          />
          <BilingualFields
            labels={[t('activities.engagement.titleJa'), t('activities.engagement.titleEn')]}
            fields={['titleJa', 'titleEn']}
            shared="title"
            registers={[register('titleJa'), register('titleEn')]}
          />
        </fieldset>

        <ParticipantRows
          control={control}
          register={register}
          legend={t('activities.engagement.participants')}
        />

        <fieldset>
          <legend>{t('activities.engagement.details')}</legend>
          <SelectField
            label={t('activities.engagement.programme')}
            field="programme"
            register={register('programme')}
            options={programmeList.map((p) => ({ value: p.id, label: nameIn(p.name, lang) }))}
            empty={t('activities.engagement.noProgramme')}
          />
          <TextField
            label={t('activities.engagement.topics')}
            field="topics"
            register={register('topics')}
            placeholder={t('activities.engagement.listHint')}
          />
          <TextField
            label={t('activities.engagement.tags')}
            field="tags"
            register={register('tags')}
            placeholder={t('activities.engagement.listHint')}
          />
          <TextAreaField
            label={t('activities.engagement.notes')}
            field="notes"
            register={register('notes')}
          />
        </fieldset>

        <fieldset>
          <legend>{t('activities.engagement.followUps')}</legend>
          {followUps.fields.map((row, i) => (
            <div key={row.id} className="follow-up">
              <TextField
                label={t('activities.engagement.followUpText', { n: i + 1 })}
                field={`followUps.${i}.text`}
                register={register(`followUps.${i}.text`)}
              />
              <TextField
                label={t('activities.engagement.followUpDue', { n: i + 1 })}
                field={`followUps.${i}.due`}
                register={register(`followUps.${i}.due`)}
                placeholder="YYYY-MM-DD"
              />
              <label className="check">
                <input type="checkbox" {...register(`followUps.${i}.done`)} />
                {t('activities.engagement.followUpDone', { n: i + 1 })}
              </label>
              <button type="button" onClick={() => followUps.remove(i)}>
                {t('activities.engagement.removeFollowUp', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => followUps.append({ id: '', text: '', due: '', done: false })}>
            {t('activities.engagement.addFollowUp')}
          </button>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="primary">
            {editing ? t('activities.engagement.save') : t('activities.engagement.submit')}
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              {t('activities.engagement.newInstead')}
            </button>
          )}
          {editing && !confirming && (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              {t('activities.engagement.remove')}
            </button>
          )}
        </div>
        {editing && confirming && (
          <Confirm
            label={t('activities.engagement.remove')}
            question={t('activities.engagement.confirmRemove', { title: nameIn(editing.title, lang) })}
            yes={t('activities.engagement.confirmYes')}
            no={t('activities.engagement.confirmNo')}
            onYes={remove}
            onNo={() => setConfirming(false)}
          />
        )}
      </IssuesScope>
    </form>
  );
}
