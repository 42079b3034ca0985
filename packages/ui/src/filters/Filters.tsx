/** Filters by entity kind, link kind, country, country group and active links; counts of what is shown. */
import {
  type CountryGroup,
  countryGroups,
  countryName,
  type EntityKind,
  entityKinds,
  type LinkKind,
  linkKinds,
  type Network,
} from '@musubi/core';
import { useMemo } from 'react';
import { defaultExploreState, type ExploreState } from '../app/explore-state.js';
import { useI18n } from '../i18n/i18n.js';
import { kindColors, linkColors, TIE_COLOR } from '../map/palette.js';
import type { VisibleNetwork } from './visible.js';

export interface FiltersProps {
  network: Network;
  state: ExploreState;
  visible: VisibleNetwork;
  onChange: (patch: Partial<ExploreState>) => void;
}

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

export function Filters({ network, state, visible, onChange }: FiltersProps) {
  const { t, lang } = useI18n();
  const countries = useMemo(() => {
    const codes = new Set<string>();
    for (const e of network.entities()) if (e.country) codes.add(e.country);
    return [...codes]
      .map((code) => ({ code, name: countryName(code, lang) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name, lang));
  }, [network, lang]);
  return (
    <section className="filters" aria-label={t('filters.title')}>
      <dl className="counts" aria-live="polite">
        <div>
          <dt>{t('counts.entities')}</dt>
          <dd data-testid="count-entities">{visible.counts.entities}</dd>
        </div>
        <div>
          <dt>{t('counts.links')}</dt>
          <dd data-testid="count-links">{visible.counts.links}</dd>
        </div>
        <div>
          <dt>{t('counts.engagementsInYear')}</dt>
          <dd data-testid="count-engagements">{visible.counts.engagements}</dd>
        </div>
      </dl>
      <fieldset>
        <legend>{t('filters.entityKinds')}</legend>
        {entityKinds.map((k: EntityKind) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={state.kinds.length === 0 || state.kinds.includes(k)}
              onChange={() => onChange({ kinds: nextSelection(state.kinds, k, entityKinds) })}
            />
            <span className="dot" style={{ background: kindColors[k] }} aria-hidden="true" />
            {t(`kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('filters.linkKinds')}</legend>
        {linkKinds.map((k: LinkKind) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={state.linkKinds.length === 0 || state.linkKinds.includes(k)}
              onChange={() => onChange({ linkKinds: nextSelection(state.linkKinds, k, linkKinds) })}
            />
            <span className="line" style={{ background: linkColors[k] }} aria-hidden="true" />
            {t(`link.${k}`)}
          </label>
        ))}
        <label className="check">
          <input
            type="checkbox"
            checked={state.ties}
            onChange={(e) => onChange({ ties: e.target.checked })}
          />
          <span className="line" style={{ background: TIE_COLOR }} aria-hidden="true" />
          {t('filters.ties')}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('filters.countries')}</legend>
        <label>
          {t('filters.group')}{' '}
          <select
            value={state.group ?? ''}
            onChange={(e) => onChange({ group: (e.target.value || undefined) as CountryGroup | undefined })}
          >
            <option value="">{t('filters.group.none')}</option>
            {(Object.keys(countryGroups) as CountryGroup[]).map((g) => (
              <option key={g} value={g}>
                {t(`filters.group.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.countries')}{' '}
          <select
            value=""
            onChange={(e) =>
              e.target.value && onChange({ countries: toggle(state.countries, e.target.value) })
            }
          >
            <option value="">{t('filters.countryPlaceholder')}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <ul className="chips">
          {state.countries.map((code) => {
            const name = countryName(code, lang) ?? code;
            return (
              <li key={code}>
                {name}{' '}
                <button
                  type="button"
                  aria-label={t('filters.removeCountry', { country: name })}
                  onClick={() => onChange({ countries: toggle(state.countries, code) })}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={state.activeOnly}
          onChange={(e) => onChange({ activeOnly: e.target.checked })}
        />
        {t('filters.activeOnly')}
      </label>
      <button
        type="button"
        onClick={() =>
          onChange({
            kinds: defaultExploreState.kinds,
            linkKinds: defaultExploreState.linkKinds,
            countries: [],
            group: undefined,
            activeOnly: false,
            ties: defaultExploreState.ties,
          })
        }
      >
        {t('filters.reset')}
      </button>
    </section>
  );
}

/** Unticking one kind out of "all" keeps all the others; ticking the last one back means "all" again. */
export function nextSelection<T>(selected: readonly T[], item: T, all: readonly T[]): T[] {
  const current = selected.length === 0 ? [...all] : [...selected];
  const next = toggle(current, item);
  return next.length === all.length ? [] : next;
}
