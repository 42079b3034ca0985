import { collections } from '../changes/change.js';
import { isCountryCode } from '../model/countries.js';
import { engagementTypes, entityKinds, linkEventTypes, linkKinds, participantRoles } from '../model/kinds.js';
import { hasControlCharacter, isWellFormedText } from '../model/names.js';
import { earliestDay, isPartialDate, latestDay } from '../time/partial-date.js';

/**
 * The fast path of reading a log: a plain check of the common shapes (the envelope of a change and
 * entities, links and engagements), written out by hand for the records a log is made of.
 *
 * Opening a log validated every record with zod, which cost about three times reading and parsing
 * the file (bench/README.md, "Open"): zod walks each record through its check machinery and builds
 * a copy of it. These functions answer only "is this value, exactly as it is, what the schema would
 * output for it?": true only when every field is of the right type, within its bounds and refinements
 * (the same predicates the schemas use: `isWellFormedText`, `parsePartialDate`, `isCountryCode`…),
 * every defaulted field is there and every text is already NFC and trimmed, so that zod's output
 * would be equal to the input (the keys keep the order the file wrote them in, where zod's copy
 * would list them in the schema's order; nothing compares records by key order). Anything
 * else (a missing default, an unknown key, a wrong type, a collection of a module) answers
 * false, and the caller validates with zod as before: an invalid record gets the very same typed
 * error with its path. The fast path can only say yes to what zod says yes to; it never refuses.
 *
 * Why by hand rather than a library: zod is the schema of record; a second schema library would be
 * a second truth. `record-fast-path.property.test.ts` holds the two together: for generated and
 * mutated records, a yes here is a yes from zod with an equal output.
 *
 * Only for values the caller owns and that nobody else can change (a fresh `JSON.parse` result):
 * the record is then kept as it is, not copied. A getter or a Proxy could answer differently on a
 * second read; a parsed JSON value cannot.
 */

type Obj = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Obj =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

/** The keys of a schema's shape (true: required, defaulted ones included) and how many are required. */
interface Shape {
  readonly keys: ReadonlyMap<string, boolean>;
  readonly required: number;
}

const shape = (keys: readonly string[], required: readonly string[] = keys): Shape => ({
  keys: new Map(keys.map((key) => [key, required.includes(key)])),
  required: required.length,
});

/**
 * True when every key of `value` is one of the shape's (strict objects) and the required ones are
 * there: one pass, counting the required keys met.
 */
function keysFit(value: Obj, s: Shape): boolean {
  let required = 0;
  for (const key in value) {
    const needed = s.keys.get(key);
    if (needed === undefined || !Object.hasOwn(value, key)) return false;
    if (needed) required++;
  }
  return required === s.required;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const ONE_LINE_BREAKS = /[\r\n\t\u2028\u2029]/;

/** `IdSchema` */
export function isId(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    ID.test(value) &&
    value !== '__proto__' &&
    value !== 'constructor' &&
    value !== 'prototype'
  );
}

/** Already NFC: below U+0300 every character is its own NFC form, so most text skips `normalize`. */
function isNfc(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x300) return s.normalize('NFC') === s;
  }
  return true;
}

/** `text(max)` with `.min(min)`, for a value the schema would keep as it is (NFC, trimmed). */
function isText(value: unknown, max: number, min = 0): value is string {
  return (
    typeof value === 'string' &&
    value.length >= min &&
    value.length <= max &&
    isWellFormedText(value) &&
    !hasControlCharacter(value) &&
    value.trim().length === value.length &&
    isNfc(value)
  );
}

/** `NameTextSchema` and `TagSchema`: one line. */
const isLine = (value: unknown, max: number): boolean =>
  isText(value, max, 1) && !ONE_LINE_BREAKS.test(value as string);

const BILINGUAL = shape(['ja', 'en'], []);

/** `BilingualNameSchema` */
function isBilingual(value: unknown): boolean {
  if (!isPlainObject(value) || !keysFit(value, BILINGUAL)) return false;
  const { ja, en } = value;
  if (ja === undefined && en === undefined) return false;
  return (ja === undefined || isLine(ja, 300)) && (en === undefined || isLine(en, 300));
}

function isArrayOf(value: unknown, max: number, item: (v: unknown) => boolean, min = 0): boolean {
  if (!Array.isArray(value) || value.length > max || value.length < min) return false;
  for (let i = 0; i < value.length; i++) if (!item(value[i])) return false;
  return true;
}

const isTag = (value: unknown) => isLine(value, 100);
const isOneOf =
  (values: readonly string[]) =>
  (value: unknown): boolean =>
    typeof value === 'string' && values.includes(value);

/** `checkPeriod`: an end certainly before the start is refused. */
function periodFits(start: unknown, end: unknown): boolean {
  if (start === undefined || end === undefined) return true;
  return latestDay(end as string) >= earliestDay(start as string);
}

