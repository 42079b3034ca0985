import type { ParticipantRole } from '@musubi/core';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import type { FieldIssues } from '../../forms/field-issues.js';
import { DateRangeFields, IssuesScope } from '../../forms/fields.js';
import { useFieldIssues } from '../../forms/use-field-issues.js';
import { Calls } from '../../testing/calls.js';
import { renderWithApp } from '../../testing/render-with-app.js';
import { buildSmallNetwork } from '../../testing/small-network.js';
import { ParticipantRows } from './ParticipantRows.js';

interface Values {
  participants: { entity: string; role: ParticipantRole }[];
  since: string;
  until: string;
}

/** A form made of the shared parts only, with the issues a plan would give it, sending what it holds. */
function SharedParts({ issues: given, sent }: { issues: FieldIssues; sent: Calls<Values> }) {
  const { control, register, handleSubmit } = useForm<Values>({
    defaultValues: { participants: [{ entity: 'mie', role: 'host' }], since: '', until: '' },
  });
  const issues = useFieldIssues<Values>();
  return (
    <form
      aria-label="parts"
      noValidate
      onSubmit={handleSubmit((values) => {
        issues.setIssues(given);
        sent.record(values);
      })}
    >
      <IssuesScope issues={issues}>
        <ParticipantRows control={control} register={register} legend="参加者" />
        <DateRangeFields
          labels={['開始', '終了']}
          fields={['since', 'until']}
          registers={[register('since'), register('until')]}
          untilPlaceholder="在任中なら空欄"
        />
        <button type="submit">送る</button>
      </IssuesScope>
    </form>
  );
}

const issue = (path: (string | number)[], code: string) => [{ path, code, message: code }];

describe('the shared parts of the activity forms', () => {
  it('add, fill and take out participant rows, never offering an entity chosen in another row', async () => {
    const sent = new Calls<Values>();
    const screen = await renderWithApp(<SharedParts issues={{}} sent={sent} />, {
      network: buildSmallNetwork(),
    });
    await screen.getByRole('button', { name: '参加者を追加' }).click();
    await expect.element(screen.getByLabelText('参加者 2 の立場')).toHaveValue('participant');
    await screen.getByRole('combobox', { name: '参加者 2' }).fill('三重');
    await expect.element(screen.getByRole('option', { name: /三重県/ })).not.toBeInTheDocument();
    await screen.getByRole('combobox', { name: '参加者 2' }).fill('タイ投資');
    await screen.getByRole('option', { name: /^タイ投資委員会/ }).click();
    await screen.getByLabelText('参加者 2 の立場').selectOptions('visitor');
    await screen.getByRole('button', { name: '参加者 1 を外す' }).click();
    await screen.getByRole('button', { name: '送る' }).click();
    const values = await sent.nth(1);
    expect(values.participants).toEqual([{ entity: 'thai-boi', role: 'visitor' }]);
  });

  it('say each issue under its own field: a row’s entity, the list, and an end before its start', async () => {
    const given: FieldIssues = {
      'participants.0.entity': issue(['participants', 0, 'entity'], 'form.error.required'),
      participants: issue(['participants'], 'form.error.noParticipant'),
      until: issue(['until'], 'form.error.endBeforeStart'),
    };
    const screen = await renderWithApp(<SharedParts issues={given} sent={new Calls<Values>()} />, {
      network: buildSmallNetwork(),
      lang: 'en',
    });
    await expect.element(screen.getByLabelText('終了')).toHaveAttribute('placeholder', '在任中なら空欄');
    await expect
      .element(screen.getByLabelText('開始'))
      .toHaveAttribute('placeholder', 'YYYY-MM-DD (a year or a month is enough)');
    await screen.getByRole('button', { name: '送る' }).click();
    await expect.element(screen.getByLabelText('終了')).toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(screen.getByLabelText('終了'))
      .toHaveAccessibleDescription('The end is before the start');
    await expect.element(screen.getByText('Choose at least one participant')).toBeVisible();
    await expect.element(screen.getByText('Required')).toBeVisible();
    await expect.element(screen.getByLabelText('開始')).not.toHaveAttribute('aria-invalid', 'true');
  });
});
