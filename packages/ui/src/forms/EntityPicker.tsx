/**
 * Search as you type for an entity (a combobox): Japanese or English names, aliases, kana or
 * romaji width folded by the core's search. Arrow keys move, Enter picks, Escape closes. The
 * picked entity shows as a chip with a button to clear it, and the focus moves on to the next
 * field. A person is listed with the posts they hold (特命全権大使 · 在日タイ王国大使館), so that
 * two people of one name are told apart. What the search does not find can be added on the spot
 * (`PickerCreate`), or handed to the form (`onCreate`) when the form records it with its own write.
 */
import { type Entity, type EntityKind, type Network, nameIn } from '@musubi/core';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useToday } from '../app/clock.js';
import { useNetwork } from '../app/network-context.js';
import { useI18n } from '../i18n/i18n.js';
import { PickerCreate } from './PickerCreate.js';

export interface EntityPickerProps {
  label: string;
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  kinds?: readonly EntityKind[];
  /** Ids not to offer (already chosen elsewhere). */
  exclude?: readonly string[];
  error?: string | undefined;
  /**
   * What to do with text the search does not find, when the form records the new entity itself
   * (in the same transaction as its own write); without it, the picker offers its own small form.
   */
  onCreate?: ((text: string) => void) | undefined;
  createLabel?: string;
  /** The kinds the picker's own form may add (default: the kinds it looks for, people and organisations first); `[]` for none. */
  createKinds?: readonly EntityKind[];
  autoFocus?: boolean;
}

/** Kinds a picker adds when it is not told: what staff meet and do not find (a new contact, a body). */
const defaultCreateKinds: readonly EntityKind[] = ['person', 'organization'];

/** The posts `person` holds on `day`, as `title · entity` in `lang` (`特命全権大使 · 在日タイ王国大使館`). */
export function postsOf(network: Network, person: string, day: string, lang: 'ja' | 'en'): string[] {
  return network
    .roles(person)
    .filter(
      (r) =>
        r.person === person && (r.from === undefined || r.from <= day) && (r.to === undefined || r.to >= day),
    )
    .map((r) => {
      const at = network.entity(r.entity);
      return [r.title ? nameIn(r.title, lang) : undefined, at ? nameIn(at.name, lang) : undefined]
        .filter((x) => x !== undefined && x !== '')
        .join(' · ');
    })
    .filter((s) => s !== '');
}

/** Elements that take the focus, in document order. */
const focusable =
  'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

export function EntityPicker({
  label,
  value,
  onChange,
  kinds,
  exclude = [],
  error,
  onCreate,
  createLabel,
  createKinds,
  autoFocus,
}: EntityPickerProps) {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const today = useToday();
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [creating, setCreating] = useState<string | undefined>(undefined);
  const box = useRef<HTMLDivElement>(null);
  const picked = useRef(false);
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
  const addKinds =
    createKinds ?? (kinds ? kinds.filter((k) => defaultCreateKinds.includes(k)) : defaultCreateKinds);

  // after a pick the input may be gone (the chip replaces it): the focus goes on to the next field
  useLayoutEffect(() => {
    if (!picked.current) return;
    picked.current = false;
    const here = box.current;
    const focused = document.activeElement;
    if (!here || (focused && focused !== document.body && here.contains(focused))) return;
    const scope = here.closest('form') ?? document.body;
    const next = [...scope.querySelectorAll<HTMLElement>(focusable)].find(
      (el) => !here.contains(el) && here.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    (next ?? here.querySelector<HTMLElement>(focusable))?.focus();
  });

  const describe = (entity: Entity) => {
    const posts = entity.kind === 'person' ? postsOf(network, entity.id, today, lang) : [];
    return posts.length > 0 ? posts.join('、') : t(`kind.${entity.kind}`);
  };

  if (chosen) {
    return (
      <div className="field" ref={box}>
        <span className="label" id={`${id}-label`}>
          {label}
        </span>
        <span className="chip">
          <span>{nameIn(chosen.name, lang)}</span>
          <span className="muted"> · {describe(chosen)}</span>
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
    picked.current = true;
    onChange(entity.id);
    setText('');
    setOpen(false);
    setCreating(undefined);
  };
  const typed = text.trim();
  return (
    <div className="field picker" ref={box}>
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
      {open && typed !== '' && (
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
              <span className="muted"> · {describe(entity)}</span>
            </div>
          ))}
          {results.length === 0 && <p className="muted">{t('form.noMatch')}</p>}
        </div>
      )}
      {typed !== '' && creating === undefined && (onCreate || addKinds.length > 0) && (
        <button
          type="button"
          className="link"
          onClick={() => (onCreate ? onCreate(typed) : setCreating(typed))}
        >
          {createLabel ?? t('form.createNew')}: {typed}
        </button>
      )}
      {creating !== undefined && (
        <PickerCreate
          text={creating}
          kinds={addKinds}
          onCreated={(entity) => pick(entity)}
          onCancel={() => setCreating(undefined)}
        />
      )}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