/** `checkUniqueIds` */
function idsUnique(items: readonly unknown[]): boolean {
  if (items.length < 2) return true;
  const seen = new Set<unknown>();
  for (const item of items) {
    const id = (item as Obj).id;
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

const COORDINATES = shape(['lat', 'lng']);
const inRange = (value: unknown, bound: number) =>
  typeof value === 'number' && Number.isFinite(value) && value >= -bound && value <= bound;

const ENTITY_KEYS = [
  'id',
  'kind',
  'name',
  'aliases',
  'country',
  'coordinates',
  'since',
  'until',
  'tags',
  'notes',
];
const ENTITY_REQUIRED = ['id', 'kind', 'name', 'aliases', 'tags'];
const ENTITY = shape(ENTITY_KEYS, ENTITY_REQUIRED);
const isEntityKind = isOneOf(entityKinds);
const isAlias = (value: unknown) => isText(value, 300, 1);

/** `EntitySchema` */
function isEntity(value: Obj): boolean {
  if (!keysFit(value, ENTITY)) return false;
  const { id, kind, name, aliases, country, coordinates, since, until, tags, notes } = value;
  if (!isId(id) || !isEntityKind(kind) || !isBilingual(name) || !isArrayOf(aliases, 20, isAlias))
    return false;
  if (country !== undefined && !isCountryCode(country)) return false;
  if (coordinates !== undefined) {
    if (!isPlainObject(coordinates) || !keysFit(coordinates, COORDINATES)) return false;
    if (!inRange(coordinates.lat, 90) || !inRange(coordinates.lng, 180)) return false;
  }
  if (since !== undefined && !isPartialDate(since)) return false;
  if (until !== undefined && !isPartialDate(until)) return false;
  if (!isArrayOf(tags, 50, isTag)) return false;
  if (notes !== undefined && !isText(notes, 20_000)) return false;
  return periodFits(since, until);
}

const EVENT_KEYS = ['id', 'type', 'date', 'note'];
const EVENT_REQUIRED = ['id', 'type', 'date'];
const EVENT = shape(EVENT_KEYS, EVENT_REQUIRED);
const isEventType = isOneOf(linkEventTypes);

/** `LinkEventSchema` */
function isLinkEvent(value: unknown): boolean {
  if (!isPlainObject(value) || !keysFit(value, EVENT)) return false;
  return (
    isId(value.id) &&
    isEventType(value.type) &&
    isPartialDate(value.date) &&
    (value.note === undefined || isText(value.note, 2_000))
  );
}

/** `checkEvents`: ids unique, signed once, nothing certainly before the signing. */
function eventsFit(events: readonly Obj[]): boolean {
  if (!idsUnique(events)) return false;
  let signed: string | undefined;
  for (const event of events) {
    if (event.type !== 'signed') continue;
    if (signed !== undefined) return false;
    signed = event.date as string;
  }
  if (signed === undefined) return true;
  const start = earliestDay(signed);
  for (const event of events) if (latestDay(event.date as string) < start) return false;
  return true;
}

const LINK_KEYS = ['id', 'kind', 'source', 'target', 'title', 'events', 'tags', 'notes'];
const LINK_REQUIRED = ['id', 'kind', 'source', 'target', 'events', 'tags'];
const LINK = shape(LINK_KEYS, LINK_REQUIRED);
const isLinkKind = isOneOf(linkKinds);

/** `LinkSchema` */
function isLink(value: Obj): boolean {
  if (!keysFit(value, LINK)) return false;
  const { id, kind, source, target, title, events, tags, notes } = value;
  if (!isId(id) || !isLinkKind(kind) || !isId(source) || !isId(target)) return false;
  if (title !== undefined && !isBilingual(title)) return false;
  if (!isArrayOf(events, 1_000, isLinkEvent) || !isArrayOf(tags, 50, isTag)) return false;
  if (notes !== undefined && !isText(notes, 20_000)) return false;
  return eventsFit(events as Obj[]);
}

const PARTICIPANT_KEYS = ['entity', 'role'];
const PARTICIPANT = shape(PARTICIPANT_KEYS);
const isRole = isOneOf(participantRoles);
const isParticipant = (value: unknown) =>
  isPlainObject(value) && keysFit(value, PARTICIPANT) && isId(value.entity) && isRole(value.role);

const FOLLOW_UP_KEYS = ['id', 'text', 'due', 'done'];
const FOLLOW_UP_REQUIRED = ['id', 'text', 'done'];
const FOLLOW_UP = shape(FOLLOW_UP_KEYS, FOLLOW_UP_REQUIRED);
const isFollowUp = (value: unknown) =>
  isPlainObject(value) &&
  keysFit(value, FOLLOW_UP) &&
  isId(value.id) &&
  isText(value.text, 2_000, 1) &&
  (value.due === undefined || isPartialDate(value.due)) &&
  typeof value.done === 'boolean';

const ENGAGEMENT_KEYS = [
  'id',
  'type',
  'title',
  'date',
  'endDate',
  'participants',
  'topics',
  'programme',
  'followUps',
  'tags',
  'notes',
];
const ENGAGEMENT_REQUIRED = ['id', 'type', 'title', 'date', 'participants', 'topics', 'followUps', 'tags'];
const ENGAGEMENT = shape(ENGAGEMENT_KEYS, ENGAGEMENT_REQUIRED);
const isEngagementType = isOneOf(engagementTypes);

/** `EngagementSchema` */
function isEngagement(value: Obj): boolean {
  if (!keysFit(value, ENGAGEMENT)) return false;
  const { id, type, title, date, endDate, participants, topics, programme, followUps, tags, notes } = value;
  if (!isId(id) || !isEngagementType(type) || !isBilingual(title) || !isPartialDate(date)) return false;
  if (endDate !== undefined && !isPartialDate(endDate)) return false;
  if (!isArrayOf(participants, 500, isParticipant, 1) || !isArrayOf(topics, 50, isTag)) return false;
  if (programme !== undefined && !isId(programme)) return false;
  if (!isArrayOf(followUps, 200, isFollowUp) || !isArrayOf(tags, 50, isTag)) return false;
  if (notes !== undefined && !isText(notes, 20_000)) return false;
  if (!periodFits(date, endDate) || !idsUnique(followUps as unknown[])) return false;
  const list = participants as Obj[];
  if (list.length > 1) {
    const seen = new Set<unknown>();
    for (const p of list) {
      if (seen.has(p.entity)) return false;
      seen.add(p.entity);
    }
  }
  return true;
}

/**
 * True when `raw` is a record of `collection` exactly as its schema would output it (see above);
 * false for anything else, including the collections this path does not know (zod decides those).
 */
export function isStoredRecordAsIs(collection: string, raw: unknown): boolean {
  if (!isPlainObject(raw)) return false;
  if (collection === 'entity') return isEntity(raw);
  if (collection === 'link') return isLink(raw);
  if (collection === 'engagement') return isEngagement(raw);
  return false;
}

const isCollection = isOneOf(collections);
const CREATE_KEYS = ['type', 'collection', 'record'];
const CREATE = shape(CREATE_KEYS);
const UPDATE_KEYS = ['type', 'collection', 'before', 'after'];
const UPDATE = shape(UPDATE_KEYS);

/** An effect whose type and collection are right and whose records pass {@link isStoredRecordAsIs}. */
function isEffectAsIs(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const { type, collection } = value;
  if (!isCollection(collection)) return false;
  if (type === 'update') {
    return (
      keysFit(value, UPDATE) &&
      isStoredRecordAsIs(collection as string, value.before) &&
      isStoredRecordAsIs(collection as string, value.after)
    );
  }
  if (type !== 'create' && type !== 'delete') return false;
  return keysFit(value, CREATE) && isStoredRecordAsIs(collection as string, value.record);
}

const ENVELOPE_KEYS = [
  'id',
  'seq',
  'recordedAt',
  'author',
  'operation',
  'label',
  'undoes',
  'redoes',
  'effects',
];
const ENVELOPE_REQUIRED = ['id', 'seq', 'recordedAt', 'author', 'operation', 'effects'];
const ENVELOPE = shape(ENVELOPE_KEYS, ENVELOPE_REQUIRED);

/**
 * `z.iso.datetime()` as the envelope uses it: a real calendar day, `T`, hours and minutes and seconds
 * with any fraction, `Z` (zod's own pattern, regexes.ts `datetime({})`).
 */
const RECORDED_AT =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z))$/;

