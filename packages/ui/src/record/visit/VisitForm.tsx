/**
 * The "Record a visit" form (来訪を記録): who came (search, or a new person or mission made on the
 * spot), whether they are a mission's new head, when, who received them, what about, under which
 * programme, and what to do next. Checked with the core's schemas before anything is written;
 * errors show by field in the user's language; a refused write changes nothing.
 */
import {
  allCountryCodes,
  countryName,
  type EngagementType,
  type ErrorIssue,
  engagementTypes,
  type Lang,
  nameIn,
  programmes,
} from '@musubi/core';
import { useId, useMemo, useState } from 'react';
import { Controller, type UseFormRegisterReturn, useFieldArray, useForm } from 'react-hook-form';
import { useToday } from '../../app/clock.js';
import { useNetwork } from '../../app/network-context.js';
import { rememberAuthor } from '../../app/workspace.js';
import { EntityPicker } from '../../forms/EntityPicker.js';
import { issueMessage } from '../../forms/issue-message.js';
import { messages, useI18n } from '../../i18n/i18n.js';
import { useTeam } from '../../team/team-context.js';
import { currentHolders } from '../current-holders.js';
import {
  emptyVisit,
  type FieldIssues,
  type NewVisitorKind,
  planVisit,
  postsOn,
  refusal,
  type VisitValues,
} from './plan-visit.js';

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
  const { register, control, handleSubmit, watch, setValue } = useForm<VisitValues>({
    defaultValues: emptyVisit(today, self),
  });
  const followUps = useFieldArray({ control, name: 'followUps' });
  const [issues, setIssues] = useState<FieldIssues>({});
  const uid = useId();
  const [author, setAuthor] = useState(network.author);
  // on a team server the signed-in user is the author: no name to type
  const team = useTeam();
  const values = watch();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const programmeList = useMemo(() => programmes(network), [network, version]);
  const countries = useMemo(
    () =>
      allCountryCodes()
        .map((code) => ({ code, name: countryName(code, lang) ?? code }))
        .sort((a, b) => a.name.localeCompare(b.name, lang)),
    [lang],
  );

  const say = (field: string): string | undefined => {
    const list = issues[field];
    if (!list || list.length === 0) return undefined;
    return list.map((i) => issueMessage(i, lang, t)).join(' ');
  };
  const count = Object.values(issues).reduce((n, list) => n + list.length, 0);

  const visitorPosts =
    !values.newVisitor.enabled && values.visitorId !== '' && /^\d{4}-\d{2}-\d{2}$/.test(values.date)
      ? postsOn(network, values.visitorId, values.date)
      : [];

  const onSubmit = handleSubmit((v) => {
    if (!team && author.trim() !== network.author) {
      try {
        network.setAuthor(author);
        rememberAuthor(author.trim());
      } catch (error) {
        setIssues({ author: refusal(error) as ErrorIssue[] });
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
      setIssues({ form: refusal(error) as ErrorIssue[] });
    }
  });

  const err = (field: string) => {
    const message = say(field);
    return message === undefined ? null : (
      <span className="field-error error-row" role="alert">
        {message}
      </span>
    );
  };

  return (
    <form className="record-form" onSubmit={onSubmit} noValidate aria-label={t('record.visit.title')}>
      {count > 0 && (
        <p className="form-summary" role="alert">
          {issues.form
            ? t('form.error.notWritten', {
                detail: issues.form.map((i) => issueMessage(i, lang, t)).join(' '),
              })
            : t('form.error.summary', { count })}
        </p>
      )}

      <fieldset>
        <legend>{t('record.visit.who')}</legend>
        {!values.newVisitor.enabled ? (
          <Controller
            control={control}
            name="visitorId"
            render={({ field }) => (
              <EntityPicker
                label={t('record.visit.visitor')}
                value={field.value === '' ? undefined : field.value}
                onChange={(id) => field.onChange(id ?? '')}
                kinds={[
                  'person',
                  'mission',
                  'government',
                  'organization',
                  'region',
                  'municipality',
                  'company',
                ]}
                error={say('visitorId')}
                autoFocus
                createLabel={t('record.visit.createVisitor')}
                onCreate={(text) => {
                  setValue('newVisitor.enabled', true);
                  setValue(/[ぁ-んァ-ヶ一-龠]/.test(text) ? 'newVisitor.nameJa' : 'newVisitor.nameEn', text);
                }}
              />
            )}
          />
        ) : (
          <div className="new-visitor">
            <p className="muted">{t('record.visit.newVisitorNote')}</p>
            <div className="field">
              <label htmlFor={`${uid}-newVisitor-kind`}>{t('record.visit.newKind')}</label>
              <select id={`${uid}-newVisitor-kind`} {...register('newVisitor.kind')}>
                {newKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`kind.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <label className="field">
              <span className="label">{t('record.visit.nameJa')}</span>
              <input
                {...register('newVisitor.nameJa')}
                lang="ja"
                aria-invalid={say('newVisitor.name') ? true : undefined}
              />
            </label>
            <label className="field">
              <span className="label">{t('record.visit.nameEn')}</span>
              <input
                {...register('newVisitor.nameEn')}
                lang="en"
                aria-invalid={say('newVisitor.name') ? true : undefined}
              />
            </label>
            {err('newVisitor.name')}
            <div className="field">
              <label htmlFor={`${uid}-newVisitor-country`}>{t('record.visit.country')}</label>
              <select id={`${uid}-newVisitor-country`} {...register('newVisitor.country')}>
                <option value="">{t('record.visit.noCountry')}</option>
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            {err('newVisitor.country')}
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
            <Controller
              control={control}
              name="post.at"
              render={({ field }) => (
                <EntityPicker
                  label={t('record.visit.postAt')}
                  value={field.value === '' ? undefined : field.value}
                  onChange={(id) => field.onChange(id ?? '')}
                  kinds={['mission', 'government', 'organization']}
                  error={say('post.at')}
                />
              )}
            />
            <label className="field">
              <span className="label">{t('record.visit.postTitleJa')}</span>
              <input {...register('post.titleJa')} lang="ja" />
            </label>
            <label className="field">
              <span className="label">{t('record.visit.postTitleEn')}</span>
              <input {...register('post.titleEn')} lang="en" />
            </label>
            {err('post.title')}
            <label className="field">
              <span className="label">{t('record.visit.postSince')}</span>
              <input
                {...register('post.since')}
                placeholder="YYYY-MM-DD"
                aria-invalid={say('post.since') ? true : undefined}
              />
            </label>
            {err('post.since')}
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
        <label className="field">
          <span className="label">{t('record.visit.date')}</span>
          <input
            {...register('date')}
            placeholder="YYYY-MM-DD"
            aria-invalid={say('date') ? true : undefined}
          />
        </label>
        {err('date')}
        <div className="field">
          <label htmlFor={`${uid}-type`}>{t('record.visit.type')}</label>
          <select id={`${uid}-type`} {...register('type')}>
            {engagementTypes.map((type) => (
              <option key={type} value={type}>
                {t(`engagement.${type}`)}
              </option>
            ))}
          </select>
        </div>
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
              />
              {err('hosts')}
            </div>
          )}
        />
        <label className="field">
          <span className="label">{t('record.visit.titleJa')}</span>
          <input {...register('titleJa')} lang="ja" placeholder={t('record.visit.titleAuto')} />
        </label>
        <label className="field">
          <span className="label">{t('record.visit.titleEn')}</span>
          <input {...register('titleEn')} lang="en" placeholder={t('record.visit.titleAuto')} />
        </label>
        {err('title')}
        <label className="field">
          <span className="label">{t('record.visit.topics')}</span>
          <input {...register('topics')} placeholder={t('record.visit.topicsHint')} />
        </label>
        {err('topics')}
        <div className="field">
          <label htmlFor={`${uid}-programme`}>{t('record.visit.programme')}</label>
          <select
            id={`${uid}-programme`}
            {...register('programme')}
            aria-invalid={say('programme') ? true : undefined}
          >
            <option value="">{t('record.visit.noProgramme')}</option>
            {programmeList.map((p) => (
              <option key={p.id} value={p.id}>
                {nameIn(p.name, lang)}
              </option>
            ))}
          </select>
        </div>
        {err('programme')}
        <label className="field">
          <span className="label">{t('record.visit.notes')}</span>
          <textarea {...register('notes')} rows={3} />
        </label>
        {err('notes')}
      </fieldset>

      <fieldset>
        <legend>{t('record.visit.followUps')}</legend>
        {followUps.fields.map((row, i) => (
          <div key={row.id} className="follow-up">
            <label className="field">
              <span className="label">{t('record.visit.followUpText', { n: i + 1 })}</span>
              <input
                {...register(`followUps.${i}.text`)}
                aria-invalid={say(`followUps.${i}.text`) ? true : undefined}
              />
            </label>
            {err(`followUps.${i}.text`)}
            <label className="field">
              <span className="label">{t('record.visit.followUpDue', { n: i + 1 })}</span>
              <input {...register(`followUps.${i}.due`)} placeholder="YYYY-MM-DD" />
            </label>
            {err(`followUps.${i}.due`)}
            <button type="button" onClick={() => followUps.remove(i)}>
              {t('record.visit.removeFollowUp', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => followUps.append({ text: '', due: '' })}>
          {t('record.visit.addFollowUp')}
        </button>
      </fieldset>

      {!team && (
        <div className="field">
          <label htmlFor={`${uid}-author`}>{t('record.visit.author')}</label>
          <input
            id={`${uid}-author`}
            value={author}
            onChange={(e) => setAuthor(e.target.value)}
            aria-invalid={say('author') ? true : undefined}
          />
        </div>
      )}
      {!team && err('author')}
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
