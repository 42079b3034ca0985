/**
 * What "Record a visit" writes, from what the form holds: validated with the core's own zod
 * schemas first (errors by form field), then written as one transaction (a new visitor, a new
 * ambassador's post and the end of the previous one's, and the engagement) so that either all
 * of it is recorded or none of it.
 */

import {
  type EngagementInput,
  type EngagementType,
  type EntityInput,
  generateId,
  type Lang,
  type LinkInput,
  type Network,
  nameIn,
} from '@musubi/core';
import { EngagementInputSchema, EntityInputSchema, LinkInputSchema } from '@musubi/core/schemas';
import {
  addIssue as add,
  type FieldIssues,
  mapIssues,
  bilingual as name,
  optionalText,
  ownIssue,
  type Plan,
} from '../../forms/field-issues.js';
import { typedDate } from '../../forms/typed-date.js';
import { currentHolders } from '../current-holders.js';

export type NewVisitorKind = 'person' | 'mission' | 'government' | 'organization';

export interface VisitValues {
  /** An existing entity's id, or empty when a new visitor is described below. */
  visitorId: string;
  newVisitor: { enabled: boolean; kind: NewVisitorKind; nameJa: string; nameEn: string; country: string };
  /** The visitor is the new head of a mission (ambassador, consul general): their post starts. */
  post: {
    enabled: boolean;
    at: string;
    titleJa: string;
    titleEn: string;
    since: string;
    endPrevious: boolean;
  };
  /** Also count the missions where the visitor holds a post on the day as visitors. */
  withAffiliations: boolean;
  type: EngagementType;
  date: string;
  titleJa: string;
  titleEn: string;
  hosts: string[];
  topics: string;
  notes: string;
  programme: string;
  followUps: { text: string; due: string }[];
}

export type VisitPlan = Plan<string>;

export const VISIT_LABEL = { ja: '来訪を記録', en: 'Record a visit' };

export function emptyVisit(today: string, self: string | undefined): VisitValues {
  return {
    visitorId: '',
    newVisitor: { enabled: false, kind: 'person', nameJa: '', nameEn: '', country: '' },
    post: {
      enabled: false,
      at: '',
      titleJa: '特命全権大使',
      titleEn: 'Ambassador',
      since: today,
      endPrevious: true,
    },
    withAffiliations: true,
    type: 'courtesy-visit',
    date: today,
    titleJa: '',
    titleEn: '',
    hosts: self === undefined ? [] : [self],
    topics: '',
    notes: '',
    programme: '',
    followUps: [],
  };
}

/** The visitor's name, for a title the user did not write. */
function visitorName(network: Network, values: VisitValues, lang: Lang): string | undefined {
  if (values.newVisitor.enabled) {
    const n = name(values.newVisitor.nameJa, values.newVisitor.nameEn);
    return lang === 'ja' ? (n.ja ?? n.en) : (n.en ?? n.ja);
  }
  const entity = network.entity(values.visitorId);
  return entity ? nameIn(entity.name, lang) : undefined;
}

/** The title written, or one made from the visitor and the type ("タイ大使の表敬訪問"). */
export function visitTitle(
  network: Network,
  values: VisitValues,
  typeName: (type: EngagementType, lang: Lang) => string,
): { ja?: string; en?: string } {
  const written = name(values.titleJa, values.titleEn);
  if (written.ja !== undefined || written.en !== undefined) return written;
  const ja = visitorName(network, values, 'ja');
  const en = visitorName(network, values, 'en');
  if (ja === undefined && en === undefined) return {};
  return {
    ...(ja === undefined ? {} : { ja: `${ja}の${typeName(values.type, 'ja')}` }),
    ...(en === undefined ? {} : { en: `${typeName(values.type, 'en')}: ${en}` }),
  };
}

/** Missions (and other bodies) where `person` holds a post on `day`. */
export function postsOn(network: Network, person: string, day: string): string[] {
  return network
    .roles(person)
    .filter(
      (r) =>
        r.person === person && (r.from === undefined || r.from <= day) && (r.to === undefined || r.to >= day),
    )
    .map((r) => r.entity);
}

