/**
 * @musubi/core/words — the Japanese and English words for Musubi's codes (kinds, events, roles,
 * units, the policy sheet's headings, import issues), for a UI or a report that shows them.
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
