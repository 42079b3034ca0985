/**
 * Small parts shared by the entity, role and link forms: issues by field (the message under the
 * field, `aria-invalid` and `aria-describedby` on it), the summary at the top of a form, the
 * country list in the user's language, and the notice shown after a write.
 */
import { allCountryCodes, countryName } from '@musubi/core';
import { useId, useMemo } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useI18n } from '../../i18n/i18n.js';

/** A select of every country, named in the user's language and sorted by that name. */
export function CountrySelect({
  label,
  register,
  error,
}: {
  label: string;
  register: UseFormRegisterReturn;
  error?: Record<string, unknown>;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const countries = useMemo(
    () =>
      allCountryCodes()
        .map((code) => ({ code, name: countryName(code, lang) ?? code }))
        .sort((a, b) => a.name.localeCompare(b.name, lang)),
    [lang],
  );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...register} {...error}>
        <option value="">{t('edit.noCountry')}</option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** What was written, with a button to show it on the map. */
export interface Notice {
  message: string;
  show?: string | undefined;
}

export function NoticeLine({ notice, onOpen }: { notice: Notice; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const show = notice.show;
  return (
    <output className="notice edit-notice" aria-live="polite">
      {notice.message}{' '}
      {show !== undefined && (
        <button type="button" className="link" onClick={() => onOpen(show)}>
          {t('edit.showOnMap')}
        </button>
      )}
    </output>
  );
}
