// the namespace import lets a bundler drop what is not used (`{ z }` keeps all of zod, its locales too)
import * as z from 'zod';
import { FiscalYearKeySchema, FiscalYearSchema } from '../time/fiscal-year.js';
import { CountryCodeSchema, countryGroups } from './countries.js';
import { IdSchema } from './ids.js';
import { engagementTypes, entityKinds, participantRoles } from './kinds.js';
import { BilingualNameSchema, text } from './names.js';
import { TagSchema } from './records.js';

/** A basic programme (基本事業): the 施策 number plus a two-digit serial, e.g. `33101 国際交流の推進`. */
export const BasicProgrammeSchema = z
  .object({
    code: z.string().refine((s) => /^\d{5}$/.test(s), {
      message: 'a basic programme code is five digits, e.g. 33101',
      params: { reason: 'basic-programme-code' },
    }),
    name: BilingualNameSchema,
  })
  .strict();
export type BasicProgramme = z.infer<typeof BasicProgrammeSchema>;

/** Amounts per fiscal year, keyed by the year ('2019'). */
const perFiscalYear = (value: z.ZodNumber) => z.record(FiscalYearKeySchema, value).default({});

const programmeShape = {
  id: IdSchema,
  name: BilingualNameSchema,
  basicProgramme: BasicProgrammeSchema,
  /** Budget (予算額) per fiscal year in thousand yen; a missing year has no budget (`-`). */
  budgets: perFiscalYear(z.number().int().nonnegative()),
  /** The programme's summary (事業概要). */
  summary: BilingualNameSchema.optional(),
  tags: z.array(TagSchema).max(50).default([]),
  notes: text(20_000).optional(),
};

/** A programme (主な事業): a budgeted project under a basic programme. */
export const ProgrammeSchema = z.object(programmeShape).strict();
export type Programme = z.infer<typeof ProgrammeSchema>;
export const ProgrammeInputSchema = z.object({ ...programmeShape, id: IdSchema.optional() }).strict();
export type ProgrammeInput = z.input<typeof ProgrammeInputSchema>;

/** Units an indicator counts in. */
export const indicatorUnits = ['件', '社'] as const;
export type IndicatorUnit = (typeof indicatorUnits)[number];
/** The English words for the units. */
export const unitNames: Record<IndicatorUnit, { ja: string; en: string }> = {
  件: { ja: '件', en: 'cases' },
  社: { ja: '社', en: 'companies' },
};

/** `outcome`: 県民指標 (what citizens see); `activity`: 活動指標 (what a basic programme does). */
export const indicatorKinds = ['outcome', 'activity'] as const;
export type IndicatorKind = (typeof indicatorKinds)[number];

/** Which engagements, and which of their participants, an indicator counts. All given conditions must hold. */
export const MeasureFilterSchema = z
  .object({
    engagementTypes: z.array(z.enum(engagementTypes)).min(1).optional(),
    /** Kinds of participant: counted entities for `distinct-entities`; at least one such participant otherwise. */
    entityKinds: z.array(z.enum(entityKinds)).min(1).optional(),
    countries: z.array(CountryCodeSchema).min(1).optional(),
    countryGroup: z.enum(Object.keys(countryGroups) as [keyof typeof countryGroups]).optional(),
    programmes: z.array(IdSchema).min(1).optional(),
    /** The engagement carries at least one of these tags. */
    tags: z.array(TagSchema).min(1).optional(),
    participantRole: z.array(z.enum(participantRoles)).min(1).optional(),
    /**
     * Count an entity only in the fiscal year of its first qualifying engagement ever ("newly going
     * international"); only for `distinct-entities`.
     */
    firstTimeOnly: z.boolean().optional(),
  })
  .strict();
export type MeasureFilter = z.infer<typeof MeasureFilterSchema>;

export const MeasureSchema = z
  .object({
    /** `cumulative` (累計): the running total from `since`; `per-year`: each fiscal year alone. */
    aggregate: z.enum(['cumulative', 'per-year']),
    /** The first fiscal year a cumulative total counts. Without it, from the first record. */
    since: FiscalYearSchema.optional(),
    count: z.enum(['engagements', 'distinct-entities']),
    filter: MeasureFilterSchema.default({}),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.filter.firstTimeOnly && m.count !== 'distinct-entities') {
      ctx.addIssue({
        code: 'custom',
        path: ['filter', 'firstTimeOnly'],
        message: 'firstTimeOnly counts entities: use it with count "distinct-entities"',
        params: { reason: 'first-time-only' },
      });
    }
    if (m.since !== undefined && m.aggregate !== 'cumulative') {
      ctx.addIssue({
        code: 'custom',
        path: ['since'],
        message: 'since is the start of a cumulative total',
        params: { reason: 'since-cumulative' },
      });
    }
  });
export type Measure = z.infer<typeof MeasureSchema>;

const indicatorShape = {
  id: IdSchema,
  name: BilingualNameSchema,
  /** What the indicator counts and why (目標項目の説明). */
  description: BilingualNameSchema.optional(),
  unit: z.enum(indicatorUnits),
  kind: z.enum(indicatorKinds),
  /** The basic programme code (33101) an activity indicator belongs to. */
  basicProgramme: z
    .string()
    .refine((s) => /^\d{5}$/.test(s), {
      message: 'a basic programme code is five digits',
      params: { reason: 'basic-programme-code' },
    })
    .optional(),
  measure: MeasureSchema,
  /** 現状値: the reference year, and its value where known. */
  baseline: z
    .object({ fiscalYear: FiscalYearSchema, value: z.number().nonnegative().optional() })
    .strict()
    .optional(),
  /** 目標値 per fiscal year. */
  targets: perFiscalYear(z.number().nonnegative()),
  tags: z.array(TagSchema).max(50).default([]),
  notes: text(20_000).optional(),
};

function checkIndicator(i: { kind: string; basicProgramme?: string | undefined }, ctx: z.RefinementCtx) {
  if (i.kind === 'activity' && i.basicProgramme === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['basicProgramme'],
      message: 'an activity indicator belongs to a basic programme',
      params: { reason: 'basic-programme-needed' },
    });
  }
}

/** An indicator (KPI): a declarative measure with a baseline and targets; actuals are computed. */
export const IndicatorSchema = z.object(indicatorShape).strict().superRefine(checkIndicator);
export type Indicator = z.infer<typeof IndicatorSchema>;
export const IndicatorInputSchema = z
  .object({ ...indicatorShape, id: IdSchema.optional() })
  .strict()
  .superRefine(checkIndicator);
export type IndicatorInput = z.input<typeof IndicatorInputSchema>;

const figureShape = {
  id: IdSchema,
  indicator: IdSchema,
  fiscalYear: FiscalYearSchema,
  value: z.number().nonnegative(),
  /** Where the figure comes from (a printed sheet, a spreadsheet). */
  note: text(2_000).optional(),
  recordedFrom: z.literal('manual').default('manual'),
};

/**
 * A manual figure: an indicator's value for a fiscal year from before the organisation used
 * Musubi. It replaces the computed value of that year in the report, which flags it as manual.
 */
export const FigureSchema = z.object(figureShape).strict();
export type Figure = z.infer<typeof FigureSchema>;
export const FigureInputSchema = z.object({ ...figureShape, id: IdSchema.optional() }).strict();
export type FigureInput = z.input<typeof FigureInputSchema>;
