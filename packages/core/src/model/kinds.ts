/** Entity kinds (graph nodes). See DESIGN.md, "Domain model". */
export const entityKinds = [
  'self',
  'region',
  'government',
  'mission',
  'organization',
  'municipality',
  'company',
  'facility',
  'person',
] as const;
export type EntityKind = (typeof entityKinds)[number];

/** Link kinds (graph edges). A `role` link goes from a person to the entity where they hold the post. */
export const linkKinds = [
  'sister',
  'friendship',
  'mou',
  'agreement',
  'represents',
  'member-of',
  'role',
  'supports',
  'partner',
] as const;
export type LinkKind = (typeof linkKinds)[number];

/**
 * What can happen to a link over time. For a `role` link, `signed` is taking up the post and
 * `ended` is leaving it.
 */
export const linkEventTypes = ['signed', 'revised', 'renewed', 'suspended', 'ended'] as const;
export type LinkEventType = (typeof linkEventTypes)[number];

/** Kinds of engagement (things that happened). */
export const engagementTypes = [
  'courtesy-visit',
  'mission-sent',
  'mission-received',
  'seminar',
  'business-meeting',
  'exhibition',
  'training',
  'event',
  'signing',
] as const;
export type EngagementType = (typeof engagementTypes)[number];

/** What part an entity or person played in an engagement. */
export const participantRoles = ['host', 'visitor', 'organizer', 'participant'] as const;
export type ParticipantRole = (typeof participantRoles)[number];
