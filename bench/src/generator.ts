import type {
  Change,
  Effect,
  Engagement,
  EngagementType,
  Entity,
  EntityKind,
  Link,
  LinkEvent,
  LinkKind,
} from '@musubi/core';
import { engagementTypes } from '@musubi/core';
import { engagementTitles, entityName, postTitles, topics } from './names.js';
import { policyRecords } from './policy.js';
import { type Random, seededRandom } from './random.js';

/** The size of a generated network. */
export interface Scale {
  readonly name: string;
  readonly entities: number;
  readonly links: number;
  readonly engagements: number;
}

/** S: one prefecture. M: a country. L: a ministry's decade. */
export const scales = {
  S: { name: 'S', entities: 1_000, links: 3_000, engagements: 10_000 },
  M: { name: 'M', entities: 20_000, links: 60_000, engagements: 200_000 },
  L: { name: 'L', entities: 100_000, links: 300_000, engagements: 1_000_000 },
} as const satisfies Record<string, Scale>;

export interface GeneratorOptions {
  /** The seed of the pseudo-random source. Default 1. */
  seed?: number;
  /** Records per change (create effects in one change). Default 1: one change per write, as users make them. */
  batch?: number;
}

/** A generated log, with what the benchmark needs to know about it. */
export interface GeneratedNetwork {
  readonly scale: Scale;
  readonly log: Change[];
  /** The most connected entity other than the organisation itself. */
  readonly hub: string;
  /** The entity with the most engagements other than the organisation itself. */
  readonly busiest: string;
  /** The organisation itself (`self`). */
  readonly self: string;
  /** A date in the middle of the history, for `asOf`. */
  readonly midDate: string;
  /** A fragment of a name that several entities share, for `search`. */
  readonly searchText: string;
}

const FIRST_FY = 1996;
const LAST_FY = 2025; // 30 fiscal years
const countries = [
  'TH',
  'VN',
  'ID',
  'MY',
  'PH',
  'SG',
  'CN',
  'KR',
  'TW',
  'IN',
  'US',
  'CA',
  'BR',
  'FR',
  'DE',
  'IT',
  'GB',
  'ES',
  'AU',
  'NZ',
  'MX',
  'TR',
  'AE',
  'KH',
  'LA',
  'MM',
];
const hubKinds: readonly EntityKind[] = ['government', 'mission', 'organization', 'region'];
const kindWeights: readonly (readonly [EntityKind, number])[] = [
  ['person', 0.25],
  ['company', 0.3],
  ['region', 0.1],
  ['organization', 0.1],
  ['municipality', 0.05],
  ['government', 0.06],
  ['mission', 0.06],
  ['facility', 0.08],
];
const linkWeights: readonly (readonly [LinkKind, number])[] = [
  ['partner', 0.25],
  ['supports', 0.2],
  ['member-of', 0.15],
  ['mou', 0.1],
  ['agreement', 0.1],
  ['represents', 0.1],
  ['friendship', 0.05],
  ['sister', 0.05],
];

function weighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  let u = random.next();
  for (const [item, w] of items) {
    u -= w;
    if (u < 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

const pad = (n: number) => String(n).padStart(2, '0');
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id (as `generateId` makes them), drawn from the seeded source. */
function idOf(random: Random, prefix: string): string {
  let s = '01J';
  for (let i = 0; i < 23; i++) s += CROCKFORD[random.int(32)];
  return `${prefix}_${s}`;
}

/** A day as `YYYY-MM-DD` between two years (inclusive), or coarser with some probability. */
function dateBetween(random: Random, fromYear: number, toYear: number, coarse = 0): string {
  const y = fromYear + random.int(toYear - fromYear + 1);
  const m = 1 + random.int(12);
  const u = random.next();
  if (u < coarse / 3) return String(y);
  if (u < coarse) return `${y}-${pad(m)}`;
  return `${y}-${pad(m)}-${pad(1 + random.int(28))}`;
}

/** A date within a fiscal year (April to March). */
function dateInFiscalYear(random: Random, fy: number): string {
  const month = 4 + random.int(12); // 4..15
  const y = month > 12 ? fy + 1 : fy;
  return `${y}-${pad(month > 12 ? month - 12 : month)}-${pad(1 + random.int(28))}`;
}

/** The log being built: one change per `batch` records, with growing record time. */
class LogBuilder {
  readonly log: Change[] = [];
  #pending: Effect[] = [];
  #operation = '';
  #time = Date.UTC(2024, 0, 1);
  constructor(
    private readonly random: Random,
    private readonly batch: number,
  ) {}
  add(operation: string, effect: Effect): void {
    if (this.#pending.length >= this.batch) this.flush();
    this.#operation = operation;
    this.#pending.push(effect);
  }
  flush(): void {
    if (this.#pending.length === 0) return;
    this.#time += 1 + this.random.int(2_000);
    const operation = this.batch === 1 ? this.#operation : 'transaction';
    this.log.push({
      id: idOf(this.random, 'chg'),
      seq: this.log.length + 1,
      recordedAt: new Date(this.#time).toISOString(),
      author: 'bench',
      operation,
      effects: this.#pending,
    });
    this.#pending = [];
  }
}

/**
 * Generates the change log of a realistic partner network: the organisation itself, regions,
 * governments, missions, organisations, municipalities, companies, facilities and people; links
 * with dated histories (signed, revised, renewed, ended), people who rotate through posts, the
 * policy sheet's programmes (budgets over 30 fiscal years) and indicators, and engagements over
 * those 30 fiscal years, half of them under a programme. Degrees are skewed: a few hubs, many small partners.
 * The same seed gives the same log.
 */
export function generateNetwork(scale: Scale, options: GeneratorOptions = {}): GeneratedNetwork {
  const random = seededRandom(options.seed ?? 1);
  const out = new LogBuilder(random, Math.max(1, options.batch ?? 1));
  const entities: Entity[] = [];
  const byKind = new Map<EntityKind, number[]>();
  for (let i = 0; i < scale.entities; i++) {
    let kind: EntityKind;
    if (i === 0) kind = 'self';
    else if (i <= Math.max(4, scale.entities / 100)) kind = random.pick(hubKinds);
    else kind = weighted(random, kindWeights);
    const entity: Entity = {
      id: i === 0 ? 'mie' : idOf(random, 'ent'),
      kind,
      name: i === 0 ? { ja: '三重県', en: 'Mie Prefecture' } : entityName(random, kind),
      aliases: [],
      ...(kind === 'person' || kind === 'self' || kind === 'municipality' || kind === 'company'
        ? { country: 'JP' }
        : { country: random.pick(countries) }),
      ...(kind === 'person'
        ? {}
        : { coordinates: { lat: -40 + random.next() * 100, lng: -170 + random.next() * 340 } }),
      ...(kind === 'organization' || kind === 'facility'
        ? { since: dateBetween(random, 1960, 2015, 0.5) }
        : {}),
      tags: kind === 'company' && random.chance(0.3) ? ['sme'] : [],
    };
    entities.push(entity);
    const list = byKind.get(kind) ?? [];
    list.push(i);
    byKind.set(kind, list);
    out.add('addEntity', { type: 'create', collection: 'entity', record: entity });
  }
  const pool = (...kinds: EntityKind[]): number[] =>
    kinds.flatMap((k) => byKind.get(k) ?? []).sort((a, b) => a - b);
  const pickFrom = (list: readonly number[]): Entity =>
    entities[list[random.skewed(list.length)] ?? 0] as Entity;
  const links = generateLinks(random, scale, entities, pool, pickFrom, out);
  const policy = policyRecords(FIRST_FY, LAST_FY);
  for (const programme of policy.programmes)
    out.add('addProgramme', { type: 'create', collection: 'programme', record: programme });
  for (const indicator of policy.indicators)
    out.add('addIndicator', { type: 'create', collection: 'indicator', record: indicator });
  const programmeIds = policy.programmes.map((p) => p.id);
  const engaged = generateEngagements(random, scale, entities, programmeIds, out);
  out.flush();
  const degree = new Map<string, number>();
  for (const l of links) for (const end of [l.source, l.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
  const top = (counts: Map<string, number>) =>
    [...counts].filter(([id]) => id !== 'mie').sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'mie';
  const searched = entities[Math.floor(entities.length / 2)] as Entity;
  return {
    scale,
    log: out.log,
    hub: top(degree),
    busiest: top(engaged),
    self: 'mie',
    midDate: `${Math.floor((FIRST_FY + LAST_FY) / 2)}-09-30`,
    searchText: (searched.name.en ?? '').slice(0, 4),
  };
}

function linkEvents(random: Random, kind: LinkKind): LinkEvent[] {
  const signed = dateBetween(random, 1975, 2024, kind === 'sister' || kind === 'friendship' ? 0.6 : 0.2);
  const events: LinkEvent[] = [{ id: 'ev1', type: 'signed', date: signed }];
  let year = Number(signed.slice(0, 4));
  for (const type of ['revised', 'renewed'] as const) {
    if (year >= 2025 || !random.chance(type === 'revised' ? 0.3 : 0.2)) continue;
    year += 1 + random.int(Math.min(8, 2025 - year));
    events.push({ id: `ev${events.length + 1}`, type, date: dateBetween(random, year, year) });
  }
  if (year < 2025 && random.chance(0.15)) {
    year += 1 + random.int(Math.min(5, 2025 - year));
    events.push({ id: `ev${events.length + 1}`, type: 'ended', date: dateBetween(random, year, year) });
  }
  return events;
}

function generateLinks(
  random: Random,
  scale: Scale,
  entities: readonly Entity[],
  pool: (...kinds: EntityKind[]) => number[],
  pickFrom: (list: readonly number[]) => Entity,
  out: LogBuilder,
): Link[] {
  const links: Link[] = [];
  const add = (link: Link) => {
    links.push(link);
    const last = link.events[link.events.length - 1];
    // a later event is often recorded later, as an update of the link
    if (link.events.length > 1 && last && random.chance(0.5)) {
      const first: Link = { ...link, events: link.events.slice(0, -1) };
      out.add('addLink', { type: 'create', collection: 'link', record: first });
      out.add('addLinkEvent', { type: 'update', collection: 'link', before: first, after: link });
    } else out.add('addLink', { type: 'create', collection: 'link', record: link });
  };
  // people rotate through posts: each post has a line of holders, one after the other
  const posts = pool('mission', 'government', 'organization', 'region');
  const nextStart = new Map<string, number>();
  for (const p of pool('person')) {
    if (links.length >= scale.links || posts.length === 0) break;
    const person = entities[p] as Entity;
    const post = pickFrom(posts);
    const from = nextStart.get(post.id) ?? 1990 + random.int(10);
    const to = from + 2 + random.int(3);
    nextStart.set(post.id, to > 2025 ? 1990 + random.int(30) : to);
    const events: LinkEvent[] = [{ id: 'ev1', type: 'signed', date: `${from}-04-01` }];
    if (to <= 2025) events.push({ id: 'ev2', type: 'ended', date: `${to}-03-31` });
    const title = postTitles[post.kind];
    add({
      id: idOf(random, 'lnk'),
      kind: 'role',
      source: person.id,
      target: post.id,
      ...(title ? { title } : {}),
      events,
      tags: [],
    });
  }
  const ends: Record<string, [number[], number[]]> = {
    sister: [pool('self', 'municipality'), pool('region')],
    friendship: [pool('self', 'municipality'), pool('region')],
    mou: [pool('self', 'municipality', 'organization'), pool('government', 'organization', 'region')],
    agreement: [pool('self', 'organization'), pool('government', 'organization', 'region', 'facility')],
    represents: [pool('mission'), pool('government')],
    'member-of': [pool('company', 'municipality', 'organization'), pool('organization')],
    supports: [pool('self', 'organization', 'government'), pool('company')],
    partner: [
      pool('self', 'region', 'government', 'mission', 'organization', 'company', 'facility'),
      pool('region', 'government', 'organization', 'company', 'facility', 'municipality'),
    ],
  };
  while (links.length < scale.links) {
    const kind = weighted(random, linkWeights);
    const [sources, targets] = ends[kind] as [number[], number[]];
    if (sources.length === 0 || targets.length === 0) continue;
    const source = pickFrom(sources);
    const target = pickFrom(targets);
    if (source.id === target.id) continue;
    add({
      id: idOf(random, 'lnk'),
      kind,
      source: source.id,
      target: target.id,
      events: linkEvents(random, kind),
      tags: [],
    });
  }
  return links;
}

function generateEngagements(
  random: Random,
  scale: Scale,
  entities: readonly Entity[],
  programmeIds: readonly string[],
  out: LogBuilder,
): Map<string, number> {
  const counts = new Map<string, number>();
  const n = entities.length;
  for (let i = 0; i < scale.engagements; i++) {
    const type: EngagementType = random.pick(engagementTypes);
    const host = random.chance(0.6) ? (entities[0] as Entity) : (entities[random.skewed(n)] as Entity);
    const participants: Engagement['participants'] = [{ entity: host.id, role: 'host' }];
    let guest = host;
    const others = 1 + random.int(3);
    for (let k = 0; k < others; k++) {
      const other = entities[random.skewed(n, 2)] as Entity;
      if (participants.some((p) => p.entity === other.id)) continue;
      if (guest === host) guest = other;
      participants.push({ entity: other.id, role: guest === other ? 'visitor' : 'participant' });
    }
    for (const p of participants) counts.set(p.entity, (counts.get(p.entity) ?? 0) + 1);
    const title = engagementTitles[type];
    const engagement: Engagement = {
      id: idOf(random, 'eng'),
      type,
      title: { ja: `${guest.name.ja ?? ''} ${title.ja}`, en: `${title.en}: ${guest.name.en ?? ''}` },
      date: dateInFiscalYear(random, FIRST_FY + random.int(LAST_FY - FIRST_FY + 1)),
      participants,
      ...(random.chance(0.5) ? { programme: random.pick(programmeIds) } : {}),
      topics: random.chance(0.5) ? [random.pick(topics)] : [],
      followUps: random.chance(0.1)
        ? [{ id: 'fu1', text: 'Send thank-you letter', done: random.chance(0.7) }]
        : [],
      tags: [],
    };
    out.add('recordEngagement', { type: 'create', collection: 'engagement', record: engagement });
  }
  return counts;
}
