import * as z from 'zod/mini';
import { earliestDay, latestDay, PartialDateSchema } from '../time/partial-date.js';
import { CountryCodeSchema } from './countries.js';
import { IdSchema } from './ids.js';
import { engagementTypes, entityKinds, linkEventTypes, linkKinds, participantRoles } from './kinds.js';
import { BilingualNameSchema, text } from './names.js';
// zod's English messages, as zod's classic API sets them
import './zod-english.js';

type RefinementCtx = z.core.$RefinementCtx;

export const TagSchema = text(100).check(
  z.minLength(1, { message: 'a tag must not be empty' }),
  z.refine((s: string) => !/[\r\n\t\u2028\u2029]/.test(s), {
    message: 'a tag is one line',
    params: { reason: 'one-line' },
  }),
);

const tags = z._default(z.array(TagSchema).check(z.maxLength(50)), []);
const notes = z.optional(text(20_000));

export const CoordinatesSchema = z.strictObject({
  lat: z.number().check(z.minimum(-90), z.maximum(90)),
  lng: z.number().check(z.minimum(-180), z.maximum(180)),
});

const entityShape = {
  id: IdSchema,
  kind: z.enum(entityKinds),
  name: BilingualNameSchema,
  aliases: z._default(z.array(text(300).check(z.minLength(1))).check(z.maxLength(20)), []),
  country: z.optional(CountryCodeSchema),
  coordinates: z.optional(CoordinatesSchema),
  /** When it came into being in the world (founded, opened); optional. */
  since: z.optional(PartialDateSchema),
  /** When it ceased to exist (closed, merged); optional. */
  until: z.optional(PartialDateSchema),
  tags,
  notes,
};

function checkPeriod(
  value: { since?: string | undefined; until?: string | undefined },
  ctx: RefinementCtx,
  from: 'since' | 'date' = 'since',
  to: 'until' | 'endDate' = 'until',
) {
  const start = (value as Record<string, string | undefined>)[from];
  const end = (value as Record<string, string | undefined>)[to];
  if (start === undefined || end === undefined) return;
  try {
    // only what is certainly before is refused: until `2000` fits since `2000-05`
    if (latestDay(end) < earliestDay(start)) {
      ctx.addIssue({
        code: 'custom',
        path: [to],
        message: `${to} (${end}) is before ${from} (${start})`,
        params: { reason: 'end-before-start', start, end },
      });
    }
  } catch {
    // an invalid date is reported by its own schema
  }
}

/** An entity: a node of the network (the prefecture, a region, an embassy, a person…). */
export const EntitySchema = z.strictObject(entityShape).check(z.superRefine((e, ctx) => checkPeriod(e, ctx)));
export type Entity = z.infer<typeof EntitySchema>;

/** What `addEntity` takes: an entity whose id may be left out. */
export const EntityInputSchema = z
  .strictObject({ ...entityShape, id: z.optional(IdSchema) })
  .check(z.superRefine((e, ctx) => checkPeriod(e, ctx)));
export type EntityInput = z.input<typeof EntityInputSchema>;

/** What `updateEntity` takes: any fields to change; `null` clears an optional field. */
export const EntityPatchSchema = z.strictObject({
  kind: z.optional(entityShape.kind),
  name: z.optional(BilingualNameSchema),
  aliases: z.optional(z.array(text(300).check(z.minLength(1))).check(z.maxLength(20))),
  country: z.optional(z.nullable(CountryCodeSchema)),
  coordinates: z.optional(z.nullable(CoordinatesSchema)),
  since: z.optional(z.nullable(PartialDateSchema)),
  until: z.optional(z.nullable(PartialDateSchema)),
  tags: z.optional(z.array(TagSchema).check(z.maxLength(50))),
  notes: z.optional(z.nullable(text(20_000))),
});
export type EntityPatch = z.input<typeof EntityPatchSchema>;

const linkEventShape = {
  id: IdSchema,
  type: z.enum(linkEventTypes),
  date: PartialDateSchema,
  /** What the event was about, e.g. the fields a revision added. */
  note: z.optional(text(2_000)),
};
export const LinkEventSchema = z.strictObject(linkEventShape);
export type LinkEvent = z.infer<typeof LinkEventSchema>;
export const LinkEventInputSchema = z.strictObject({ ...linkEventShape, id: z.optional(IdSchema) });
export type LinkEventInput = z.input<typeof LinkEventInputSchema>;

/** Ids inside one record (a link's events, an engagement's follow-ups) are unique. */
function checkUniqueIds(items: readonly { id?: string | undefined }[], field: string, ctx: RefinementCtx) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (item.id === undefined) return;
    if (seen.has(item.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [field, i, 'id'],
        message: `the id ${item.id} is used twice`,
        params: { reason: 'duplicate-id', id: item.id },
      });
    }
    seen.add(item.id);
  });
}

function checkEvents(
  events: readonly { id?: string | undefined; type: string; date: string }[],
  ctx: RefinementCtx,
) {
  checkUniqueIds(events, 'events', ctx);
  // plain loops: every link of a big log passes here
  let first: { date: string } | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as { type: string; date: string };
    if (e.type !== 'signed') continue;
    if (first === undefined) {
      first = e;
      continue;
    }
    ctx.addIssue({
      code: 'custom',
      path: ['events', i, 'type'],
      message: 'a link is signed once; use revised or renewed for later events',
      params: { reason: 'signed-once' },
    });
    break;
  }
  if (!first) return;
  events.forEach((e, i) => {
    try {
      if (latestDay(e.date) < earliestDay(first.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['events', i, 'date'],
          message: `a ${e.type} event (${e.date}) cannot come before the link was signed (${first.date})`,
          params: { reason: 'before-signed', date: first.date },
        });
      }
    } catch {
      // invalid dates are reported by their own schema
    }
  });
}

