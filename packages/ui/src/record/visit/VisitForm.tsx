/**
 * The "Record a visit" form (来訪を記録): who came (search, or a new person or mission made on the
 * spot), whether they are a mission's new head, when, who received them, what about, under which
 * programme, and what to do next. Checked with the core's schemas before anything is written;
 * errors show by field in the user's language; a refused write changes nothing.
 */
import { type EngagementType, engagementTypes, type Lang, nameIn } from '@musubi/core';
import { programmes } from '@musubi/core/indicators';
import { useMemo } from 'react';
import { Controller, type UseFormRegisterReturn, useFieldArray, useForm } from 'react-hook-form';
import { useToday } from '../../app/clock.js';
import { useNetwork } from '../../app/network-context.js';
import { rememberAuthor } from '../../app/workspace.js';
import { EntityPicker } from '../../forms/EntityPicker.js';
import { refusalIssues } from '../../forms/field-issues.js';
import {
  BilingualFields,
  CountryField,
  DateField,
  IssuesScope,
  PickerField,
  SelectField,
  TextAreaField,
  TextField,
} from '../../forms/fields.js';
import { useFieldIssues } from '../../forms/use-field-issues.js';
import { messages, useI18n } from '../../i18n/i18n.js';
import { useTeam } from '../../team/team-context.js';
import { currentHolders } from '../current-holders.js';
import { emptyVisit, type NewVisitorKind, planVisit, postsOn, type VisitValues } from './plan-visit.js';

/** The visit, and who records it (on a team server, the signed-in user: not asked). */
type VisitFormValues = VisitValues & { author: string };

const newKinds: NewVisitorKind[] = ['person', 'mission', 'government', 'organization'];

export function typeName(type: EngagementType, lang: Lang): string {
  return messages[lang][`engagement.${type}`];
}

export interface VisitFormProps {
  /** Called with the new engagement's id and the entity to show for it. */
  onRecorded: (engagement: string, show: string) => void;
  onCancel?: () => void;
}

