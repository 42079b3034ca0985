/**
 * Add an event to a link's history (締結・改定・更新・停止・終了): type, date (a year or a month
 * is enough) and a note. An event before the signing is shown on the date field and nothing is
 * written.
 */
import { type LinkEventType, linkEventTypes, nameIn } from '@musubi/core';
import { useForm } from 'react-hook-form';
import { useToday } from '../../app/clock.js';
import { useNetwork } from '../../app/network-context.js';
import { issuesOf, refusalIssues } from '../../forms/field-issues.js';
import { IssuesScope, LinkEventFields } from '../../forms/fields.js';
import { useFieldIssues } from '../../forms/use-field-issues.js';
import { useI18n } from '../../i18n/i18n.js';
import type { Notice } from './FormParts.js';
import { emptyLinkEvent, type LinkEventValues, planLinkEvent } from './plan-link.js';

export interface LinkEventFormProps {
  linkId: string;
  /** The entity the link was chosen from: shown on the map afterwards. */
  from?: string | undefined;
  onDone: (notice: Notice) => void;
  /** Which events to offer, and the first one chosen (ending a post offers `ended` only). */
  types?: readonly LinkEventType[];
}

export function LinkEventForm({ linkId, from, onDone, types = linkEventTypes }: LinkEventFormProps) {
  const today = useToday();
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const { register, handleSubmit, watch } = useForm<LinkEventValues>({
    defaultValues: emptyLinkEvent(today, types.includes('revised') ? 'revised' : (types[0] ?? 'ended')),
  });
  const issues = useFieldIssues({
    watch,
    check: (values: LinkEventValues) => issuesOf(planLinkEvent(network, linkId, values)),
  });
  const { setIssues, err, summary } = issues;
  const link = network.link(linkId);
  if (!link) return null;
  const other = from === link.target ? link.source : link.target;
  const otherName = nameIn(network.entity(other)?.name ?? { en: other }, lang);

  const onSubmit = handleSubmit((values) => {
    const plan = planLinkEvent(network, linkId, values);
    if (!plan.ok) {
      setIssues(plan.issues);
      return;
    }
    try {
      plan.write(network);
      setIssues({});
      onDone({
        message: t('edit.event.added', {
          kind: t(`link.${link.kind}`),
          other: otherName,
          event: t(`event.${values.type}`),
          date: values.date.trim(),
        }),
        show: from ?? link.source,
      });
    } catch (error) {
      setIssues(refusalIssues(error, (path) => (path[0] === 'id' ? 'form' : 'date')));
    }
  });

  const title = t('edit.event.title');
  return (
    <form className="record-form" onSubmit={onSubmit} noValidate aria-label={title}>
      <IssuesScope issues={issues}>
        {summary}
        {err('form')}
        {err('link')}
        <LinkEventFields
          legend={title}
          types={types}
          type={register('type')}
          date={register('date')}
          note={register('note')}
        />
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('edit.event.add')}
          </button>
        </div>
      </IssuesScope>
    </form>
  );
}
