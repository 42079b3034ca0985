/**
 * @musubi/core/words — the Japanese and English words for Musubi's codes (kinds, events, roles,
 * units, the policy sheet's headings, import issues), for a UI or a report that shows them; and
 * `parseDateInput`, which reads a date as staff type it (`2019/5/1`, `令和元年5月1日`, `R1.5.1`) for a
 * form (moved here from the main entry on 2026-12-02 to keep that within its 60 KB budget).
 */

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
export { policySheetWords } from './indicators/policy-sheet-markdown.js';
export { headerIn, importIssueText, importIssueWords } from './io/import-issues.js';
export { unitNames } from './model/indicators.js';
export type { DateInputErrorCode, DateInputResult } from './time/date-input.js';
export { parseDateInput } from './time/date-input.js';
