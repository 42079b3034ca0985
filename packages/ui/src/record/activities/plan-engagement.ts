/**
 * What the engagement form writes, from what it holds: an engagement of any type with several
 * participants, recorded (`recordEngagement`) or changed (`updateEngagement`). Checked with the
 * core's own zod schema first, with each issue put under the form field it belongs to, so that
 * nothing is written while anything is wrong.
 */
import {
  type Engagement,
  type EngagementInput,
  type EngagementPatch,
  type EngagementType,
  foldForSearch,
  type Lang,
  type Network,
  type NetworkView,
  nameIn,
  type ParticipantRole,
} from '@musubi/core';
import { EngagementInputSchema } from '@musubi/core/schemas';
import {
  addIssue,
  bilingual,
  type FieldIssues,
  listOf,
  mapIssues,
  optionalText,
  ownIssue,
  type Plan,
} from '../../forms/field-issues.js';
import { typedDate } from '../../forms/typed-date.js';

export interface ParticipantRow {
  /** An entity's id, or empty while none is chosen (an empty row is left out). */
  entity: string;
  role: ParticipantRole;
}

export interface FollowUpRow {
  /** The follow-up's id when it is already recorded, else empty. */
  id: string;
  text: string;
  due: string;
  done: boolean;
}

export interface EngagementValues {
  type: EngagementType;
  date: string;
  endDate: string;
  titleJa: string;
  titleEn: string;
  participants: ParticipantRow[];
  /** A programme's id, or empty for none. */
  programme: string;
  /** Topics and tags as typed: separated by commas or 、. */
  topics: string;
  tags: string;
  notes: string;
  followUps: FollowUpRow[];
}

/** A new engagement's form: today, the prefecture as host, and a row for the next participant. */
export function emptyEngagement(today: string, self: string | undefined): EngagementValues {
  return {
    type: 'business-meeting',
    date: today,
    endDate: '',
    titleJa: '',
    titleEn: '',
    participants: [
      ...(self === undefined ? [] : [{ entity: self, role: 'host' as const }]),
      { entity: '', role: 'participant' },
    ],
    programme: '',
    topics: '',
    tags: '',
    notes: '',
    followUps: [],
  };
}

/** The form's values for an engagement already recorded (to change it). */
export function engagementValuesOf(e: Engagement): EngagementValues {
  return {
    type: e.type,
    date: e.date,
    endDate: e.endDate ?? '',
    titleJa: e.title.ja ?? '',
    titleEn: e.title.en ?? '',
    participants: e.participants.map((p) => ({ entity: p.entity, role: p.role })),
    programme: e.programme ?? '',
    topics: e.topics.join('、'),
    tags: e.tags.join('、'),
    notes: e.notes ?? '',
    followUps: e.followUps.map((f) => ({ id: f.id, text: f.text, due: f.due ?? '', done: f.done })),
  };
}

/** The input for the core, and for each of its participants the form row it came from. */
function engagementInput(values: EngagementValues): { input: EngagementInput; rows: number[] } {
  const rows: number[] = [];
  const participants: { entity: string; role: ParticipantRole }[] = [];
  values.participants.forEach((p, i) => {
    if (p.entity === '') return;
    rows.push(i);
    participants.push({ entity: p.entity, role: p.role });
  });
  const endDate = optionalText(values.endDate) === undefined ? undefined : typedDate(values.endDate);
  const notes = optionalText(values.notes);
  const input: EngagementInput = {
    type: values.type,
    title: bilingual(values.titleJa, values.titleEn),
    date: typedDate(values.date),
    ...(endDate === undefined ? {} : { endDate }),
    participants,
    topics: listOf(values.topics),
    tags: listOf(values.tags),
    followUps: values.followUps.map((f) => {
      const due = optionalText(f.due);
      return {
        ...(f.id === '' ? {} : { id: f.id }),
        text: f.text.trim(),
        ...(due === undefined ? {} : { due }),
        done: f.done,
      };
    }),
    ...(notes === undefined ? {} : { notes }),
    ...(values.programme === '' ? {} : { programme: values.programme }),
  };
  return { input, rows };
}

