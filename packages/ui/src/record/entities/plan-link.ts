/**
 * What the link forms write: a new link with its first event (`addLink`), a later event in its
 * history (`addLinkEvent`: revised, renewed, suspended, ended), a change of its title, tags or
 * notes (`updateLink`), checked with the core's schemas first. An event dated before the signing
 * is found here, on the date field, before anything is written.
 */
import {
  type Link,
  type LinkEventInput,
  type LinkEventType,
  type LinkInput,
  type LinkKind,
  type LinkPatch,
  linkStatusOn,
  type Network,
  sortedEvents,
} from '@musubi/core';
import { LinkEventInputSchema, LinkInputSchema, LinkPatchSchema, LinkSchema } from '@musubi/core/schemas';
import {
  addIssue,
  bilingual,
  editIssue,
  type FieldIssues,
  listOf,
  mapIssues,
  optionalText,
  type Plan,
} from '../../forms/field-issues.js';
import { typedDate } from '../../forms/typed-date.js';

export const LINK_LABELS = {
  add: { ja: '関係を登録', en: 'Add a link' },
  event: { ja: '関係の出来事を記録', en: 'Add a link event' },
  update: { ja: '関係を編集', en: 'Edit a link' },
  remove: { ja: '関係を削除', en: 'Remove a link' },
} as const;

export interface LinkValues {
  kind: LinkKind;
  source: string;
  target: string;
  titleJa: string;
  titleEn: string;
  /** The first event of its history (usually signed); left out when the date is empty. */
  eventType: LinkEventType;
  date: string;
  eventNote: string;
  tags: string;
  notes: string;
}

export function emptyLink(today: string, self: string | undefined): LinkValues {
  return {
    kind: 'sister',
    source: self ?? '',
    target: '',
    titleJa: '',
    titleEn: '',
    eventType: 'signed',
    date: today,
    eventNote: '',
    tags: '',
    notes: '',
  };
}

function requireEntity(network: Network, issues: FieldIssues, field: 'source' | 'target', id: string) {
  if (id === '') addIssue(issues, field, { path: [field], code: editIssue.required, message: 'required' });
  else if (network.entity(id) === undefined)
    addIssue(issues, field, {
      path: [field],
      code: editIssue.unknownEntity,
      message: `unknown entity ${id}`,
    });
}

/** The field of an event form an issue at `path` (inside a link's events) belongs to. */
function eventField(leaf: string | number | undefined, prefix: 'event' | ''): string {
  const name = leaf === 'type' ? 'type' : leaf === 'note' ? 'note' : 'date';
  if (prefix === '') return name;
  return name === 'type' ? 'eventType' : name === 'note' ? 'eventNote' : 'date';
}

/** Plans a new link. The write returns the link's id. */
export function planLink(network: Network, values: LinkValues): Plan<string> {
  const issues: FieldIssues = {};
  requireEntity(network, issues, 'source', values.source);
  requireEntity(network, issues, 'target', values.target);
  if (values.source !== '' && values.source === values.target)
    addIssue(issues, 'target', { path: ['target'], code: editIssue.sameEnds, message: 'same ends' });
  if (
    values.kind === 'role' &&
    values.source !== '' &&
    network.entity(values.source) &&
    network.entity(values.source)?.kind !== 'person'
  )
    addIssue(issues, 'source', { path: ['source'], code: editIssue.notPerson, message: 'not a person' });
  const title = bilingual(values.titleJa, values.titleEn);
  const date = typedDate(values.date);
  const input: LinkInput = {
    kind: values.kind,
    source: values.source || 'pending',
    target: values.target || 'pending',
    ...(title.ja === undefined && title.en === undefined ? {} : { title }),
    events:
      date === ''
        ? []
        : [
            {
              type: values.eventType,
              date,
              ...(optionalText(values.eventNote) === undefined ? {} : { note: values.eventNote.trim() }),
            },
          ],
    tags: listOf(values.tags),
    ...(optionalText(values.notes) === undefined ? {} : { notes: values.notes.trim() }),
  };
  const parsed = LinkInputSchema.safeParse(input);
  if (!parsed.success) {
    mapIssues(parsed.error.issues, issues, (path) => {
      const [head, , leaf] = path;
      if (head === 'events') return eventField(leaf, 'event');
      if (head === 'title') return 'title';
      return typeof head === 'string' ? head : 'form';
    });
  }
  if (Object.keys(issues).length > 0) return { ok: false, issues };
  return { ok: true, write: (n) => n.transaction((t) => t.addLink(input).id, { label: LINK_LABELS.add }) };
}

export interface LinkEventValues {
  type: LinkEventType;
  date: string;
  note: string;
}

export function emptyLinkEvent(today: string, type: LinkEventType = 'revised'): LinkEventValues {
  return { type, date: today, note: '' };
}

