/**
 * Search as you type for an entity (a combobox): Japanese or English names, aliases, kana or
 * romaji width folded by the core's search. Arrow keys move, Enter picks, Escape closes. The
 * picked entity shows as a chip with a button to clear it.
 */
import { type Entity, type EntityKind, nameIn } from '@musubi/core';
import { useId, useMemo, useState } from 'react';
import { useNetwork } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';

export interface EntityPickerProps {
  label: string;
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  kinds?: readonly EntityKind[];
  /** Ids not to offer (already chosen elsewhere). */
  exclude?: readonly string[];
  error?: string | undefined;
  /** Shown under the results: e.g. a button to create a new entity from what was typed. */
  onCreate?: ((text: string) => void) | undefined;
  createLabel?: string;
  autoFocus?: boolean;
}

export function EntityPicker({
  label,
  value,
  onChange,
  kinds,
  exclude = [],
  error,
  onCreate,
  createLabel,
  autoFocus,
}: EntityPickerProps) {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const results = useMemo<Entity[]>(() => {
    if (text.trim() === '') return [];
    return network
      .search(text, { ...(kinds ? { kind: kinds } : {}), limit: 12 })
      .filter((e) => !exclude.includes(e.id))
      .slice(0, 8);
  }, [network, version, text, kinds, exclude]);
  const chosen = value === undefined ? undefined : network.entity(value);
  const errorId = `${id}-error`;

  if (chosen) {
    return (
      <div className="field">
        <span className="label" id={`${id}-label`}>
          {label}
        </span>
        <span className="chip">
          <span>{nameIn(chosen.name, lang)}</span>
          <span className="muted"> · {t(`kind.${chosen.kind}`)}</span>
          <button
            type="button"
            onClick={() => onChange(undefined)}
            aria-label={t('form.clearChoice', { name: nameIn(chosen.name, lang) })}
          >
            ×
          </button>
        </span>
        {error && (
          <span id={errorId} className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
    );
  }

  const pick = (entity: Entity) => {
    onChange(entity.id);
    setText('');
    setOpen(false);
  };
  return (
    <div className="field picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={open && text !== ''}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: the dialog's first field takes the focus
        autoFocus={autoFocus}
        placeholder={t('form.searchPlaceholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, results.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const entity = results[active];
            if (entity) pick(entity);
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {open && text.trim() !== '' && (
        <div id={`${id}-list`} role="listbox" aria-label={label} className="picker-results">
          {results.map((entity, i) => (
            <div
              key={entity.id}
              tabIndex={-1}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(entity);
              }}
            >
              {nameIn(entity.name, lang)}
              <span className="muted"> · {t(`kind.${entity.kind}`)}</span>
            </div>
          ))}
          {results.length === 0 && <p className="muted">{t('form.noMatch')}</p>}
        </div>
      )}
      {onCreate && text.trim() !== '' && (
        <button type="button" className="link" onClick={() => onCreate(text.trim())}>
          {createLabel ?? t('form.createNew')}: {text.trim()}
        </button>
      )}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
