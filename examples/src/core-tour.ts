/**
 * A tour of @musubi/core, written as a program outside the package would be: it builds the core of
 * Mie Prefecture's partner network, asks how the network stood on 2017-01-01 and what happened to
 * the prefecture over time, then undoes a mistaken record.
 *
 * Run it from the repository root:
 *   pnpm --filter @musubi/core build && node --import tsx examples/src/core-tour.ts
 *
 * Public facts come from docs/example-facts.md (sources in each record's notes). The embassy's
 * ambassadors, their dates and the courtesy visit are illustrative: tagged `illustrative`, and their
 * notes say so.
 */
import { pathToFileURL } from 'node:url';
import {
  changeLabelIn,
  countryName,
  createNetwork,
  type Entity,
  type Network,
  type NetworkView,
  nameIn,
  type TimelineItem,
} from '@musubi/core';

const ILLUSTRATIVE = '例示（架空）の記録です。/ Illustrative record, not a public fact.';

/** Builds the prefecture's core network: Mie, a sister region, the Thailand BOI, an embassy and its ambassadors. */
export function buildCoreNetwork(): Network {
  const network = createNetwork({ author: 'international-affairs' });

  network.addEntity({
    id: 'mie',
    kind: 'self',
    name: { ja: '三重県', en: 'Mie Prefecture' },
    country: 'JP',
    coordinates: { lat: 34.73, lng: 136.51 },
  });
  network.addEntity({
    id: 'sao-paulo',
    kind: 'region',
    name: { ja: 'サンパウロ州', en: 'São Paulo State' },
    country: 'BR',
  });
  network.addLink({
    id: 'mie-sao-paulo',
    kind: 'sister',
    source: 'mie',
    target: 'sao-paulo',
    title: { ja: '姉妹提携', en: 'Sister affiliation' },
    events: [{ type: 'signed', date: '1973-11-07' }],
    notes: 'Source: CLAIR sister-city database (detail 1001).',
  });

  network.addEntity({
    id: 'thai-boi',
    kind: 'government',
    name: { ja: 'タイ投資委員会', en: 'Thailand Board of Investment' },
    aliases: ['BOI'],
    country: 'TH',
  });
  network.addLink({
    id: 'mie-boi-mou',
    kind: 'mou',
    source: 'mie',
    target: 'thai-boi',
    title: { ja: '産業連携に関する覚書', en: 'MOU on industrial cooperation' },
    events: [{ type: 'signed', date: '2013-11' }],
    notes: 'Sources: prefecture topics 2015; Ise Shimbun 2018-07-11.',
  });
  // revised later: the history grows by events, the first signing stays
  network.addLinkEvent('mie-boi-mou', {
    type: 'revised',
    date: '2018-07',
    note: "Food processing and electronics added, signed during the Thai Deputy Prime Minister's visit.",
  });

  network.addEntity({
    id: 'thai-embassy',
    kind: 'mission',
    name: { ja: '駐日タイ王国大使館', en: 'Royal Thai Embassy in Japan' },
    country: 'TH',
  });
  appointAmbassador(
    network,
    'ambassador-a',
    { ja: '大使A（例示）', en: 'Ambassador A (illustrative)' },
    '2016-10',
  );
  network.addLinkEvent('role-ambassador-a', { type: 'ended', date: '2019-03' });
  appointAmbassador(
    network,
    'ambassador-b',
    { ja: '大使B（例示）', en: 'Ambassador B (illustrative)' },
    '2019-04',
  );

  return network;
}

/** A new ambassador and their post, recorded as one change. */
function appointAmbassador(
  network: Network,
  id: string,
  name: { ja: string; en: string },
  from: string,
): void {
  network.transaction(
    () => {
      network.addEntity({ id, kind: 'person', name, tags: ['illustrative'], notes: ILLUSTRATIVE });
      network.addLink({
        id: `role-${id}`,
        kind: 'role',
        source: id,
        target: 'thai-embassy',
        title: { ja: '特命全権大使', en: 'Ambassador Extraordinary and Plenipotentiary' },
        events: [{ type: 'signed', date: from }],
        tags: ['illustrative'],
        notes: ILLUSTRATIVE,
      });
    },
    { label: { ja: '大使の着任', en: 'New ambassador' } },
  );
}

/** Records the new ambassador's courtesy visit to the prefecture (illustrative). */
export function recordCourtesyVisit(network: Network) {
  return network.recordEngagement({
    id: 'visit-2019-06',
    type: 'courtesy-visit',
    title: { ja: '駐日タイ大使 表敬訪問', en: "Thai Ambassador's courtesy visit" },
    date: '2019-06-10',
    participants: [
      { entity: 'ambassador-b', role: 'visitor' },
      { entity: 'thai-embassy', role: 'visitor' },
      { entity: 'mie', role: 'host' },
    ],
    followUps: [{ text: 'お礼状を送る / Send a letter of thanks', due: '2019-06-20' }],
    tags: ['illustrative'],
    notes: ILLUSTRATIVE,
  });
}

const both = (view: NetworkView, id: string): string => {
  const entity = view.entity(id);
  return entity ? `${nameIn(entity.name, 'ja')} / ${nameIn(entity.name, 'en')}` : id;
};