/**
 * Plans adding an event to a link's history. The link with the event added is checked against
 * the link schema too, so an event before the signing or a second signing shows on its field.
 */
export function planLinkEvent(network: Network, linkId: string, values: LinkEventValues): Plan<string> {
  const issues: FieldIssues = {};
  const link = network.link(linkId);
  if (!link) {
    addIssue(issues, 'link', { path: ['link'], code: editIssue.required, message: 'choose a link' });
    return { ok: false, issues };
  }
  const event: LinkEventInput = {
    type: values.type,
    date: typedDate(values.date),
    ...(optionalText(values.note) === undefined ? {} : { note: values.note.trim() }),
  };
  const parsed = LinkEventInputSchema.safeParse(event);
  if (!parsed.success) {
    mapIssues(parsed.error.issues, issues, (path) => eventField(path[0], ''));
    return { ok: false, issues };
  }
  const withEvent = LinkSchema.safeParse({
    ...link,
    events: [...link.events, { ...event, id: 'evt-pending' }],
  });
  if (!withEvent.success) mapIssues(withEvent.error.issues, issues, (path) => eventField(path[2], ''));
  if (Object.keys(issues).length > 0) return { ok: false, issues };
  return {
    ok: true,
    write: (n) => n.transaction((t) => t.addLinkEvent(linkId, event).id, { label: LINK_LABELS.event }),
  };
}

export interface LinkPatchValues {
  titleJa: string;
  titleEn: string;
  tags: string;
  notes: string;
}

export function linkPatchValues(link: Link): LinkPatchValues {
  return {
    titleJa: link.title?.ja ?? '',
    titleEn: link.title?.en ?? '',
    tags: link.tags.join(', '),
    notes: link.notes ?? '',
  };
}

/** Plans a change of a link's title, tags or notes (its ends never change). */
export function planLinkPatch(network: Network, linkId: string, values: LinkPatchValues): Plan<string> {
  const issues: FieldIssues = {};
  const link = network.link(linkId);
  if (!link) {
    addIssue(issues, 'link', { path: ['link'], code: editIssue.required, message: 'choose a link' });
    return { ok: false, issues };
  }
  const patch: LinkPatch = {};
  const title = bilingual(values.titleJa, values.titleEn);
  const hasTitle = title.ja !== undefined || title.en !== undefined;
  if (hasTitle && (title.ja !== link.title?.ja || title.en !== link.title?.en)) patch.title = title;
  if (!hasTitle && link.title !== undefined) patch.title = null;
  const tags = listOf(values.tags);
  if (JSON.stringify(tags) !== JSON.stringify(link.tags)) patch.tags = tags;
  const notes = optionalText(values.notes);
  if (notes !== link.notes) patch.notes = notes ?? null;
  const parsed = LinkPatchSchema.safeParse(patch);
  if (!parsed.success) {
    mapIssues(parsed.error.issues, issues, (path) =>
      path[0] === 'title' ? 'title' : String(path[0] ?? 'form'),
    );
    return { ok: false, issues };
  }
  if (Object.keys(patch).length === 0) {
    addIssue(issues, 'form', { path: [], code: editIssue.nothingChanged, message: 'nothing changed' });
    return { ok: false, issues };
  }
  return {
    ok: true,
    write: (n) => n.transaction((t) => t.updateLink(linkId, patch).id, { label: LINK_LABELS.update }),
  };
}

/** Removes a link with its whole history (recording that it ended is an `ended` event instead). */
export function removeLinkNow(network: Network, linkId: string): void {
  network.transaction((t) => t.removeLink(linkId), { label: LINK_LABELS.remove });
}

/** One of an entity's links, for a choice: its kind, the entity at the other end, its status today. */
export interface LinkChoice {
  link: Link;
  other: string;
  status: 'active' | 'inactive' | 'undated';
  /** The first and last dates of its history, if any. */
  first: string | undefined;
  last: string | undefined;
}

/** The links of an entity as choices, the ones in force first, then by kind. */
export function linkChoices(
  network: Network,
  entity: string,
  day: string,
  kinds?: readonly LinkKind[],
): LinkChoice[] {
  const order = { active: 0, undated: 1, inactive: 2 } as const;
  return network
    .links({ entity, ...(kinds ? { kind: [...kinds] } : {}) })
    .map((link) => {
      const events = sortedEvents(link.events);
      return {
        link,
        other: link.source === entity ? link.target : link.source,
        status: linkStatusOn(link, day),
        first: events[0]?.date,
        last: events.length > 1 ? events[events.length - 1]?.date : undefined,
      };
    })
    .sort((a, b) => order[a.status] - order[b.status] || a.link.kind.localeCompare(b.link.kind));
}
