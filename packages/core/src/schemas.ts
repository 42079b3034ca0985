/**
 * @musubi/core/schemas — the zod schemas that the types of the main entry are inferred from, for
 * forms and validators that check input as the core does (the core checks every write with them).
 */

export { ChangeLabelSchema } from './changes/change-label.js';
export { CountryCodeSchema } from './model/countries.js';
export { IdSchema } from './model/ids.js';
export {
  BasicProgrammeSchema,
  FigureInputSchema,
  FigureSchema,
  IndicatorInputSchema,
  IndicatorSchema,
  MeasureSchema,
  ProgrammeInputSchema,
  ProgrammeSchema,
} from './model/indicators.js';
export { BilingualNameSchema } from './model/names.js';
export {
  CoordinatesSchema,
  EngagementInputSchema,
  EngagementPatchSchema,
  EngagementSchema,
  EntityInputSchema,
  EntityPatchSchema,
  EntitySchema,
  FollowUpSchema,
  LinkEventInputSchema,
  LinkEventSchema,
  LinkInputSchema,
  LinkPatchSchema,
  LinkSchema,
  ParticipantSchema,
  TagSchema,
} from './model/records.js';
export { parseOrThrow } from './model/validate.js';
export { FiscalYearKeySchema, FiscalYearSchema } from './time/fiscal-year.js';
export { PartialDateSchema } from './time/partial-date.js';
