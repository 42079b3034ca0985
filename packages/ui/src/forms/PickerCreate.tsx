/**
 * The small form under an entity picker that adds what the search did not find: a kind (people
 * and organisations), a name in Japanese and English (the typed text fills one of them), and a
 * country. Checked with the core's schema, then written as its own change, so that the new entity
 * is there to pick whether or not the form around it is ever sent. It is a fieldset, not a nested
 * form: Enter adds, and never sends the form around it; Escape closes it.
 */
import { allCountryCodes, countryName, type Entity, type EntityInput, type EntityKind } from '@musubi/core';
import { EntityInputSchema } from '@musubi/core/schemas';
import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import { useNetwork } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';
import { bilingual, type FieldIssues, mapIssues, refusalIssues } from './field-issues.js';
import { issueMessage } from './issue-message.js';

/** The label of the change that adds an entity from a picker. */
export const PICKER_CREATE_LABEL = { ja: '検索から相手先を登録', en: 'Add an entity from a search' };

const hasJapanese = (text: string) => /[ぁ-んァ-ヶ一-龠々]/.test(text);

export function PickerCreate({
  text,
  kinds,
  onCreated,
  onCancel,
}: {
  text: string;
  kinds: readonly EntityKind[];
  onCreated: (entity: Entity) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const id = useId();
  const [kind, setKind] = useState<EntityKind>(kinds[0] ?? 'person');
  const [nameJa, setNameJa] = useState(hasJapanese(text) ? text : '');
  const [nameEn, setNameEn] = useState(hasJapanese(text) ? '' : text);
  const [country, setCountry] = useState('');
  const [issues, setIssues] = useState<FieldIssues>({});
  const countries = useMemo(
    () =>
      allCountryCodes()
        .map((code) => ({ code, name: countryName(code, lang) ?? code }))
        .sort((a, b) => a.name.localeCompare(b.name, lang)),
    [lang],
  );
  const say = (field: string) => issues[field]?.map((i) => issueMessage(i, lang, t)).join(' ');
  const marked = (field: string) =>
    say(field) === undefined
      ? {}
      : { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` };
  const message = (field: string) => {
    const said = say(field);
    return said === undefined ? null : (
      <span id={`${id}-${field}-error`} className="field-error" role="alert">
        {said}
      </span>
    );
  };

  const add = () => {
    const input: EntityInput = {
      kind,
      name: bilingual(nameJa, nameEn),
      ...(country === '' ? {} : { country }),
    };
    const parsed = EntityInputSchema.safeParse(input);
    if (!parsed.success) {
      const found: FieldIssues = {};
      mapIssues(parsed.error.issues, found, ([head]) => (head === 'country' ? 'country' : 'name'));
      setIssues(found);
      return;
    }
    try {
      const entity = network.transaction((n) => n.addEntity(input), { label: PICKER_CREATE_LABEL });
      onCreated(entity);
    } catch (error) {
      setIssues(refusalIssues(error, () => 'name'));
    }
  };
  const enterAdds = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel();
    }
  };

  return (
    <fieldset className="picker-create">
      <legend>{t('form.create.title')}</legend>
      {kinds.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('form.create.kind')}</label>
          <select
            id={`${id}-kind`}
            onKeyDown={enterAdds}
            value={kind}
            onChange={(e) => setKind(e.target.value as EntityKind)}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-ja`}>{t('form.create.nameJa')}</label>
        <input
          id={`${id}-ja`}
          onKeyDown={enterAdds}
          lang="ja"
          value={nameJa}
          onChange={(e) => setNameJa(e.target.value)}
          {...marked('name')}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-en`}>{t('form.create.nameEn')}</label>
        <input
          id={`${id}-en`}
          onKeyDown={enterAdds}
          lang="en"
          value={nameEn}
          onChange={(e) => setNameEn(e.target.value)}
          {...marked('name')}
        />
        {message('name')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-country`}>{t('form.create.country')}</label>
        <select
          id={`${id}-country`}
          onKeyDown={enterAdds}
          value={country}
          onChange={(e) => setCountry(e.target.value)}
          {...marked('country')}
        >
          <option value="">{t('edit.noCountry')}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        {message('country')}
      </div>
      {message('form')}
      <div className="form-actions">
        <button type="button" onClick={add}>
          {t('form.create.add', { kind: t(`kind.${kind}`) })}
        </button>
        <button type="button" onClick={onCancel}>
          {t('form.create.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
