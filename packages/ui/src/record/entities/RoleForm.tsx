/**
 * People and their roles (人物と役職): give a person — found by name or made on the spot — a post
 * at an entity with a title and a period, ending the post of whoever held the same title there;
 * and record that someone left their post.
 */
import { nameIn } from '@musubi/core';
import { useState } from 'react';
import { type UseFormRegisterReturn, useForm } from 'react-hook-form';
import { useToday } from '../../app/clock.js';
import { useNetwork } from '../../app/network-context.js';
import { bilingual, issuesOf, refusalIssues } from '../../forms/field-issues.js';
import {
  BilingualFields,
  CountryField,
  DateRangeFields,
  IssuesScope,
  PickerField,
} from '../../forms/fields.js';
import { useFieldIssues } from '../../forms/use-field-issues.js';
import { useI18n } from '../../i18n/i18n.js';
import type { Notice } from './FormParts.js';
import { LinkChooser } from './LinkChooser.js';
import { LinkEventForm } from './LinkEventForm.js';
import { currentHolders, emptyRole, planRole, type RoleValues } from './plan-role.js';

const roleKinds = ['role'] as const;
const endings = ['ended'] as const;

export function RoleForm({ onDone }: { onDone: (notice: Notice) => void }) {
  const { t } = useI18n();
  const [ending, setEnding] = useState<string | undefined>();
  const [from, setFrom] = useState<string | undefined>();
  return (
    <div className="edit-roles">
      <GiveRole onDone={onDone} />
      <fieldset>
        <legend>{t('edit.role.endTitle')}</legend>
        <LinkChooser
          entityLabel={t('edit.role.endWho')}
          linkLabel={t('edit.role.endWhich')}
          value={ending}
          onChange={setEnding}
          onEntity={setFrom}
          kinds={roleKinds}
          currentOnly
        />
        {ending !== undefined && (
          <LinkEventForm key={ending} linkId={ending} from={from} onDone={onDone} types={endings} />
        )}
      </fieldset>
    </div>
  );
}

function GiveRole({ onDone }: { onDone: (notice: Notice) => void }) {
  const today = useToday();
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const { register, control, handleSubmit, watch, setValue } = useForm<RoleValues>({
    defaultValues: emptyRole(today),
  });
  const issues = useFieldIssues({ watch, check: (v: RoleValues) => issuesOf(planRole(network, v)) });
  const { setIssues, err, summary } = issues;
  const values = watch();
  const name = (id: string) => nameIn(network.entity(id)?.name ?? { en: id }, lang);

  const onSubmit = handleSubmit((v) => {
    const plan = planRole(network, v);
    if (!plan.ok) {
      setIssues(plan.issues);
      return;
    }
    try {
      const person = plan.write(network);
      setIssues({});
      const title = bilingual(v.titleJa, v.titleEn);
      onDone({
        message: t('edit.role.added', {
          person: name(person),
          at: name(v.at),
          title: title.ja === undefined && title.en === undefined ? t('link.role') : nameIn(title, lang),
        }),
        show: v.at,
      });
    } catch (error) {
      setIssues(
        refusalIssues(error, (path) =>
          path[0] === 'source' ? 'person' : path[0] === 'target' ? 'at' : 'form',
        ),
      );
    }
  });

  const title = t('edit.role.giveTitle');
  return (
    <form className="record-form" onSubmit={onSubmit} noValidate aria-label={title}>
      <IssuesScope issues={issues}>
        {summary}
        {err('form')}
        <fieldset>
          <legend>{title}</legend>
          {!values.newPerson.enabled ? (
            <PickerField
              control={control}
              name="person"
              label={t('edit.role.person')}
              kinds={['person']}
              createLabel={t('edit.role.newPerson')}
              onCreate={(text) => {
                const latin = /^[\p{Script=Latin}\s.'-]+$/u.test(text);
                setValue('newPerson', {
                  enabled: true,
                  nameJa: latin ? '' : text,
                  nameEn: latin ? text : '',
                  country: '',
                });
              }}
            />
          ) : (
            <div className="edit-new-person">
              <p className="muted">{t('edit.role.newPersonNote')}</p>
              <BilingualFields
                labels={[t('edit.entity.nameJa'), t('edit.entity.nameEn')]}
                fields={['newPerson.nameJa', 'newPerson.nameEn']}
                shared="newPerson.name"
                registers={[register('newPerson.nameJa'), register('newPerson.nameEn')]}
              />
              <CountryField
                label={t('edit.entity.country')}
                field="newPerson.country"
                register={register('newPerson.country')}
              />
              <button type="button" className="link" onClick={() => setValue('newPerson.enabled', false)}>
                {t('edit.role.pickExisting')}
              </button>
            </div>
          )}
          <PickerField control={control} name="at" label={t('edit.role.at')} />
          <BilingualFields
            labels={[t('edit.role.titleJa'), t('edit.role.titleEn')]}
            fields={['titleJa', 'titleEn']}
            shared="title"
            registers={[register('titleJa'), register('titleEn')]}
            placeholders={['特命全権大使', 'Ambassador']}
          />
          <DateRangeFields
            labels={[t('edit.role.since'), t('edit.role.until')]}
            fields={['since', 'until']}
            registers={[register('since'), register('until')]}
            untilPlaceholder={t('edit.role.untilHint')}
          />
          {values.at !== '' && network.entity(values.at) && (
            <PreviousHolders values={values} register={register('endPrevious')} />
          )}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('edit.role.give')}
          </button>
        </div>
      </IssuesScope>
    </form>
  );
}

/** Who holds the same post now, and whether their post ends when the new one starts. */
function PreviousHolders({ values, register }: { values: RoleValues; register: UseFormRegisterReturn }) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const holders = currentHolders(
    network,
    values.at,
    values.person,
    bilingual(values.titleJa, values.titleEn),
  );
  if (holders.length === 0) return null;
  const names = holders
    .map((r) => nameIn(network.entity(r.person)?.name ?? { en: r.person }, lang))
    .join('、');
  return (
    <label className="check">
      <input type="checkbox" {...register} />
      {t('edit.role.endPrevious', { names })}
    </label>
  );
}