const where = (entity: Entity): string =>
  entity.country === undefined
    ? ''
    : ` (${countryName(entity.country, 'ja')} / ${countryName(entity.country, 'en')})`;

function describeItem(view: NetworkView, item: TimelineItem): string {
  switch (item.kind) {
    case 'link-event': {
      const title = item.link.title
        ? `${item.link.title.ja ?? ''} / ${item.link.title.en ?? ''}`
        : item.link.kind;
      return `${item.date}  ${title} — ${item.event.type} — ${both(view, item.other)}`;
    }
    case 'engagement':
      return `${item.date}  ${item.engagement.title.ja ?? ''} / ${item.engagement.title.en ?? ''}`;
    case 'entity':
      return `${item.date}  ${item.event}`;
  }
}

/** What the tour finds out, as data (for tests and other programs) and as lines to print. */
export interface TourAnswers {
  /** On 2017-01-01: the entities, the ties in force with their events then, the ambassador in post. */
  readonly asOf2017: {
    readonly entities: string[];
    readonly links: { id: string; events: string[] }[];
    readonly ambassadors: string[];
    readonly engagements: number;
  };
  /** The line of ambassadors of the embassy (person, from, to). */
  readonly ambassadors: { person: string; from: string | undefined; to: string | undefined }[];
  /** Mie's timeline with the visit, and after the visit was undone. */
  readonly timeline: string[];
  readonly timelineAfterUndo: string[];
  /** What `search('ＢＯＩ')` finds (full-width query). */
  readonly search: string[];
  /** The operation that undo took back. */
  readonly undone: string | undefined;
  /** The operations (or labels) of the change log, oldest first. */
  readonly log: string[];
  readonly lines: string[];
}

/** Runs the tour and returns its answers. */
export function tour(): TourAnswers {
  const network = buildCoreNetwork();
  recordCourtesyVisit(network);
  const lines: string[] = [];
  const say = (line = '') => lines.push(line);

  say('== 三重県のパートナーネットワーク / Mie Prefecture partner network ==');
  for (const entity of network.entities()) say(`  ${both(network, entity.id)}${where(entity)}`);

  const then = network.asOf('2017-01-01');
  say();
  say('== 2017年1月1日時点 / As of 2017-01-01 ==');
  for (const link of then.links()) {
    const events = link.events.map((e) => `${e.type} ${e.date}`).join(', ');
    say(`  ${both(then, link.source)} → ${both(then, link.target)}: ${link.kind} (${events})`);
  }
  const inPost2017 = then.roles('thai-embassy').map((r) => r.person);
  say(`  在任中の大使 / Ambassador in post: ${inPost2017.map((id) => both(then, id)).join(', ')}`);
  say(`  来訪記録 / Engagements recorded by then: ${then.engagements().length}`);

  say();
  say('== 歴代大使 / Line of ambassadors ==');
  const ambassadors = network
    .roles('thai-embassy')
    .map((r) => ({ person: r.person, from: r.from, to: r.to }));
  for (const r of ambassadors)
    say(`  ${both(network, r.person)}: ${r.from ?? '?'} – ${r.to ?? '在任中 / in post'}`);

  const timeline = network.timeline('mie').map((item) => describeItem(network, item));
  say();
  say('== 三重県の年表 / Timeline of Mie Prefecture ==');
  for (const line of timeline) say(`  ${line}`);

  const found = network.search('ＢＯＩ').map((e) => both(network, e.id));
  say();
  say(`== 検索「ＢＯＩ」 / Search "ＢＯＩ" == ${found.join(', ')}`);

  // the visit was recorded by mistake: undo appends its inverse; the log keeps both
  const undone = network.undo();
  const what = network.log().find((c) => c.id === undone?.undoes);
  const timelineAfterUndo = network.timeline('mie').map((item) => describeItem(network, item));
  say();
  say(`== 取り消し / Undo: ${what?.operation ?? '-'} ==`);
  for (const line of timelineAfterUndo) say(`  ${line}`);
  say(`  やり直しできるか / Can the visit be redone: ${network.canRedo() ? 'はい / yes' : 'いいえ / no'}`);

  const log = network
    .log()
    .map((c) =>
      c.label === undefined
        ? c.operation
        : `${changeLabelIn(c.label, 'ja')} / ${changeLabelIn(c.label, 'en')}`,
    );
  say();
  say(`== 変更ログ / Change log (${log.length}) ==`);
  say(`  ${log.join(' → ')}`);

  return {
    asOf2017: {
      entities: then.entities().map((e) => e.id),
      links: then.links().map((l) => ({ id: l.id, events: l.events.map((e) => `${e.type} ${e.date}`) })),
      ambassadors: inPost2017,
      engagements: then.engagements().length,
    },
    ambassadors,
    timeline,
    timelineAfterUndo,
    search: network.search('ＢＯＩ').map((e) => e.id),
    undone: what?.operation,
    log,
    lines,
  };
}

/** Prints the tour. */
export function main(): void {
  for (const line of tour().lines) console.log(line);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
