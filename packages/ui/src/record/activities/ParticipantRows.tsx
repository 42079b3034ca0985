/**
 * The participants of an engagement as rows: each an entity found with the search picker and its
 * role, with a button to take the row out, and one to add a row. An entity already in another row
 * is not offered again. Issues show under the row's entity and under the whole list.
 */
import { type ParticipantRole, participantRoles } from '@musubi/core';
import {
  type Control,
  type FieldValues,
  type Path,
  type UseFormRegister,
  useFieldArray,
  useWatch,
} from 'react-hook-form';
import { PickerField, SelectField, useIssues } from '../../forms/fields.js';
import { useI18n } from '../../i18n/i18n.js';

/** A form whose values hold the participants as rows (an empty entity while none is chosen). */
export type WithParticipants = { participants: { entity: string; role: ParticipantRole }[] };

export function ParticipantRows<V extends FieldValues & WithParticipants>({
  control,
  register,
  legend,
}: {
  control: Control<V>;
  register: UseFormRegister<V>;
  legend: string;
}) {
  const { t } = useI18n();
  const { err } = useIssues();
  // the rows are the same whatever else the form holds: typed by their own shape
  const own = control as unknown as Control<WithParticipants>;
  const rows = useFieldArray({ control: own, name: 'participants' });
  const chosen = useWatch({ control: own, name: 'participants' }).map((p) => p.entity);
  const path = (i: number, part: 'entity' | 'role') => `participants.${i}.${part}` as Path<V>;
  return (
    <fieldset>
      <legend>{legend}</legend>
      {rows.fields.map((row, i) => (
        <div key={row.id} className="activities-row">
          <PickerField
            control={control}
            name={path(i, 'entity')}
            label={t('activities.engagement.participant', { n: i + 1 })}
            exclude={chosen.filter((id, j) => j !== i && id !== '')}
          />
          <SelectField
            label={t('activities.engagement.participantRole', { n: i + 1 })}
            field={path(i, 'role')}
            register={register(path(i, 'role'))}
            options={participantRoles.map((role) => ({ value: role, label: t(`activities.role.${role}`) }))}
          />
          <button type="button" onClick={() => rows.remove(i)}>
            {t('activities.engagement.removeParticipant', { n: i + 1 })}
          </button>
        </div>
      ))}
      {err('participants')}
      <button type="button" onClick={() => rows.append({ entity: '', role: 'participant' })}>
        {t('activities.engagement.addParticipant')}
      </button>
    </fieldset>
  );
}
