/**
 * @musubi/core/briefing — a one-page brief on an entity, as staff prepare before a courtesy call:
 * posts, ties and their histories, past engagements, open follow-ups, anniversaries, programmes and
 * indicators (as Markdown: `@musubi/core/markdown`; its words: `@musubi/core/words`).
 */

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
