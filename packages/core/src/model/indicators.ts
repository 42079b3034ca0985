import * as z from 'zod/mini';
// zod's English messages, as zod's classic API sets them
import './zod-english.js';
import { FiscalYearKeySchema, FiscalYearSchema } from '../time/fiscal-year.js';
import { CountryCodeSchema, countryGroups } from './countries.js';
import { IdSchema } from './ids.js';
import { engagementTypes, entityKinds, participantRoles } from './kinds.js';
import { BilingualNameSchema, text } from './names.js';
import { TagSchema } from './records.js';

/** A basic programme (基本事業): the 施策 number plus a two-digit serial, e.g. `33101 国際交流の推進`. */
export const BasicProgrammeSchema = z.strictObject({
  code: z.string().check(
    z.refine((s: string) => /^\d{5}$/.test(s), {
      message: 'a basic programme code is five digits, e.g. 33101',
      params: { reason: 'basic-programme-code' },
    }),
  ),
  name: BilingualNameSchema,
});
export type BasicProgramme = z.infer<typeof BasicProgrammeSchema>;

/** Amounts per fiscal year, keyed by the year ('2019'). */
const perFiscalYear = (value: z.ZodMiniNumber) => z._default(z.record(FiscalYearKeySchema, value), {});

const programmeShape = {
  id: IdSchema,
  name: BilingualNameSchema,
  basicProgramme: BasicProgrammeSchema,
  /** Budget (予算額) per fiscal year in thousand yen; a missing year has no budget (`-`). */
  budgets: perFiscalYear(z.number().check(z.int(), z.nonnegative())),
  /** The programme's summary (事業概要). */
  summary: z.optional(BilingualNameSchema),
  tags: z._default(z.array(TagSchema).check(z.maxLength(50)), []),
  notes: z.optional(text(20_000)),
};

/** A programme (主な事業): a budgeted project under a basic programme. */
export const ProgrammeSchema = z.strictObject(programmeShape);
export type Programme = z.infer<typeof ProgrammeSchema>;
export const ProgrammeInputSchema = z.strictObject({ ...programmeShape, id: z.optional(IdSchema) });
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
/** A list of at least one item. */
const some = <T extends z.core.SomeType>(item: T) => z.optional(z.array(item).check(z.minLength(1)));

export const MeasureFilterSchema = z.strictObject({
  engagementTypes: some(z.enum(engagementTypes)),
  /** Kinds of participant: counted entities for `distinct-entities`; at least one such participant otherwise. */
  entityKinds: some(z.enum(entityKinds)),
  countries: some(CountryCodeSchema),
  countryGroup: z.optional(z.enum(Object.keys(countryGroups) as [keyof typeof countryGroups])),
  programmes: some(IdSchema),
  /** The engagement carries at least one of these tags. */
  tags: some(TagSchema),
  participantRole: some(z.enum(participantRoles)),
  /**
   * Count an entity only in the fiscal year of its first qualifying engagement ever ("newly going
   * international"); only for `distinct-entities`.
   */
  firstTimeOnly: z.optional(z.boolean()),
});
export type MeasureFilter = z.infer<typeof MeasureFilterSchema>;

export const MeasureSchema = z
  .strictObject({
    /** `cumulative` (累計): the running total from `since`; `per-year`: each fiscal year alone. */
    aggregate: z.enum(['cumulative', 'per-year']),
    /** The first fiscal year a cumulative total counts. Without it, from the first record. */
    since: z.optional(FiscalYearSchema),
    count: z.enum(['engagements', 'distinct-entities']),
    filter: z._default(MeasureFilterSchema, {}),
  })
  .check(
    z.superRefine((m, ctx) => {
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
    }),
  );
export type Measure = z.infer<typeof MeasureSchema>;

const indicatorShape = {
  id: IdSchema,
  name: BilingualNameSchema,
  /** What the indicator counts and why (目標項目の説明). */
  description: z.optional(BilingualNameSchema),
  unit: z.enum(indicatorUnits),
  kind: z.enum(indicatorKinds),
  /** The basic programme code (33101) an activity indicator belongs to. */
  basicProgramme: z.optional(
    z.string().check(
      z.refine((s: string) => /^\d{5}$/.test(s), {
        message: 'a basic programme code is five digits',
        params: { reason: 'basic-programme-code' },
      }),
    ),
  ),
  measure: MeasureSchema,
  /** 現状値: the reference year, and its value where known. */
  baseline: z.optional(
    z.strictObject({ fiscalYear: FiscalYearSchema, value: z.optional(z.number().check(z.nonnegative())) }),
  ),
  /** 目標値 per fiscal year. */
  targets: perFiscalYear(z.number().check(z.nonnegative())),
  tags: z._default(z.array(TagSchema).check(z.maxLength(50)), []),
  notes: z.optional(text(20_000)),
};

function checkIndicator(
  i: { kind: string; basicProgramme?: string | undefined },
  ctx: z.core.$RefinementCtx,
) {
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
export const IndicatorSchema = z.strictObject(indicatorShape).check(z.superRefine(checkIndicator));
export type Indicator = z.infer<typeof IndicatorSchema>;
export const IndicatorInputSchema = z
  .strictObject({ ...indicatorShape, id: z.optional(IdSchema) })
  .check(z.superRefine(checkIndicator));
export type IndicatorInput = z.input<typeof IndicatorInputSchema>;

const figureShape = {
  id: IdSchema,
  indicator: IdSchema,
  fiscalYear: FiscalYearSchema,
  value: z.number().check(z.nonnegative()),
  /** Where the figure comes from (a printed sheet, a spreadsheet). */
  note: z.optional(text(2_000)),
  recordedFrom: z._default(z.literal('manual'), 'manual'),
};

/**
 * A manual figure: an indicator's value for a fiscal year from before the organisation used
 * Musubi. It replaces the computed value of that year in the report, which flags it as manual.
 */
export const FigureSchema = z.strictObject(figureShape);
export type Figure = z.infer<typeof FigureSchema>;
export const FigureInputSchema = z.strictObject({ ...figureShape, id: z.optional(IdSchema) });
export type FigureInput = z.input<typeof FigureInputSchema>;