/** A change's label: `ChangeLabelSchema` (a bilingual name, or one line of older text). */
const isLabel = (value: unknown) => (typeof value === 'string' ? isLine(value, 300) : isBilingual(value));

/**
 * True when `raw` is a change exactly as the log codec would decode it: the envelope and, when
 * `records`, every effect's records (see {@link isStoredRecordAsIs}). False for anything else.
 */
export function isChangeAsIs(raw: unknown, records: boolean): boolean {
  if (!isPlainObject(raw) || !keysFit(raw, ENVELOPE)) return false;
  const { id, seq, recordedAt, author, operation, label, undoes, redoes, effects } = raw;
  if (!isId(id) || typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return false;
  if (typeof recordedAt !== 'string' || !RECORDED_AT.test(recordedAt)) return false;
  if (typeof author !== 'string' || typeof operation !== 'string' || operation.length === 0) return false;
  if (label !== undefined && !isLabel(label)) return false;
  if ((undoes !== undefined && !isId(undoes)) || (redoes !== undefined && !isId(redoes))) return false;
  if (!Array.isArray(effects)) return false;
  if (!records) {
    for (const effect of effects) {
      if (!isPlainObject(effect) || !isCollection(effect.collection)) return false;
      if (effect.type !== 'update' && effect.type !== 'create' && effect.type !== 'delete') return false;
      if (!keysFit(effect, effect.type === 'update' ? UPDATE : CREATE)) return false;
    }
    return true;
  }
  for (const effect of effects) if (!isEffectAsIs(effect)) return false;
  return true;
}