const linkShape = {
  id: IdSchema,
  kind: z.enum(linkKinds),
  source: IdSchema,
  target: IdSchema,
  /** The agreement's name, or the title of a role (特命全権大使 / Ambassador). */
  title: z.optional(BilingualNameSchema),
  events: z._default(z.array(LinkEventSchema).check(z.maxLength(1_000)), []),
  tags,
  notes,
};

/** A link: an edge of the network with its dated history (signed, revised, renewed, suspended, ended). */
export const LinkSchema = z
  .strictObject(linkShape)
  .check(z.superRefine((l, ctx) => checkEvents(l.events, ctx)));
export type Link = z.infer<typeof LinkSchema>;

/** What `addLink` takes; ids of the link and of its events may be left out. */
export const LinkInputSchema = z
  .strictObject({
    ...linkShape,
    id: z.optional(IdSchema),
    events: z._default(z.array(LinkEventInputSchema).check(z.maxLength(1_000)), []),
  })
  .check(z.superRefine((l, ctx) => checkEvents(l.events, ctx)));
export type LinkInput = z.input<typeof LinkInputSchema>;

export const LinkPatchSchema = z.strictObject({
  title: z.optional(z.nullable(BilingualNameSchema)),
  tags: z.optional(z.array(TagSchema).check(z.maxLength(50))),
  notes: z.optional(z.nullable(text(20_000))),
});
export type LinkPatch = z.input<typeof LinkPatchSchema>;

export const ParticipantSchema = z.strictObject({
  entity: IdSchema,
  role: z._default(z.enum(participantRoles), 'participant'),
});
export type Participant = z.infer<typeof ParticipantSchema>;

const followUpShape = {
  id: IdSchema,
  text: text(2_000).check(z.minLength(1, { message: 'a follow-up says what to do' })),
  due: z.optional(PartialDateSchema),
  done: z._default(z.boolean(), false),
};
export const FollowUpSchema = z.strictObject(followUpShape);
export type FollowUp = z.infer<typeof FollowUpSchema>;

const engagementShape = {
  id: IdSchema,
  type: z.enum(engagementTypes),
  title: BilingualNameSchema,
  date: PartialDateSchema,
  endDate: z.optional(PartialDateSchema),
  participants: z
    .array(ParticipantSchema)
    .check(z.minLength(1, { message: 'an engagement has at least one participant' }), z.maxLength(500)),
  topics: z._default(z.array(TagSchema).check(z.maxLength(50)), []),
  /** The programme (事業) this engagement belongs to. */
  programme: z.optional(IdSchema),
  followUps: z._default(z.array(FollowUpSchema).check(z.maxLength(200)), []),
  tags,
  notes,
};

function checkEngagement(
  e: {
    date?: string;
    endDate?: string | undefined;
    participants: readonly { entity: string }[];
    followUps: readonly { id?: string | undefined }[];
  },
  ctx: RefinementCtx,
) {
  checkPeriod(e as never, ctx, 'date', 'endDate');
  checkUniqueIds(e.followUps, 'followUps', ctx);
  const seen = new Map<string, number>();
  e.participants.forEach((p, i) => {
    if (seen.has(p.entity)) {
      ctx.addIssue({
        code: 'custom',
        path: ['participants', i, 'entity'],
        message: `${p.entity} is already a participant (at ${seen.get(p.entity)})`,
        params: { reason: 'duplicate-participant', id: p.entity },
      });
    } else seen.set(p.entity, i);
  });
}

/** An engagement: something that happened (a courtesy visit, a mission, a seminar…). */
export const EngagementSchema = z
  .strictObject(engagementShape)
  .check(z.superRefine((e, ctx) => checkEngagement(e, ctx)));
export type Engagement = z.infer<typeof EngagementSchema>;

const FollowUpInputSchema = z.strictObject({ ...followUpShape, id: z.optional(IdSchema) });

export const EngagementInputSchema = z
  .strictObject({
    ...engagementShape,
    id: z.optional(IdSchema),
    followUps: z._default(z.array(FollowUpInputSchema).check(z.maxLength(200)), []),
  })
  .check(z.superRefine((e, ctx) => checkEngagement(e, ctx)));
export type EngagementInput = z.input<typeof EngagementInputSchema>;

export const EngagementPatchSchema = z.strictObject({
  type: z.optional(engagementShape.type),
  title: z.optional(BilingualNameSchema),
  date: z.optional(PartialDateSchema),
  endDate: z.optional(z.nullable(PartialDateSchema)),
  participants: z.optional(engagementShape.participants),
  topics: z.optional(z.array(TagSchema).check(z.maxLength(50))),
  programme: z.optional(z.nullable(IdSchema)),
  followUps: z.optional(z.array(FollowUpInputSchema).check(z.maxLength(200))),
  tags: z.optional(z.array(TagSchema).check(z.maxLength(50))),
  notes: z.optional(z.nullable(text(20_000))),
});
export type EngagementPatch = z.input<typeof EngagementPatchSchema>;
