// the namespace import lets a bundler drop what is not used (`{ z }` keeps all of zod, its locales too)
import * as z from 'zod';
import { earliestDay, latestDay, PartialDateSchema } from '../time/partial-date.js';
import { CountryCodeSchema } from './countries.js';
import { IdSchema } from './ids.js';
import { engagementTypes, entityKinds, linkEventTypes, linkKinds, participantRoles } from './kinds.js';
import { BilingualNameSchema, text } from './names.js';

export const TagSchema = text(100)
  .min(1, { message: 'a tag must not be empty' })
  .refine((s) => !/[\r\n\t\u2028\u2029]/.test(s), {
    message: 'a tag is one line',
    params: { reason: 'one-line' },
  });

const tags = z.array(TagSchema).max(50).default([]);
const notes = text(20_000).optional();

export const CoordinatesSchema = z
  .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
  .strict();

const entityShape = {
  id: IdSchema,
  kind: z.enum(entityKinds),
  name: BilingualNameSchema,
  aliases: z.array(text(300).min(1)).max(20).default([]),
  country: CountryCodeSchema.optional(),
  coordinates: CoordinatesSchema.optional(),
  /** When it came into being in the world (founded, opened); optional. */
  since: PartialDateSchema.optional(),
  /** When it ceased to exist (closed, merged); optional. */
  until: PartialDateSchema.optional(),
  tags,
  notes,
};

function checkPeriod(
  value: { since?: string | undefined; until?: string | undefined },
  ctx: z.RefinementCtx,
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
export const EntitySchema = z
  .object(entityShape)
  .strict()
  .superRefine((e, ctx) => checkPeriod(e, ctx));
export type Entity = z.infer<typeof EntitySchema>;

/** What `addEntity` takes: an entity whose id may be left out. */
export const EntityInputSchema = z
  .object({ ...entityShape, id: IdSchema.optional() })
  .strict()
  .superRefine((e, ctx) => checkPeriod(e, ctx));
export type EntityInput = z.input<typeof EntityInputSchema>;

/** What `updateEntity` takes: any fields to change; `null` clears an optional field. */
export const EntityPatchSchema = z
  .object({
    kind: entityShape.kind.optional(),
    name: BilingualNameSchema.optional(),
    aliases: z.array(text(300).min(1)).max(20).optional(),
    country: CountryCodeSchema.nullable().optional(),
    coordinates: CoordinatesSchema.nullable().optional(),
    since: PartialDateSchema.nullable().optional(),
    until: PartialDateSchema.nullable().optional(),
    tags: z.array(TagSchema).max(50).optional(),
    notes: text(20_000).nullable().optional(),
  })
  .strict();
export type EntityPatch = z.input<typeof EntityPatchSchema>;

const linkEventShape = {
  id: IdSchema,
  type: z.enum(linkEventTypes),
  date: PartialDateSchema,
  /** What the event was about, e.g. the fields a revision added. */
  note: text(2_000).optional(),
};
export const LinkEventSchema = z.object(linkEventShape).strict();
export type LinkEvent = z.infer<typeof LinkEventSchema>;
export const LinkEventInputSchema = z.object({ ...linkEventShape, id: IdSchema.optional() }).strict();
export type LinkEventInput = z.input<typeof LinkEventInputSchema>;

/** Ids inside one record (a link's events, an engagement's follow-ups) are unique. */
function checkUniqueIds(items: readonly { id?: string | undefined }[], field: string, ctx: z.RefinementCtx) {
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
  ctx: z.RefinementCtx,
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
  title: BilingualNameSchema.optional(),
  events: z.array(LinkEventSchema).max(1_000).default([]),
  tags,
  notes,
};

/** A link: an edge of the network with its dated history (signed, revised, renewed, suspended, ended). */
export const LinkSchema = z
  .object(linkShape)
  .strict()
  .superRefine((l, ctx) => checkEvents(l.events, ctx));
export type Link = z.infer<typeof LinkSchema>;

/** What `addLink` takes; ids of the link and of its events may be left out. */
export const LinkInputSchema = z
  .object({
    ...linkShape,
    id: IdSchema.optional(),
    events: z.array(LinkEventInputSchema).max(1_000).default([]),
  })
  .strict()
  .superRefine((l, ctx) => checkEvents(l.events, ctx));
export type LinkInput = z.input<typeof LinkInputSchema>;

export const LinkPatchSchema = z
  .object({
    title: BilingualNameSchema.nullable().optional(),
    tags: z.array(TagSchema).max(50).optional(),
    notes: text(20_000).nullable().optional(),
  })
  .strict();
export type LinkPatch = z.input<typeof LinkPatchSchema>;

export const ParticipantSchema = z
  .object({ entity: IdSchema, role: z.enum(participantRoles).default('participant') })
  .strict();
export type Participant = z.infer<typeof ParticipantSchema>;

const followUpShape = {
  id: IdSchema,
  text: text(2_000).min(1, { message: 'a follow-up says what to do' }),
  due: PartialDateSchema.optional(),
  done: z.boolean().default(false),
};
export const FollowUpSchema = z.object(followUpShape).strict();
export type FollowUp = z.infer<typeof FollowUpSchema>;

const engagementShape = {
  id: IdSchema,
  type: z.enum(engagementTypes),
  title: BilingualNameSchema,
  date: PartialDateSchema,
  endDate: PartialDateSchema.optional(),
  participants: z
    .array(ParticipantSchema)
    .min(1, { message: 'an engagement has at least one participant' })
    .max(500),
  topics: z.array(TagSchema).max(50).default([]),
  /** The programme (事業) this engagement belongs to. */
  programme: IdSchema.optional(),
  followUps: z.array(FollowUpSchema).max(200).default([]),
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
  ctx: z.RefinementCtx,
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
  .object(engagementShape)
  .strict()
  .superRefine((e, ctx) => checkEngagement(e, ctx));
export type Engagement = z.infer<typeof EngagementSchema>;

export const EngagementInputSchema = z
  .object({
    ...engagementShape,
    id: IdSchema.optional(),
    followUps: z
      .array(z.object({ ...followUpShape, id: IdSchema.optional() }).strict())
      .max(200)
      .default([]),
  })
  .strict()
  .superRefine((e, ctx) => checkEngagement(e, ctx));
export type EngagementInput = z.input<typeof EngagementInputSchema>;

export const EngagementPatchSchema = z
  .object({
    type: engagementShape.type.optional(),
    title: BilingualNameSchema.optional(),
    date: PartialDateSchema.optional(),
    endDate: PartialDateSchema.nullable().optional(),
    participants: engagementShape.participants.optional(),
    topics: z.array(TagSchema).max(50).optional(),
    programme: IdSchema.nullable().optional(),
    followUps: z
      .array(z.object({ ...followUpShape, id: IdSchema.optional() }).strict())
      .max(200)
      .optional(),
    tags: z.array(TagSchema).max(50).optional(),
    notes: text(20_000).nullable().optional(),
  })
  .strict();
export type EngagementPatch = z.input<typeof EngagementPatchSchema>;
