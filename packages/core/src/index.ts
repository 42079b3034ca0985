/**
 * @musubi/core — a partner network as a typed, event-sourced, bitemporal graph.
 *
 * Every export is named here one by one: this file is the public surface of the main entry, what most
 * callers need (a network, its records and queries, time, stores that need nothing but the language).
 * The rest sits behind subpaths, one concern each, so that a page that imports the main entry does not
 * bundle them (the size budget is checked in `tests/node/core-package.test.ts`):
 *
 * - `@musubi/core/indicators`: the policy sheet (programmes, indicators, figures, measures, the report)
 * - `@musubi/core/briefing`: a one-page brief on an entity
 * - `@musubi/core/json`, `/csv`, `/graph-files`, `/xlsx`, `/markdown`: the file formats (papaparse,
 *   xmldom, ExcelJS; Markdown for the report and the briefing)
 * - `@musubi/core/indexeddb`: the browser store; `@musubi/core/node`: the NDJSON file store
 * - `@musubi/core/client`: a replica of a team server's network
 * - `@musubi/core/schemas`: the zod schemas behind the types, for forms and validators
 * - `@musubi/core/words`: the bilingual words for Musubi's codes, for a UI
 * - `@musubi/core/log`: the log's format, for who implements a `Store` elsewhere
 */

// changes
export type { Change, Collection, Effect, Operation, StoredRecord } from './changes/change.js';
export { collections } from './changes/change.js';
export type { ChangeLabel } from './changes/change-label.js';
export { changeLabelIn } from './changes/change-label.js';
export type { ProposedChange } from './changes/proposed-change.js';
// errors
export type { ErrorCode, ErrorIssue, ErrorPath, MusubiErrorOptions } from './errors.js';
export { errorCodes, formatPath, isMusubiError, MusubiError } from './errors.js';
// indexes
export { foldForSearch } from './indexes/search.js';
// interchange: the largest file any importer accepts (the formats are subpaths)
export { MAX_IMPORT_BYTES } from './io/hostile-input.js';
// log
export type { LogRead, NetworkSnapshot, Store, StoreWarning } from './log/store.js';
// model
export type { CountryCode, CountryGroup } from './model/countries.js';
export { allCountryCodes, countryGroups, countryName, isCountryCode, isInGroup } from './model/countries.js';
export type { Id } from './model/ids.js';
export { generateId } from './model/ids.js';
export type { EngagementType, EntityKind, LinkEventType, LinkKind, ParticipantRole } from './model/kinds.js';
export { engagementTypes, entityKinds, linkEventTypes, linkKinds, participantRoles } from './model/kinds.js';
export type { BilingualName, Lang } from './model/names.js';
export { languages, nameIn } from './model/names.js';
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
export { linkEnd, linkStart, linkStatusOn, sortedEvents } from './model/valid-time.js';
export { issueFromZod } from './model/validate.js';
// network
export type {
  ChangeListener,
  ChangeSink,
  NetworkOptions,
  RemoveOptions,
  TransactionOptions,
} from './network/network.js';
export { createNetwork, Network } from './network/network.js';
// projection
export type { NetworkGraph } from './projection/state.js';
// storage (the browser's and Node's stores are subpaths)
export type { MemoryLog } from './storage/memory-store.js';
export { MemoryStore } from './storage/memory-store.js';
export type {
  OpenNetworkOptions,
  ReadStoredLogOptions,
  SaveState,
  SaveStateListener,
  StoredLog,
} from './storage/open-network.js';
export { openNetwork, openStoredLog, readStoredLog, StoredNetwork } from './storage/open-network.js';
// time: partial dates, fiscal years and eras
export { formatPartialDate } from './time/date-words.js';
export type { EraConvention, FiscalYearFormatOptions, FiscalYearStyle } from './time/era.js';
export { eraOfFiscalYear, formatFiscalYear } from './time/era.js';
export type { FiscalYear } from './time/fiscal-year.js';
export { fiscalYearOf, fiscalYearRange, fiscalYearsBetween } from './time/fiscal-year.js';
export type { DatePrecision, PartialDate, PartialDateParts } from './time/partial-date.js';
export {
  comparePartialDates,
  earliestDay,
  isPartialDate,
  latestDay,
  parsePartialDate,
  precisionOf,
  todayISO,
} from './time/partial-date.js';
// views
export type { Anniversary, AnniversaryOptions } from './views/anniversaries.js';
export { upcomingAnniversaries } from './views/anniversaries.js';
export type {
  EngagementFilter,
  EntityFilter,
  LinkFilter,
  NeighborFilter,
  RoleHolding,
  SearchOptions,
  TimelineItem,
} from './views/view.js';
export { NetworkView } from './views/view.js';
