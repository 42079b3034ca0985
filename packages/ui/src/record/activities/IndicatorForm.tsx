/**
 * The form for a new indicator (KPI) and its measure: what it counts, from when, and which
 * engagements and participants count. Checked by `planIndicator` before anything is written.
 */
import { engagementTypes, entityKinds, nameIn } from '@musubi/core';
import { type Indicator, indicatorKinds, indicatorUnits, programmes } from '@musubi/core/indicators';
import { unitNames } from '@musubi/core/words';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useNetwork } from '../../app/network-context.js';
import { BilingualFields, IssuesScope, SelectField, TextField } from '../../forms/fields.js';
import { usePlannedWrite } from '../../forms/use-planned-write.js';
import { useI18n } from '../../i18n/i18n.js';
import { typeName } from '../visit/VisitForm.js';
import { emptyIndicator, type IndicatorValues, planIndicator } from './plan-indicator.js';

export function IndicatorForm({ onDone }: { onDone: (indicator: Indicator) => void }) {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const form = useForm<IndicatorValues>({ defaultValues: emptyIndicator });
  const { register, watch } = form;
  const { issues, onSubmit } = usePlannedWrite(form, (values) => planIndicator(network, values), onDone);
  const { err, summary } = issues;
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const programmeList = useMemo(() => programmes(network), [network, version]);
  const aggregate = watch('aggregate');
  const formName = t('activities.indicator.newTitle');

  return (
    <form className="record-form activities-form" onSubmit={onSubmit} noValidate aria-label={formName}>
      <IssuesScope issues={issues}>
        {summary}
        <fieldset>
          <legend>{formName}</legend>
          <BilingualFields
            labels={[t('activities.indicator.nameJa'), t('activities.indicator.nameEn')]}
            fields={['nameJa', 'nameEn']}
            shared="name"
            registers={[register('nameJa'), register('nameEn')]}
          />
          <SelectField
            label={t('activities.indicator.unit')}
            field="unit"
            register={register('unit')}
            options={indicatorUnits.map((u) => ({ value: u, label: unitNames[u][lang] }))}
          />
          <SelectField
            label={t('activities.indicator.kind')}
            field="kind"
            register={register('kind')}
            options={indicatorKinds.map((k) => ({ value: k, label: t(`activities.indicator.kind.${k}`) }))}
          />
          <TextField
            label={t('activities.indicator.basicProgramme')}
            field="basicProgramme"
            register={register('basicProgramme')}
            inputMode="numeric"
          />
        </fieldset>
        <fieldset>
          <legend>{t('activities.indicator.measure')}</legend>
          <SelectField
            label={t('activities.indicator.count')}
            field="count"
            register={register('count')}
            options={(['engagements', 'distinct-entities'] as const).map((c) => ({
              value: c,
              label: t(`activities.indicator.count.${c}`),
            }))}
          />
          <SelectField
            label={t('activities.indicator.aggregate')}
            field="aggregate"
            register={register('aggregate')}
            options={(['cumulative', 'per-year'] as const).map((a) => ({
              value: a,
              label: t(`activities.indicator.aggregate.${a}`),
            }))}
          />
          {aggregate === 'cumulative' && (
            <TextField
              label={t('activities.indicator.since')}
              field="since"
              register={register('since')}
              inputMode="numeric"
            />
          )}
          {err('since')}
          <fieldset>
            <legend>{t('activities.indicator.engagementTypes')}</legend>
            {engagementTypes.map((type) => (
              <label key={type} className="check">
                <input type="checkbox" value={type} {...register('engagementTypes')} />
                {typeName(type, lang)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('activities.indicator.entityKinds')}</legend>
            {entityKinds.map((kind) => (
              <label key={kind} className="check">
                <input type="checkbox" value={kind} {...register('entityKinds')} />
                {t(`kind.${kind}`)}
              </label>
            ))}
          </fieldset>
          {programmeList.length > 0 && (
            <fieldset>
              <legend>{t('activities.indicator.programmes')}</legend>
              {programmeList.map((p) => (
                <label key={p.id} className="check">
                  <input type="checkbox" value={p.id} {...register('programmes')} />
                  {nameIn(p.name, lang)}
                </label>
              ))}
            </fieldset>
          )}
          {err('programmes')}
          <label className="check">
            <input type="checkbox" {...register('firstTimeOnly')} />
            {t('activities.indicator.firstTimeOnly')}
          </label>
          {err('firstTimeOnly')}
          {err('measure')}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('activities.indicator.add')}
          </button>
        </div>
      </IssuesScope>
    </form>
  );
}
