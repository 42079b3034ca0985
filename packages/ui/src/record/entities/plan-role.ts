/**
 * Giving a person a role at an entity (a `role` link, person → entity, with a title and a period)
 * and ending one. A new person can be made on the spot; taking up a post can end the post of the
 * one who held the same title there until then, as the visit form does for a new ambassador. All
 * of it is one change: it lands whole or not at all.
 */
import { type EntityInput, generateId, type LinkInput, type Network, type RoleHolding } from '@musubi/core';
import { EntityInputSchema, LinkInputSchema } from '@musubi/core/schemas';
import {
  addIssue,
  bilingual,
  editIssue,
  type FieldIssues,
  mapIssues,
  optionalText,
  type Plan,
} from '../../forms/field-issues.js';
import { typedDate } from '../../forms/typed-date.js';
import { currentHolders } from '../current-holders.js';

export { currentHolders };

export const ROLE_LABELS = {
  give: { ja: '役職を記録', en: 'Record a role' },
  end: { ja: '役職の終了を記録', en: 'End a role' },
} as const;

export interface RoleValues {
  /** An existing person's id, or empty when a new person is described below. */
  person: string;
  newPerson: { enabled: boolean; nameJa: string; nameEn: string; country: string };
  /** Where the post is held (an embassy, a region, a company). */
  at: string;
  titleJa: string;
  titleEn: string;
  since: string;
  /** Empty while the post is held. */
  until: string;
  /** End the post of whoever holds the same title at `at` on `since`. */
  endPrevious: boolean;
}

export function emptyRole(today: string): RoleValues {
  return {
    person: '',
    newPerson: { enabled: false, nameJa: '', nameEn: '', country: '' },
    at: '',
    titleJa: '',
    titleEn: '',
    since: today,
    until: '',
    endPrevious: true,
  };
}

/** Plans giving a role. The write returns the person's id. */
export function planRole(network: Network, values: RoleValues): Plan<string> {
  const issues: FieldIssues = {};
  let newPerson: EntityInput | undefined;
  let person = values.person;
  if (values.newPerson.enabled) {
    person = generateId('person');
    const np = values.newPerson;
    newPerson = {
      id: person,
      kind: 'person',
      name: bilingual(np.nameJa, np.nameEn),
      ...(optionalText(np.country) === undefined ? {} : { country: np.country.trim() }),
    };
    const parsed = EntityInputSchema.safeParse(newPerson);
    if (!parsed.success)
      mapIssues(parsed.error.issues, issues, (path) =>
        path[0] === 'country' ? 'newPerson.country' : 'newPerson.name',
      );
  } else if (person === '') {
    addIssue(issues, 'person', { path: ['person'], code: editIssue.required, message: 'required' });
  } else if (network.entity(person)?.kind !== 'person') {
    addIssue(issues, 'person', {
      path: ['person'],
      code: network.entity(person) ? editIssue.notPerson : editIssue.unknownEntity,
      message: 'not a person',
    });
  }
  if (values.at === '')
    addIssue(issues, 'at', { path: ['at'], code: editIssue.required, message: 'required' });
  else if (network.entity(values.at) === undefined)
    addIssue(issues, 'at', { path: ['at'], code: editIssue.unknownEntity, message: 'unknown entity' });
  else if (values.at === person)
    addIssue(issues, 'at', { path: ['at'], code: editIssue.sameEnds, message: 'same' });

  const title = bilingual(values.titleJa, values.titleEn);
  const since = typedDate(values.since);
  const until = typedDate(values.until);
  const link: LinkInput = {
    kind: 'role',
    source: person || 'pending',
    target: values.at || 'pending',
    ...(title.ja === undefined && title.en === undefined ? {} : { title }),
    events: [
      ...(since === '' ? [] : [{ type: 'signed' as const, date: since }]),
      ...(until === '' ? [] : [{ type: 'ended' as const, date: until }]),
    ],
  };
  if (since === '')
    addIssue(issues, 'since', { path: ['since'], code: editIssue.required, message: 'required' });
  const parsed = LinkInputSchema.safeParse(link);
  if (!parsed.success) {
    mapIssues(parsed.error.issues, issues, (path) => {
      if (path[0] === 'title') return 'title';
      if (path[0] === 'events') return link.events?.[Number(path[1])]?.type === 'ended' ? 'until' : 'since';
      return 'form';
    });
  }
  if (Object.keys(issues).length > 0) return { ok: false, issues };
  return {
    ok: true,
    write: (target) =>
      target.transaction(
        (n) => {
          if (newPerson) n.addEntity(newPerson);
          if (values.endPrevious) {
            for (const holding of currentHolders(n, values.at, person, link.title)) {
              n.addLinkEvent(holding.link.id, { type: 'ended', date: since });
            }
          }
          n.addLink(link);
          return person;
        },
        { label: ROLE_LABELS.give },
      ),
  };
}

/** The posts a person (or the people at an entity) hold now: the ones that can be ended. */
export function heldRoles(network: Network, id: string): RoleHolding[] {
  return network.roles(id).filter((r) => r.to === undefined);
}
