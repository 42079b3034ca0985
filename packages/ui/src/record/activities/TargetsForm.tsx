/**
 * An indicator's baseline (現状値) and targets (目標値) per fiscal year, and its manual figures:
 * values for years before Musubi was used, which the policy sheet shows instead of the computed
 * ones. Both are checked by `planTargets` / `planFigure` before anything is written.
 */
import { formatFiscalYear, nameIn } from '@musubi/core';
import { figures, type Indicator, removeFigure } from '@musubi/core/indicators';
import { unitNames } from '@musubi/core/words';
import { useFieldArray, useForm } from 'react-hook-form';
import { useNetwork } from '../../app/network-context.js';
import { IssuesScope, TextField } from '../../forms/fields.js';
import { usePlannedWrite } from '../../forms/use-planned-write.js';
import { useI18n } from '../../i18n/i18n.js';
import { fiscalYearHint } from './plan-programme.js';
import {
  emptyFigure,
  type FigureValues,
  planFigure,
  planTargets,
  type TargetValues,
  targetValuesOf,
} from './plan-targets.js';

export interface TargetsFormProps {
  indicator: Indicator;
  /** Told what was done, for the notice above the form. */
  onDone: (message: string) => void;
}

export function TargetsForm({ indicator, onDone }: TargetsFormProps) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const form = useForm<TargetValues>({ defaultValues: targetValuesOf(indicator) });
  const { register, control, watch } = form;
  const targets = useFieldArray({ control, name: 'targets' });
  const unit = unitNames[indicator.unit][lang];
  const name = nameIn(indicator.name, lang);
  const { issues, onSubmit } = usePlannedWrite(
    form,
    (values) => planTargets(network, indicator.id, values),
    () => onDone(t('activities.indicator.targetsSaved', { name })),
  );
  const { err, summary } = issues;
  const years = watch('targets').map((r) => r.fiscalYear);
  const baselineYear = watch('baselineYear');
  const formName = t('activities.indicator.targetsLegend', { unit });

  return (
    <>
      <form className="record-form activities-form" onSubmit={onSubmit} noValidate aria-label={formName}>
        <IssuesScope issues={issues}>
          {summary}
          <fieldset>
            <legend>{formName}</legend>
            <TextField
              label={t('activities.indicator.baselineYear')}
              field="baselineYear"
              register={register('baselineYear')}
              inputMode="numeric"
            />
            <span className="muted activities-era">{fiscalYearHint(baselineYear, lang)}</span>
            {err('baselineYear')}
            <TextField
              label={t('activities.indicator.baselineValue')}
              field="baselineValue"
              register={register('baselineValue')}
              inputMode="decimal"
            />
            {targets.fields.map((row, i) => (
              <div key={row.id} className="activities-amount">
                <TextField
                  label={t('activities.indicator.targetYear', { n: i + 1 })}
                  field={`targets.${i}.fiscalYear`}
                  register={register(`targets.${i}.fiscalYear`)}
                  inputMode="numeric"
                />
                <span className="muted activities-era">{fiscalYearHint(years[i] ?? '', lang)}</span>
                {err(`targets.${i}.fiscalYear`)}
                <TextField
                  label={t('activities.indicator.targetValue', { n: i + 1 })}
                  field={`targets.${i}.amount`}
                  register={register(`targets.${i}.amount`)}
                  inputMode="decimal"
                />
                <button type="button" onClick={() => targets.remove(i)}>
                  {t('activities.indicator.removeTarget', { n: i + 1 })}
                </button>
              </div>
            ))}
            {err('targets')}
            <button
              type="button"
              onClick={() => {
                const last = Number(years.at(-1));
                targets.append({
                  fiscalYear: Number.isInteger(last) && last >= 1900 ? String(last + 1) : '',
                  amount: '',
                });
              }}
            >
              {t('activities.indicator.addTarget')}
            </button>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="primary">
              {t('activities.indicator.saveTargets')}
            </button>
          </div>
        </IssuesScope>
      </form>
      <FiguresForm indicator={indicator} onDone={onDone} />
    </>
  );
}

/** The manual figures of an indicator: the list (each with a delete button) and a form to add one. */
function FiguresForm({ indicator, onDone }: TargetsFormProps) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const form = useForm<FigureValues>({ defaultValues: emptyFigure });
  const { register, watch, reset } = form;
  const label = (fy: number) => formatFiscalYear(fy, { lang });
  const { issues, onSubmit, attempt } = usePlannedWrite(
    form,
    (values) => planFigure(network, indicator.id, values),
    (figure) => {
      reset(emptyFigure);
      onDone(t('activities.indicator.figureSaved', { year: label(figure.fiscalYear) }));
    },
  );
  const { err, summary } = issues;
  const list = figures(network, indicator.id)
    .slice()
    .sort((a, b) => a.fiscalYear - b.fiscalYear);
  const year = watch('fiscalYear');
  const replaced = list.find((f) => String(f.fiscalYear) === year.normalize('NFKC').trim());
  const formName = t('activities.indicator.figures');

  return (
    <form className="record-form activities-form" onSubmit={onSubmit} noValidate aria-label={formName}>
      <IssuesScope issues={issues}>
        {summary}
        <fieldset>
          <legend>{formName}</legend>
          <p className="muted">{t('activities.indicator.figuresNote')}</p>
          {list.length === 0 ? (
            <p className="muted">{t('activities.indicator.noFigures')}</p>
          ) : (
            <ul className="activities-figures">
              {list.map((f) => (
                <li key={f.id}>
                  {t('activities.indicator.figureLine', { year: label(f.fiscalYear), value: f.value })}
                  {f.note === undefined ? '' : ` (${f.note})`}{' '}
                  <button
                    type="button"
                    onClick={() =>
                      attempt(
                        () => removeFigure(network, f.id),
                        () => onDone(t('activities.indicator.figureRemoved', { year: label(f.fiscalYear) })),
                      )
                    }
                  >
                    {t('activities.indicator.removeFigure', { year: label(f.fiscalYear) })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <TextField
            label={t('activities.indicator.figureYear')}
            field="fiscalYear"
            register={register('fiscalYear')}
            inputMode="numeric"
          />
          <span className="muted activities-era">{fiscalYearHint(year, lang)}</span>
          {err('fiscalYear')}
          {replaced && (
            <p className="muted">{t('activities.indicator.figureReplaces', { value: replaced.value })}</p>
          )}
          <TextField
            label={t('activities.indicator.figureValue')}
            field="value"
            register={register('value')}
            inputMode="decimal"
          />
          <TextField label={t('activities.indicator.figureNote')} field="note" register={register('note')} />
        </fieldset>
        <div className="form-actions">
          <button type="submit">{t('activities.indicator.addFigure')}</button>
        </div>
      </IssuesScope>
    </form>
  );
}
