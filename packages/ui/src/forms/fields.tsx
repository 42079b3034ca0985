/**
 * The fields every form is made of: text, date, select, text area, an entity picker, and the
 * fieldset of a link's event (type, date, note). Each is a label, its input and the message of
 * its issues under it, the input marked `aria-invalid` and described by that message. The issues
 * come from the form's `useFieldIssues`, handed down once with `<IssuesScope>`.
 */
import { allCountryCodes, countryName, type LinkEventType } from '@musubi/core';
import { createContext, type ReactNode, useContext, useId, useMemo } from 'react';
import {
  type Control,
  Controller,
  type FieldValues,
  type Path,
  type UseFormRegisterReturn,
} from 'react-hook-form';
import { useI18n } from '../i18n/i18n.js';
import { EntityPicker, type EntityPickerProps } from './EntityPicker.js';
import type { FieldIssuesApi } from './use-field-issues.js';

const IssuesContext = createContext<FieldIssuesApi | null>(null);

/** Gives the fields inside a form its issues. */
export function IssuesScope({ issues, children }: { issues: FieldIssuesApi; children: ReactNode }) {
  return <IssuesContext value={issues}>{children}</IssuesContext>;
}

/** The issues of the form around a field (inside `<IssuesScope>`). */
export function useIssues(): FieldIssuesApi {
  const issues = useContext(IssuesContext);
  if (!issues) throw new Error('a form field is used outside an <IssuesScope>');
  return issues;
}

interface FieldProps {
  label: string;
  /** The field's name in the form's issues (dotted, as in its values). */
  field: string;
  register: UseFormRegisterReturn;
  /** Issues that this input shares with others (a name needed in either language): marked, said once elsewhere. */
  also?: string;
}

/** A one-line text input. */
export function TextField({
  label,
  field,
  register,
  also,
  ...input
}: FieldProps & {
  placeholder?: string;
  lang?: string;
  inputMode?: 'text' | 'decimal' | 'numeric';
  type?: 'text' | 'password';
}) {
  const id = useId();
  const { invalid, err } = useIssues();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} {...register} {...input} {...(also ? invalid(field, also) : invalid(field))} />
      {err(field, true)}
    </div>
  );
}

/**
 * A text in Japanese and in English (a name, a title): two inputs that share one issue (`shared`,
 * "a name is needed in either language"), marked on both and said once below them.
 */
export function BilingualFields({
  labels,
  fields,
  shared,
  registers,
  placeholders,
}: {
  labels: readonly [ja: string, en: string];
  fields: readonly [ja: string, en: string];
  shared: string;
  registers: readonly [ja: UseFormRegisterReturn, en: UseFormRegisterReturn];
  placeholders?: readonly [ja: string, en: string];
}) {
  const { err } = useIssues();
  return (
    <>
      {(['ja', 'en'] as const).map((lang, i) => (
        <TextField
          key={lang}
          label={labels[i] as string}
          field={fields[i] as string}
          also={shared}
          register={registers[i] as UseFormRegisterReturn}
          lang={lang}
          {...(placeholders && { placeholder: placeholders[i] as string })}
        />
      ))}
      {err(shared)}
    </>
  );
}

/**
 * A span of time as two dates (since and until, a first and a last day): each its own field with
 * its own issues (an end before the start is said under the end).
 */
export function DateRangeFields({
  labels,
  fields,
  registers,
  placeholder,
  untilPlaceholder = placeholder,
}: {
  labels: readonly [from: string, until: string];
  fields: readonly [from: string, until: string];
  registers: readonly [from: UseFormRegisterReturn, until: UseFormRegisterReturn];
  /** The hint of both inputs (the date hint unless given). */
  placeholder?: string;
  /** The end's own hint, when an empty end means something ("empty while in post"). */
  untilPlaceholder?: string | undefined;
}) {
  const hint = (text: string | undefined) => (text === undefined ? {} : { placeholder: text });
  return (
    <>
      <DateField label={labels[0]} field={fields[0]} register={registers[0]} {...hint(placeholder)} />
      <DateField label={labels[1]} field={fields[1]} register={registers[1]} {...hint(untilPlaceholder)} />
    </>
  );
}

/** A date as staff type it (`2019-05-01`, `2019/5/1`, `令和元年5月1日`): a text input with the date hint. */
export function DateField(props: FieldProps & { placeholder?: string }) {
  const { t } = useI18n();
  return <TextField placeholder={t('edit.dateHint')} {...props} />;
}

/** Several lines of text. */
export function TextAreaField({ label, field, register, rows = 3 }: FieldProps & { rows?: number }) {
  const id = useId();
  const { invalid, err } = useIssues();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} {...register} rows={rows} {...invalid(field)} />
      {err(field, true)}
    </div>
  );
}

/** A choice from a list; `empty` names the choice of none (an empty value). */
export function SelectField({
  label,
  field,
  register,
  options,
  empty,
}: FieldProps & { options: readonly { value: string; label: string }[]; empty?: string }) {
  const id = useId();
  const { invalid, err } = useIssues();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...register} {...invalid(field)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {err(field, true)}
    </div>
  );
}

/** A country, named in the user's language and sorted by that name; `empty` names the choice of none. */
export function CountryField({ empty, ...props }: FieldProps & { empty?: string }) {
  const { t, lang } = useI18n();
  const options = useMemo(
    () =>
      allCountryCodes()
        .map((code) => ({ value: code, label: countryName(code, lang) ?? code }))
        .sort((a, b) => a.label.localeCompare(b.label, lang)),
    [lang],
  );
  return <SelectField {...props} options={options} empty={empty ?? t('edit.noCountry')} />;
}

/** An entity chosen with the search picker, held in the form as its id (empty for none). */
export function PickerField<V extends FieldValues>({
  control,
  name,
  field = name,
  ...picker
}: {
  control: Control<V>;
  name: Path<V>;
  field?: string;
} & Omit<EntityPickerProps, 'value' | 'onChange' | 'error'>) {
  const { say } = useIssues();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field: value }) => (
        <EntityPicker
          {...picker}
          value={value.value === '' ? undefined : (value.value as string)}
          onChange={(id) => value.onChange(id ?? '')}
          error={say(field)}
        />
      )}
    />
  );
}

/** The event of a link (signed, revised, ended…): its type, date and note, as LinkForm and LinkEventForm ask. */
export function LinkEventFields({
  legend,
  types,
  type,
  date,
  note,
  fields = { type: 'type', date: 'date', note: 'note' },
}: {
  legend: string;
  types: readonly LinkEventType[];
  type: UseFormRegisterReturn;
  date: UseFormRegisterReturn;
  note: UseFormRegisterReturn;
  /** The names of the three fields in the form's issues. */
  fields?: { type: string; date: string; note: string };
}) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <SelectField
        label={t('edit.event.type')}
        field={fields.type}
        register={type}
        options={types.map((value) => ({ value, label: t(`event.${value}`) }))}
      />
      <DateField label={t('edit.event.date')} field={fields.date} register={date} />
      <TextField label={t('edit.event.note')} field={fields.note} register={note} />
    </fieldset>
  );
}
