import type { Lang } from '../model/names.js';
import { nameIn } from '../model/names.js';
import type { Entity, Link } from '../model/records.js';
import { linkEnd, linkStart, sortedEvents } from '../model/valid-time.js';
import { earliestDay, latestDay } from '../time/partial-date.js';
import type { NetworkView } from '../views/view.js';

const escapeXml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 cannot hold them
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

/** Node and edge attributes written to GEXF and GraphML (declared in the file's header). */
const nodeAttributes = ['kind', 'country', 'name_ja', 'name_en', 'since', 'until'] as const;
const edgeAttributes = ['kind', 'start', 'end', 'events'] as const;

function nodeValues(e: ReturnType<NetworkView['entities']>[number]): Record<string, string> {
  return {
    kind: e.kind,
    country: e.country ?? '',
    name_ja: e.name.ja ?? '',
    name_en: e.name.en ?? '',
    since: e.since ?? '',
    until: e.until ?? '',
  };
}

/** A period in valid time, as whole days (`YYYY-MM-DD`); a missing side is open. */
export interface Spell {
  readonly start?: string;
  readonly end?: string;
}

const opening = new Set(['signed', 'revised', 'renewed']);

/**
 * The periods a link was in force, by the same rules as `asOf`: a signed, revised or renewed event
 * opens a period from the first day of its date, a suspended or ended event closes it on the last
 * day of its date. A link with no events is timeless (no spell); one whose only events close it was
 * in force before them (a spell without start).
 *
 * @example
 * linkSpells(mou) // [{ start: '2013-11-01', end: '2015-12-31' }, { start: '2016-01-01' }]
 */
export function linkSpells(link: Link): Spell[] {
  if (link.events.length === 0) return [];
  const spells: Spell[] = [];
  let open: Spell | undefined = link.events.some((e) => opening.has(e.type)) ? undefined : {};
  for (const event of sortedEvents(link.events)) {
    if (opening.has(event.type)) open ??= { start: earliestDay(event.date) };
    else if (open) {
      spells.push({ ...open, end: latestDay(event.date) });
      open = undefined;
    }
  }
  if (open) spells.push(open);
  return spells;
}

/** An entity's period from its `since` and `until`, if either is known. */
function entitySpell(entity: Entity): Spell | undefined {
  if (entity.since === undefined && entity.until === undefined) return undefined;
  return {
    ...(entity.since === undefined ? {} : { start: earliestDay(entity.since) }),
    ...(entity.until === undefined ? {} : { end: latestDay(entity.until) }),
  };
}

const spellAttributes = (spell: Spell) =>
  `${spell.start ? ` start="${spell.start}"` : ''}${spell.end ? ` end="${spell.end}"` : ''}`;

/**
 * Writes the network as GEXF 1.3 for Gephi: labels in `lang`, kinds, countries and both names as
 * declared attributes (`<attributes class="node|edge">`, typed `string`), and valid time as GEXF
 * dynamics (`mode="dynamic"`, `timeformat="date"`): each link's periods in force (see
 * {@link linkSpells}) as its `start`/`end`, or as `<spells>` when it was suspended and renewed, and
 * each entity's `since`/`until`, so that Gephi's timeline plays the network's history.
 */
export function networkToGexf(network: NetworkView, options: { lang?: Lang } = {}): string {
  const lang = options.lang ?? 'ja';
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    '  <meta><creator>Musubi</creator></meta>',
    '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">',
    '    <attributes class="node">',
    ...nodeAttributes.map((a) => `      <attribute id="${a}" title="${a}" type="string"/>`),
    '    </attributes>',
    '    <attributes class="edge">',
    '      <attribute id="kind" title="kind" type="string"/>',
    '      <attribute id="events" title="events" type="string"/>',
    '    </attributes>',
    '    <nodes>',
  ];
  for (const e of network.entities()) {
    const spell = entitySpell(e);
    out.push(
      `      <node id="${escapeXml(e.id)}" label="${escapeXml(nameIn(e.name, lang))}"${spell ? spellAttributes(spell) : ''}>`,
      '        <attvalues>',
    );
    for (const [key, value] of Object.entries(nodeValues(e))) {
      if (value !== '') out.push(`          <attvalue for="${key}" value="${escapeXml(value)}"/>`);
    }
    out.push('        </attvalues>', '      </node>');
  }
  out.push('    </nodes>', '    <edges>');
  for (const l of network.links()) {
    const spells = linkSpells(l);
    const single = spells.length === 1 && spells[0] ? spellAttributes(spells[0]) : '';
    const label = l.title ? ` label="${escapeXml(nameIn(l.title, lang))}"` : '';
    out.push(
      `      <edge id="${escapeXml(l.id)}" source="${escapeXml(l.source)}" target="${escapeXml(l.target)}"${label}${single}>`,
      `        <attvalues><attvalue for="kind" value="${escapeXml(l.kind)}"/><attvalue for="events" value="${escapeXml(linkEventsText(l))}"/></attvalues>`,
    );
    if (spells.length > 1) {
      out.push('        <spells>');
      for (const spell of spells) out.push(`          <spell${spellAttributes(spell)}/>`);
      out.push('        </spells>');
    }
    out.push('      </edge>');
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}

/** Writes the network as GraphML with declared keys (kind, country, names, label, start, end). */
export function networkToGraphml(network: NetworkView, options: { lang?: Lang } = {}): string {
  const lang = options.lang ?? 'ja';
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    ...nodeAttributes.map((a) => `  <key id="${a}" for="node" attr.name="${a}" attr.type="string"/>`),
    ...edgeAttributes.map((a) => `  <key id="e_${a}" for="edge" attr.name="${a}" attr.type="string"/>`),
    '  <graph id="musubi" edgedefault="directed">',
  ];
  for (const e of network.entities()) {
    out.push(
      `    <node id="${escapeXml(e.id)}">`,
      `      <data key="label">${escapeXml(nameIn(e.name, lang))}</data>`,
    );
    for (const [key, value] of Object.entries(nodeValues(e))) {
      if (value !== '') out.push(`      <data key="${key}">${escapeXml(value)}</data>`);
    }
    out.push('    </node>');
  }
  for (const l of network.links()) {
    out.push(
      `    <edge id="${escapeXml(l.id)}" source="${escapeXml(l.source)}" target="${escapeXml(l.target)}">`,
    );
    const values = {
      kind: l.kind,
      start: linkStart(l) ?? '',
      end: linkEnd(l) ?? '',
      events: linkEventsText(l),
    };
    for (const [key, value] of Object.entries(values)) {
      if (value !== '') out.push(`      <data key="e_${key}">${escapeXml(value)}</data>`);
    }
    out.push('    </edge>');
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

/**
 * A link's events as one attribute, `signed:1973-09;revised:1990`, so that a GEXF or GraphML
 * file carries the whole history back to Musubi (event notes stay in JSON).
 */
export function linkEventsText(link: Link): string {
  return link.events.map((e) => `${e.type}:${e.date}`).join(';');
}

export type { GraphImportOptions, GraphImportReport } from './graph-import.js';
export { importGraphFile } from './graph-import.js';
