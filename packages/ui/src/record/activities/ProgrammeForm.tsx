/**
 * The programme form (主な事業): a basic programme (基本事業, chosen from those in use or typed),
 * a bilingual name, and a budget per fiscal year in thousand yen, each year shown in the Japanese
 * era too. Adds a programme, or changes or deletes the one chosen; a deletion that the core
 * refuses (engagements still refer to the programme) says why.
 */
import { fiscalYearOf, nameIn } from '@musubi/core';
import type { Programme } from '@musubi/core/indicators';
import { useId, useMemo, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useToday } from '../../app/clock.js';
import { useNetwork } from '../../app/network-context.js';
import { BilingualFields, IssuesScope, TextAreaField, TextField } from '../../forms/fields.js';
import { usePlannedWrite } from '../../forms/use-planned-write.js';
import { useI18n } from '../../i18n/i18n.js';
import { Confirm } from './Confirm.js';
import {
  basicProgrammes,
  emptyProgramme,
  fiscalYearHint,
  type ProgrammeValues,
  planProgramme,
  programmeValuesOf,
  removeProgrammeOrSay,
} from './plan-programme.js';

export type ProgrammeOutcome = 'added' | 'updated' | 'removed';

export interface ProgrammeFormProps {
  editing?: Programme | undefined;
  onDone: (programme: Programme, outcome: ProgrammeOutcome) => void;
}

export function ProgrammeForm({ editing, onDone }: ProgrammeFormProps) {
  const today = useToday();
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const uid = useId();
  const form = useForm<ProgrammeValues>({
    defaultValues: editing ? programmeValuesOf(editing) : emptyProgramme(fiscalYearOf(today) as number),
  });
  const { register, control, watch, setValue } = form;
  const budgets = useFieldArray({ control, name: 'budgets' });
  const { issues, onSubmit } = usePlannedWrite(
    form,
    (values) => planProgramme(network, values, editing?.id),
    (programme) => onDone(programme, editing ? 'updated' : 'added'),
  );
  const { setIssues, err, summary } = issues;
  const [confirming, setConfirming] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const basics = useMemo(() => basicProgrammes(network), [network, version]);
  const years = watch('budgets').map((b) => b.fiscalYear);
  const code = watch('basicCode');
  const formName = t('activities.programme.formTitle');
  const uses = editing ? network.engagements({ programme: editing.id }).length : 0;

  const remove = () => {
    if (!editing) return;
    setConfirming(false);
    const result = removeProgrammeOrSay(network, editing.id, lang);
    if (result.ok) {
      setIssues({});
      onDone(result.removed, 'removed');
    } else setIssues(result.issues);
  };

  return (
    <form className="record-form activities-form" onSubmit={onSubmit} noValidate aria-label={formName}>
      <IssuesScope issues={issues}>
        {summary}
        <fieldset>
          <legend>{t('activities.programme.basicLegend')}</legend>
          <div className="field">
            <label htmlFor={`${uid}-basic`}>{t('activities.programme.basic')}</label>
            <select
              id={`${uid}-basic`}
              value={basics.some((b) => b.code === code) ? code : ''}
              onChange={(e) => {
                const basic = basics.find((b) => b.code === e.target.value);
                setValue('basicCode', basic?.code ?? '');
                setValue('basicNameJa', basic?.name.ja ?? '');
                setValue('basicNameEn', basic?.name.en ?? '');
              }}
            >
              <option value="">{t('activities.programme.basicNew')}</option>
              {basics.map((b) => (
                <option key={b.code} value={b.code}>
                  {b.code} {nameIn(b.name, lang)}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label={t('activities.programme.basicCode')}
            field="basicCode"
            register={register('basicCode')}
            inputMode="numeric"
          />
          <BilingualFields
            labels={[t('activities.programme.basicNameJa'), t('activities.programme.basicNameEn')]}
            fields={['basicNameJa', 'basicNameEn']}
            shared="basicName"
            registers={[register('basicNameJa'), register('basicNameEn')]}
          />
        </fieldset>

        <fieldset>
          <legend>{formName}</legend>
          <BilingualFields
            labels={[t('activities.programme.nameJa'), t('activities.programme.nameEn')]}
            fields={['nameJa', 'nameEn']}
            shared="name"
            registers={[register('nameJa'), register('nameEn')]}
          />
          {editing && <p className="muted">{t('activities.programme.uses', { count: uses })}</p>}
        </fieldset>

        <fieldset>
          <legend>{t('activities.programme.budgets')}</legend>
          {budgets.fields.map((row, i) => (
            <div key={row.id} className="activities-amount">
              <TextField
                label={t('activities.programme.budgetYear', { n: i + 1 })}
                field={`budgets.${i}.fiscalYear`}
                register={register(`budgets.${i}.fiscalYear`)}
                inputMode="numeric"
                placeholder="2019"
              />
              <span className="muted activities-era">{fiscalYearHint(years[i] ?? '', lang)}</span>
              {err(`budgets.${i}.fiscalYear`)}
              <TextField
                label={t('activities.programme.budgetAmount', { n: i + 1 })}
                field={`budgets.${i}.amount`}
                register={register(`budgets.${i}.amount`)}
                inputMode="numeric"
              />
              <button type="button" onClick={() => budgets.remove(i)}>
                {t('activities.programme.removeBudget', { n: i + 1 })}
              </button>
            </div>
          ))}
          {err('budgets')}
          <button
            type="button"
            onClick={() => {
              const last = Number(years.at(-1));
              const next =
                Number.isInteger(last) && last >= 1900 ? last + 1 : (fiscalYearOf(today) as number);
              budgets.append({ fiscalYear: String(next), amount: '' });
            }}
          >
            {t('activities.programme.addBudget')}
          </button>
        </fieldset>

        <TextAreaField
          label={t('activities.programme.notes')}
          field="notes"
          register={register('notes')}
          rows={2}
        />

        <div className="form-actions">
          <button type="submit" className="primary">
            {editing ? t('activities.programme.submitEdit') : t('activities.programme.submitNew')}
          </button>
          {editing && !confirming && (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              {t('activities.programme.remove')}
            </button>
          )}
        </div>
        {editing && confirming && (
          <Confirm
            label={t('activities.programme.remove')}
            question={t('activities.programme.confirmRemove', {
              name: nameIn(editing.name, lang),
            })}
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
