/**
 * @musubi/core/markdown — the policy sheet's report and a partner's briefing as Markdown, in
 * Japanese or English, for a file, a mail or a print (kept out of the main entry: their words and
 * tables are a third of its weight that a page which only explores the network never uses).
 */

export type { BriefingMarkdownOptions } from './briefing/briefing-markdown.js';
export { briefingToMarkdown } from './briefing/briefing-markdown.js';
export type { MarkdownOptions } from './indicators/policy-sheet-markdown.js';
export { reportToMarkdown } from './indicators/policy-sheet-markdown.js';
