/**
 * Choosing a link: first an entity (search as you type), then one of its links, each labelled with
 * its kind, the entity at the other end and whether it is in force today.
 */
import { type LinkKind, nameIn } from '@musubi/core';
import { useId, useMemo, useState } from 'react';
import { useToday } from '../../app/clock.js';
import { useNetwork } from '../../app/network-context.js';
import { EntityPicker } from '../../forms/EntityPicker.js';
import { useI18n } from '../../i18n/i18n.js';
import { linkChoices } from './plan-link.js';

export interface LinkChooserProps {
  entityLabel: string;
  linkLabel: string;
  value: string | undefined;
  onChange: (linkId: string | undefined) => void;
  kinds?: readonly LinkKind[];
  /** Only links in force (or undated) today: for ending a post. */
  currentOnly?: boolean;
  error?: Record<string, unknown>;
  /** Told which entity the link was chosen from. */
  onEntity?: (entity: string | undefined) => void;
}

export function LinkChooser({
  entityLabel,
  linkLabel,
  value,
  onChange,
  kinds,
  currentOnly,
  error,
  onEntity,
}: LinkChooserProps) {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const [entity, setEntity] = useState<string | undefined>();
  const id = useId();
  const day = useToday();
  const listFor = (of: string | undefined) =>
    of === undefined
      ? []
      : linkChoices(network, of, day, kinds).filter((c) => !currentOnly || c.status !== 'inactive');
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const choices = useMemo(() => listFor(entity), [network, version, entity, day, kinds, currentOnly]);
  const name = (other: string) => {
    const e = network.entity(other);
    return e ? nameIn(e.name, lang) : other;
  };
  return (
    <>
      <EntityPicker
        label={entityLabel}
        value={entity}
        onChange={(next) => {
          setEntity(next);
          onEntity?.(next);
          const first = listFor(next);
          onChange(first.length === 1 ? first[0]?.link.id : undefined);
        }}
        createKinds={[]}
      />
      {entity !== undefined && (
        <div className="field">
          <label htmlFor={id}>{linkLabel}</label>
          {choices.length === 0 ? (
            <p className="muted" id={id}>
              {t('edit.link.none')}
            </p>
          ) : (
            <select
              id={id}
              value={value ?? ''}
              onChange={(e) => onChange(e.target.value || undefined)}
              {...error}
            >
              <option value="">{t('edit.link.choosePrompt')}</option>
              {choices.map((c) => {
                const title = c.link.title ? ` 「${nameIn(c.link.title, lang)}」` : '';
                const period = c.first === undefined ? '' : ` ${c.first}${c.last ? `–${c.last}` : ''}`;
                return (
                  <option key={c.link.id} value={c.link.id}>
                    {`${t(`link.${c.link.kind}`)} — ${name(c.other)}${title}（${t(`edit.status.${c.status}`)}${period}）`}
                  </option>
                );
              })}
            </select>
          )}
        </div>
      )}
    </>
  );
}