function fieldOf(path: readonly (string | number)[], rows: number[]): string {
  const [head, index, leaf] = path;
  if (head === 'participants') {
    if (typeof index !== 'number') return 'participants';
    return `participants.${rows[index] ?? index}.${leaf === 'role' ? 'role' : 'entity'}`;
  }
  if (head === 'followUps' && typeof index === 'number') {
    return `followUps.${index}.${leaf === 'due' ? 'due' : 'text'}`;
  }
  if (head === 'title' || head === 'topics' || head === 'tags') return head;
  return typeof head === 'string' ? head : 'form';
}

/**
 * Checks the form's values and plans the write: `recordEngagement`, or `updateEngagement` of
 * `editing`. References are checked here too (a participant or programme that does not exist),
 * so that the form can say where.
 */
export function planEngagement(
  network: Network,
  values: EngagementValues,
  editing?: string,
): Plan<Engagement> {
  const issues: FieldIssues = {};
  const { input, rows } = engagementInput(values);
  const parsed = EngagementInputSchema.safeParse(input);
  if (!parsed.success) mapIssues(parsed.error.issues, issues, (path) => fieldOf(path, rows));
  input.participants.forEach((p, i) => {
    const field = `participants.${rows[i]}.entity`;
    if (issues[field] === undefined && network.entity(p.entity) === undefined) {
      addIssue(issues, field, ownIssue(field, 'activities.error.unknownEntity', `no entity ${p.entity}`));
    }
  });
  if (
    input.programme !== undefined &&
    issues.programme === undefined &&
    network.record('programme', input.programme) === undefined
  ) {
    addIssue(
      issues,
      'programme',
      ownIssue('programme', 'activities.error.unknownProgramme', `no programme ${input.programme}`),
    );
  }
  if (editing !== undefined && network.engagement(editing) === undefined) {
    addIssue(issues, 'form', ownIssue('form', 'activities.error.engagementGone', `no engagement ${editing}`));
  }
  if (Object.keys(issues).length > 0) return { ok: false, issues };
  if (editing === undefined) return { ok: true, write: () => network.recordEngagement(input) };
  const patch: EngagementPatch = {
    type: input.type,
    title: input.title,
    date: input.date,
    endDate: input.endDate ?? null,
    participants: input.participants,
    topics: input.topics ?? [],
    tags: input.tags ?? [],
    followUps: input.followUps ?? [],
    programme: input.programme ?? null,
    notes: input.notes ?? null,
  };
  return { ok: true, write: () => network.updateEngagement(editing, patch) };
}

/** The participant to show on the map for an engagement: a partner rather than the prefecture, a body rather than a person. */
export function participantToShow(view: NetworkView, engagement: Engagement): string | undefined {
  const kindOf = (id: string) => view.entity(id)?.kind;
  const others = engagement.participants.filter((p) => kindOf(p.entity) !== 'self');
  return (
    others.find((p) => kindOf(p.entity) !== 'person')?.entity ??
    others[0]?.entity ??
    engagement.participants[0]?.entity
  );
}

/** Engagements whose title (Japanese or English) contains `text`, newest first; width- and kana-insensitive. */
export function findEngagements(view: NetworkView, text: string, limit = 20): Engagement[] {
  const q = foldForSearch(text.trim());
  if (q === '') return [];
  return view
    .engagements()
    .filter((e) => [e.title.ja, e.title.en].some((s) => s !== undefined && foldForSearch(s).includes(q)))
    .reverse()
    .slice(0, limit);
}

/** An engagement in a line: `2019-06-10 表敬訪問 — title`. */
export function engagementLine(e: Engagement, typeName: string, lang: Lang): string {
  const when = e.endDate === undefined ? e.date : `${e.date} – ${e.endDate}`;
  return `${when} ${typeName} — ${nameIn(e.title, lang)}`;
}
