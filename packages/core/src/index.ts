/**
 * @musubi/core — a partner network as a typed, event-sourced, bitemporal graph.
 *
 * Every export is named here one by one: this file is the public surface of the package.
 */

// briefing: a one-page brief on an entity
export type {
  Briefing,
  BriefingEngagement,
  BriefingFollowUp,
  BriefingIndicator,
  BriefingOptions,
  BriefingParty,
  BriefingPost,
  BriefingProgramme,
  BriefingTie,
} from './briefing/briefing.js';
export { briefing } from './briefing/briefing.js';
export type { BriefingMarkdownOptions } from './briefing/briefing-markdown.js';
export { briefingToMarkdown } from './briefing/briefing-markdown.js';
export type { BriefingWord } from './briefing/briefing-words.js';
export {
  briefingWord,
  briefingWords,
  engagementTypeWords,
  entityKindWords,
  linkEventWords,
  linkKindWords,
  participantRoleWords,
} from './briefing/briefing-words.js';
export type { ErrorCode, ErrorIssue, ErrorPath, MusubiErrorOptions } from './errors.js';
// errors
export { errorCodes, formatPath, isMusubiError, MusubiError } from './errors.js';
export type { Change, Collection, Effect, Operation, StoredRecord } from './history/change.js';
// history
export { collections, invertEffect, invertEffects, undoStacks } from './history/change.js';
export type { ChangeLabel } from './history/change-label.js';
export { ChangeLabelSchema, changeLabelIn } from './history/change-label.js';
export type { ProposedChange } from './history/proposed-change.js';
// indicators
export type { MeasureRecords } from './indicators/measure.js';
export { evaluateMeasure, measureRecords } from './indicators/measure.js';
export type { MarkdownOptions } from './indicators/policy-sheet-markdown.js';
export { policySheetWords, reportToMarkdown } from './indicators/policy-sheet-markdown.js';
export type { XlsxOptions } from './indicators/policy-sheet-xlsx.js';
export { reportToXlsx } from './indicators/policy-sheet-xlsx.js';
export {
  addIndicator,
  addProgramme,
  figureFor,
  figures,
  indicators,
  programmes,
  recordFigure,
  removeFigure,
  removeIndicator,
  removeProgramme,
  updateIndicator,
  updateProgramme,
} from './indicators/records.js';
export type {
  ActualSource,
  BudgetRow,
  IndicatorRow,
  IndicatorStatus,
  IndicatorYear,
  PolicyReport,
  ProgrammeCost,
  ReportOptions,
} from './indicators/report.js';
export { budgetByFiscalYear, ILLUSTRATIVE_TAG, programmeCosts, report } from './indicators/report.js';
export type {
  BasicProgramme,
  Figure,
  FigureInput,
  Indicator,
  IndicatorInput,
  IndicatorKind,
  IndicatorUnit,
  Measure,
  MeasureFilter,
  Programme,
  ProgrammeInput,
} from './indicators/schemas.js';
export {
  BasicProgrammeSchema,
  FigureInputSchema,
  FigureSchema,
  IndicatorInputSchema,
  IndicatorSchema,
  indicatorKinds,
  indicatorUnits,
  MeasureSchema,
  ProgrammeInputSchema,
  ProgrammeSchema,
  unitNames,
} from './indicators/schemas.js';
export type { CsvImportOptions, CsvImportProgress, CsvImportReport, CsvKind } from './io/csv.js';
export {
  csvKinds,
  importCsv,
  MAX_CELL_CHARS,
  networkToCsv,
  neutraliseCell,
  PROGRESS_EVERY,
} from './io/csv.js';
// interchange (io)
export type { CsvColumn, IgnoredColumn } from './io/csv-columns.js';
export {
  columnLetter,
  engagementColumns,
  entityColumns,
  headerOf,
  LIST_SEPARATOR,
  linkColumns,
} from './io/csv-columns.js';
export type { DateReading } from './io/csv-rows.js';
export type { GraphImportOptions, GraphImportReport, Spell } from './io/graph-files.js';
export { importGraphFile, linkSpells, networkToGexf, networkToGraphml } from './io/graph-files.js';
export type { ImportEncoding } from './io/hostile-input.js';
export {
  decodeImport,
  decodeImportText,
  MAX_IMPORT_BYTES,
  parseImportedJson,
  refuseXmlTricks,
} from './io/hostile-input.js';
export { headerIn, importIssueText, importIssueWords } from './io/import-issues.js';
export type { JsonMigration, MusubiJson } from './io/json.js';
export {
  importJsonInto,
  JSON_FORMAT,
  JSON_FORMAT_VERSION,
  jsonMigrations,
  networkFromJson,
  networkToJson,
  readMusubiJson,
} from './io/json.js';
export type { CountryCode, CountryGroup } from './model/countries.js';
export {
  ASEAN_MEMBERS,
  allCountryCodes,
  CountryCodeSchema,
  countryGroups,
  countryName,
  G7_MEMBERS,
  isCountryCode,
  isInGroup,
} from './model/countries.js';
export type { Id } from './model/ids.js';
export { generateId, IdSchema } from './model/ids.js';
export type { EngagementType, EntityKind, LinkEventType, LinkKind, ParticipantRole } from './model/kinds.js';
// model
export { engagementTypes, entityKinds, linkEventTypes, linkKinds, participantRoles } from './model/kinds.js';
export type { BilingualName, Lang } from './model/names.js';
export { BilingualNameSchema, languages, nameIn } from './model/names.js';
export type {
  Engagement,
  EngagementInput,
  EngagementPatch,
  Entity,
  EntityInput,
  EntityPatch,
  FollowUp,
  Link,
  LinkEvent,
  LinkEventInput,
  LinkInput,
  LinkPatch,
  Participant,
} from './model/records.js';
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
export { issueFromZod, parseOrThrow } from './model/validate.js';
export type { Anniversary, AnniversaryOptions } from './network/anniversaries.js';
export { anniversaryLinkKinds, upcomingAnniversaries } from './network/anniversaries.js';
export type {
  ChangeListener,
  ChangeSink,
  NetworkOptions,
  RemoveOptions,
  TransactionOptions,
} from './network/network.js';
// network
export { createNetwork, Network } from './network/network.js';
export type { Reference } from './network/references.js';
export { referencesOf, registerCollection } from './network/references.js';
export { foldForSearch } from './network/search.js';
export type { NetworkGraph } from './network/state.js';
export { linkEnd, linkStart, linkStatusOn, sortedEvents } from './network/valid-time.js';
export type {
  EngagementFilter,
  EntityFilter,
  LinkFilter,
  NeighborFilter,
  RoleHolding,
  SearchOptions,
  TimelineItem,
} from './network/view.js';
export { NetworkView } from './network/view.js';
// storage
export { IndexedDbStore } from './storage/indexeddb-store.js';
// for implementers of a Store elsewhere (the team server's PostgreSQL store): read a log as the core does
export { decodeSnapshot, LogAssembler, parseLogJson } from './storage/log-codec.js';
export type { MemoryLog } from './storage/memory-store.js';
export { MemoryStore } from './storage/memory-store.js';
export type { OpenNetworkOptions, SaveState, SaveStateListener } from './storage/open-network.js';
export { openNetwork, StoredNetwork } from './storage/open-network.js';
export type { LogRead, NetworkSnapshot, Store, StoreWarning } from './storage/store.js';
export { LOG_FORMAT, LOG_FORMAT_VERSION } from './storage/store.js';
// time: fiscal years and eras
export type { DateInputErrorCode, DateInputResult } from './time/date-input.js';
export { dateFromExcelSerial, parseDateInput } from './time/date-input.js';
export { formatPartialDate } from './time/date-words.js';
export type { EraConvention, FiscalYearFormatOptions, FiscalYearStyle } from './time/era.js';
export { eraOfFiscalYear, formatFiscalYear } from './time/era.js';
export type { FiscalYear } from './time/fiscal-year.js';
export {
  FiscalYearKeySchema,
  FiscalYearSchema,
  fiscalYearOf,
  fiscalYearRange,
  fiscalYearsBetween,
} from './time/fiscal-year.js';
export type { DatePrecision, PartialDate, PartialDateParts } from './time/partial-date.js';
// time
export {
  comparePartialDates,
  earliestDay,
  isPartialDate,
  latestDay,
  PartialDateSchema,
  parsePartialDate,
  precisionOf,
  todayISO,
} from './time/partial-date.js';