export function planVisit(
  network: Network,
  values: VisitValues,
  typeName: (type: EngagementType, lang: Lang) => string,
): VisitPlan {
  const issues: FieldIssues = {};
  const visitor = values.newVisitor.enabled ? generateId(values.newVisitor.kind) : values.visitorId;

  let newEntity: EntityInput | undefined;
  if (values.newVisitor.enabled) {
    const nv = values.newVisitor;
    newEntity = {
      id: visitor,
      kind: nv.kind,
      name: name(nv.nameJa, nv.nameEn),
      ...(optionalText(nv.country) === undefined ? {} : { country: nv.country.trim() }),
    };
    const parsed = EntityInputSchema.safeParse(newEntity);
    if (!parsed.success) {
      mapIssues(parsed.error.issues, issues, (path) =>
        path[0] === 'country' ? 'newVisitor.country' : path[0] === 'name' ? 'newVisitor.name' : 'newVisitor',
      );
    }
  } else if (visitor === '' || network.entity(visitor) === undefined) {
    add(issues, 'visitorId', ownIssue('visitorId', 'record.visit.error.noVisitor', 'choose a visitor'));
  }

  let post: LinkInput | undefined;
  if (values.post.enabled) {
    if (values.post.at === '' || network.entity(values.post.at) === undefined) {
      add(issues, 'post.at', ownIssue('post.at', 'record.visit.error.noPostAt', 'choose where the post is'));
    }
    const title = name(values.post.titleJa, values.post.titleEn);
    post = {
      kind: 'role',
      source: visitor || 'pending',
      target: values.post.at || 'pending',
      ...(title.ja === undefined && title.en === undefined ? {} : { title }),
      events: [{ type: 'signed', date: typedDate(values.post.since) }],
    };
    const parsed = LinkInputSchema.safeParse(post);
    if (!parsed.success) {
      mapIssues(parsed.error.issues, issues, (path) =>
        path[0] === 'events' ? 'post.since' : path[0] === 'title' ? 'post.title' : 'post',
      );
    }
  }

  const day = typedDate(values.date);
  const participants: { entity: string; role: 'host' | 'visitor' }[] = values.hosts.map((entity) => ({
    entity,
    role: 'host',
  }));
  if (visitor !== '') participants.push({ entity: visitor, role: 'visitor' });
  const affiliations = new Set<string>();
  if (values.post.enabled && values.post.at !== '') affiliations.add(values.post.at);
  if (
    values.withAffiliations &&
    !values.newVisitor.enabled &&
    visitor !== '' &&
    /^\d{4}-\d{2}-\d{2}$/.test(day)
  ) {
    for (const at of postsOn(network, visitor, day)) affiliations.add(at);
  }
  for (const at of affiliations) {
    if (!participants.some((p) => p.entity === at)) participants.push({ entity: at, role: 'visitor' });
  }

  const engagement: EngagementInput = {
    type: values.type,
    title: visitTitle(network, values, typeName),
    date: day,
    participants,
    topics: values.topics
      .split(/[,、，\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    followUps: values.followUps.map((f) => ({
      text: f.text.trim(),
      ...(optionalText(f.due) === undefined ? {} : { due: f.due.trim() }),
    })),
    ...(optionalText(values.notes) === undefined ? {} : { notes: values.notes.trim() }),
    ...(values.programme === '' ? {} : { programme: values.programme }),
  };
  const parsed = EngagementInputSchema.safeParse(engagement);
  if (!parsed.success) {
    mapIssues(parsed.error.issues, issues, (path) => {
      const [head, index, leaf] = path;
      // a title made from the visitor is missing only because the visitor is: said there
      if (head === 'title') return visitor === '' ? undefined : 'title';
      if (head === 'followUps' && typeof index === 'number')
        return `followUps.${index}.${String(leaf ?? 'text')}`;
      if (head === 'participants') return values.hosts.length === 0 && visitor === '' ? 'visitorId' : 'hosts';
      return String(head ?? 'form');
    });
  }

  if (Object.keys(issues).length > 0) return { ok: false, issues };
  return {
    ok: true,
    write: (target) =>
      target.transaction(
        (n) => {
          if (newEntity) n.addEntity(newEntity);
          if (post) {
            const since = typedDate(values.post.since);
            if (values.post.endPrevious) {
              for (const holding of currentHolders(n, values.post.at, visitor, post.title)) {
                n.addLinkEvent(holding.link.id, { type: 'ended', date: since });
              }
            }
            n.addLink(post);
          }
          return n.recordEngagement(engagement).id;
        },
        { label: VISIT_LABEL },
      ),
  };
}