export function VisitForm({ onRecorded, onCancel }: VisitFormProps) {
  const today = useToday();
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const self = useMemo(() => network.entities({ kind: 'self' })[0]?.id, [network]);
  const { register, control, handleSubmit, watch, setValue } = useForm<VisitFormValues>({
    defaultValues: { ...emptyVisit(today, self), author: network.author },
  });
  const followUps = useFieldArray({ control, name: 'followUps' });
  const check = (v: VisitFormValues) => {
    const plan = planVisit(network, v, typeName);
    return plan.ok ? {} : plan.issues;
  };
  const issues = useFieldIssues({ watch, check });
  const { setIssues, say, err, summary } = issues;
  // on a team server the signed-in user is the author: no name to type
  const team = useTeam();
  const values = watch();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const programmeList = useMemo(() => programmes(network), [network, version]);

  const visitorPosts =
    !values.newVisitor.enabled && values.visitorId !== '' && /^\d{4}-\d{2}-\d{2}$/.test(values.date)
      ? postsOn(network, values.visitorId, values.date)
      : [];

  const onSubmit = handleSubmit((v) => {
    if (!team && v.author.trim() !== network.author) {
      try {
        network.setAuthor(v.author);
        rememberAuthor(v.author.trim());
      } catch (error) {
        setIssues(refusalIssues(error, () => 'author'));
        return;
      }
    }
    const plan = planVisit(network, v, typeName);
    if (!plan.ok) {
      setIssues(plan.issues);
      return;
    }
    try {
      const id = plan.write(network);
      setIssues({});
      const engagement = network.engagement(id);
      const show =
        engagement?.participants.find(
          (p) => p.role === 'visitor' && network.entity(p.entity)?.kind !== 'person',
        )?.entity ??
        engagement?.participants.find((p) => p.role === 'visitor')?.entity ??
        id;
      onRecorded(id, show);
    } catch (error) {
      setIssues(refusalIssues(error));
    }
  });

  return (
    <form className="record-form" onSubmit={onSubmit} noValidate aria-label={t('record.visit.title')}>
      <IssuesScope issues={issues}>
        {summary}

        <fieldset>
          <legend>{t('record.visit.who')}</legend>
          {!values.newVisitor.enabled ? (
            <PickerField
              control={control}
              name="visitorId"
              label={t('record.visit.visitor')}
              kinds={['person', 'mission', 'government', 'organization', 'region', 'municipality', 'company']}
              autoFocus
              createLabel={t('record.visit.createVisitor')}
              onCreate={(text) => {
                setValue('newVisitor.enabled', true);
                setValue(/[ぁ-んァ-ヶ一-龠]/.test(text) ? 'newVisitor.nameJa' : 'newVisitor.nameEn', text);
              }}
            />
          ) : (
            <div className="new-visitor">
              <p className="muted">{t('record.visit.newVisitorNote')}</p>
              <SelectField
                label={t('record.visit.newKind')}
                field="newVisitor.kind"
                register={register('newVisitor.kind')}
                options={newKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              />
              <BilingualFields
                labels={[t('record.visit.nameJa'), t('record.visit.nameEn')]}
                fields={['newVisitor.nameJa', 'newVisitor.nameEn']}
                shared="newVisitor.name"
                registers={[register('newVisitor.nameJa'), register('newVisitor.nameEn')]}
              />
              <CountryField
                label={t('record.visit.country')}
                field="newVisitor.country"
                register={register('newVisitor.country')}
                empty={t('record.visit.noCountry')}
              />
              {err('newVisitor')}
              <button type="button" className="link" onClick={() => setValue('newVisitor.enabled', false)}>
                {t('record.visit.pickExisting')}
              </button>
            </div>
          )}
          {visitorPosts.length > 0 && (
            <label className="check">
              <input type="checkbox" {...register('withAffiliations')} />
              {t('record.visit.withAffiliations', {
                names: visitorPosts
                  .map((id) => nameIn(network.entity(id)?.name ?? { en: id }, lang))
                  .join('、'),
              })}
            </label>
          )}
          <label className="check">
            <input type="checkbox" {...register('post.enabled')} />
            {t('record.visit.newHead')}
          </label>
          {values.post.enabled && (
            <div className="post">
              <PickerField
                control={control}
                name="post.at"
                label={t('record.visit.postAt')}
                kinds={['mission', 'government', 'organization']}
              />
              <BilingualFields
                labels={[t('record.visit.postTitleJa'), t('record.visit.postTitleEn')]}
                fields={['post.titleJa', 'post.titleEn']}
                shared="post.title"
                registers={[register('post.titleJa'), register('post.titleEn')]}
              />
              <DateField
                label={t('record.visit.postSince')}
                field="post.since"
                register={register('post.since')}
              />
              {err('post')}
              {values.post.at !== '' && (
                <PreviousHolders
                  at={values.post.at}
                  visitor={values.visitorId}
                  title={{
                    ...(values.post.titleJa.trim() !== '' && { ja: values.post.titleJa.trim() }),
                    ...(values.post.titleEn.trim() !== '' && { en: values.post.titleEn.trim() }),
                  }}
                  register={register('post.endPrevious')}
                />
              )}
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('record.visit.what')}</legend>
          <DateField label={t('record.visit.date')} field="date" register={register('date')} />
          <SelectField
            label={t('record.visit.type')}
            field="type"
            register={register('type')}
            options={engagementTypes.map((type) => ({ value: type, label: t(`engagement.${type}`) }))}
          />
          <Controller
            control={control}
            name="hosts"
            render={({ field }) => (
              <div className="field">
                <span className="label">{t('record.visit.hosts')}</span>
                <ul className="chips" aria-label={t('record.visit.hosts')}>
                  {field.value.map((id) => {
                    const entity = network.entity(id);
                    const label = entity ? nameIn(entity.name, lang) : id;
                    return (
                      <li key={id}>
                        {label}
                        <button
                          type="button"
                          aria-label={t('form.clearChoice', { name: label })}
                          onClick={() => field.onChange(field.value.filter((x) => x !== id))}
                        >
                          ×
                        </button>
                      </li>
                    );
                  })}
                </ul>
                <EntityPicker
                  label={t('record.visit.addHost')}
                  value={undefined}
                  exclude={field.value}
                  onChange={(id) => id && field.onChange([...field.value, id])}
                  error={say('hosts')}
                  createKinds={['person', 'organization']}
                />
              </div>
            )}
          />
          <BilingualFields
            labels={[t('record.visit.titleJa'), t('record.visit.titleEn')]}
            fields={['titleJa', 'titleEn']}
            shared="title"
            registers={[register('titleJa'), register('titleEn')]}
            placeholders={[t('record.visit.titleAuto'), t('record.visit.titleAuto')]}
          />
          <TextField
            label={t('record.visit.topics')}
            field="topics"
            register={register('topics')}
            placeholder={t('record.visit.topicsHint')}
          />
          <SelectField
            label={t('record.visit.programme')}
            field="programme"
            register={register('programme')}
            options={programmeList.map((p) => ({ value: p.id, label: nameIn(p.name, lang) }))}
            empty={t('record.visit.noProgramme')}
          />
          <TextAreaField label={t('record.visit.notes')} field="notes" register={register('notes')} />
        </fieldset>

        <fieldset>
          <legend>{t('record.visit.followUps')}</legend>
          {followUps.fields.map((row, i) => (
            <div key={row.id} className="follow-up">
              <TextField
                label={t('record.visit.followUpText', { n: i + 1 })}
                field={`followUps.${i}.text`}
                register={register(`followUps.${i}.text`)}
              />
              <DateField
                label={t('record.visit.followUpDue', { n: i + 1 })}
                field={`followUps.${i}.due`}
                register={register(`followUps.${i}.due`)}
              />
              <button type="button" onClick={() => followUps.remove(i)}>
                {t('record.visit.removeFollowUp', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => followUps.append({ text: '', due: '' })}>
            {t('record.visit.addFollowUp')}
          </button>
        </fieldset>

        {!team && <TextField label={t('record.visit.author')} field="author" register={register('author')} />}
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('record.visit.submit')}
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              {t('record.visit.cancel')}
            </button>
          )}
        </div>
      </IssuesScope>
    </form>
  );
}

/** Who holds the post now, and whether their post ends when the new head starts. */
function PreviousHolders({
  at,
  visitor,
  title,
  register,
}: {
  at: string;
  visitor: string;
  title: { ja?: string; en?: string } | undefined;
  register: UseFormRegisterReturn;
}) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const current = currentHolders(network, at, visitor, title);
  if (current.length === 0) return null;
  const names = current
    .map((r) => nameIn(network.entity(r.person)?.name ?? { en: r.person }, lang))
    .join('、');
  return (
    <label className="check">
      <input type="checkbox" {...register} />
      {t('record.visit.endPrevious', { names })}
    </label>
  );
}
