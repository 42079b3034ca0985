/**
 * Illustrative records: embassies and their (generic) ambassadors, municipalities, local bodies,
 * companies and the engagements of FY2012–FY2019. None of these engagements is a public fact;
 * every such record carries the tag `illustrative` and says so in its notes. Their number is
 * chosen so that the computed report reproduces the actuals printed in the seed for the two
 * activity indicators (33101: 3 in FY2016, 6 in FY2017; 33102: 15 in FY2016, 35 in FY2017).
 */
import type { EngagementInput, Network } from '@musubi/core';

export const ILLUSTRATIVE_NOTE = '例示（架空）の記録です。/ Illustrative record, not a public fact.';
const tags = ['illustrative'];
const letters = 'ABCDEFGHIJKL';

/** The municipality or local body letter → its kind and the fiscal years it took part in international work. */
const localActors: Record<string, { kind: 'municipality' | 'organization'; years: number[] }> = {
  A: { kind: 'municipality', years: [2013, 2016] },
  B: { kind: 'municipality', years: [2014] },
  C: { kind: 'municipality', years: [2016, 2017] },
  D: { kind: 'municipality', years: [2016] },
  E: { kind: 'organization', years: [2016] },
  F: { kind: 'municipality', years: [2017] },
  G: { kind: 'organization', years: [2017] },
  H: { kind: 'organization', years: [2017] },
  I: { kind: 'municipality', years: [2018] },
  J: { kind: 'municipality', years: [2018] },
  K: { kind: 'organization', years: [2018] },
  L: { kind: 'municipality', years: [2019] },
};

/** Which fiscal years each illustrative company (1–58) was supported in. */
function companyYears(n: number): number[] {
  if (n <= 3) return [2014, 2016];
  if (n <= 5) return [2013];
  if (n <= 10) return [2016, 2017];
  if (n <= 17) return [2016];
  if (n <= 37) return [2017];
  if (n <= 50) return [2018];
  return [2019];
}
export const ILLUSTRATIVE_COMPANIES = 58;

/** The overseas partner that hosts the fiscal year's k-th joint initiative (only partners already tied to Mie). */
function partnerFor(fy: number, k: number): string {
  const pool =
    fy < 2013
      ? ['tjpo', 'sao-paulo']
      : fy < 2016
        ? ['thai-boi', 'tjpo', 'new-taipei', 'thai-dip']
        : fy < 2018
          ? ['thai-boi', 'thai-dip', 'kaohsiung', 'taichung', 'karnataka']
          : ['thai-boi', 'thai-dip', 'basque', 'taichung', 'washington'];
  return pool[k % pool.length] ?? 'thai-boi';
}

/** A day in the fiscal year: the k-th slot, spread from May to February. */
function dayIn(fy: number, k: number): string {
  const months = [5, 6, 7, 9, 10, 11, 1, 2];
  const month = months[k % months.length] ?? 5;
  const year = month < 4 ? fy + 1 : fy;
  const day = 5 + ((k * 7) % 20);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addActors(network: Network): void {
  for (const letter of letters) {
    const actor = localActors[letter];
    if (!actor) continue;
    const i = letters.indexOf(letter);
    const municipal = actor.kind === 'municipality';
    network.addEntity({
      id: `local-${letter.toLowerCase()}`,
      kind: actor.kind,
      name: municipal
        ? { ja: `例示市町${letter}`, en: `Illustrative Town ${letter}` }
        : { ja: `例示団体${letter}`, en: `Illustrative Association ${letter}` },
      country: 'JP',
      coordinates: { lat: 34.3 + (i % 6) * 0.14, lng: 136.2 + Math.floor(i / 6) * 0.3 + (i % 3) * 0.05 },
      tags,
      notes: ILLUSTRATIVE_NOTE,
    });
  }
  for (let n = 1; n <= ILLUSTRATIVE_COMPANIES; n++) {
    const code = String(n).padStart(2, '0');
    network.addEntity({
      id: `company-${code}`,
      kind: 'company',
      name: { ja: `例示株式会社${code}`, en: `Illustrative Co. ${code}` },
      country: 'JP',
      coordinates: { lat: 34.35 + ((n * 37) % 80) / 100, lng: 136.15 + ((n * 53) % 70) / 100 },
      tags,
      notes: ILLUSTRATIVE_NOTE,
    });
  }
}

function addEmbassies(network: Network): void {
  const missions = [
    ['thai-embassy', '駐日タイ王国大使館', 'Royal Thai Embassy in Japan', 'TH', 35.628, 139.722],
    ['spain-embassy', '駐日スペイン大使館', 'Embassy of Spain in Japan', 'ES', 35.664, 139.737],
    ['india-embassy', '駐日インド大使館', 'Embassy of India in Japan', 'IN', 35.693, 139.744],
    [
      'brazil-consulate',
      '在名古屋ブラジル総領事館',
      'Consulate-General of Brazil in Nagoya',
      'BR',
      35.17,
      136.9,
    ],
  ] as const;
  for (const [id, ja, en, country, lat, lng] of missions) {
    network.addEntity({
      id,
      kind: 'mission',
      name: { ja, en },
      country,
      coordinates: { lat, lng },
      tags,
      notes: `${ILLUSTRATIVE_NOTE} The mission exists; its relation with Mie and the visits recorded here are illustrative.`,
    });
    network.addLink({
      id: `mie-${id}`,
      kind: 'partner',
      source: 'mie',
      target: id,
      tags,
      notes: ILLUSTRATIVE_NOTE,
    });
  }
  const people = [
    ['ambassador-a', '大使A（例示）', 'Ambassador A (illustrative)', 'thai-embassy', '2014-10', '2018-09'],
    ['ambassador-b', '大使B（例示）', 'Ambassador B (illustrative)', 'thai-embassy', '2018-10', undefined],
    [
      'consul-c',
      '総領事C（例示）',
      'Consul General C (illustrative)',
      'brazil-consulate',
      '2016-04',
      undefined,
    ],
    // the Governor receives courtesy calls: the post is real, its holder here is not
    ['governor', '知事（例示）', 'Governor (illustrative)', 'mie', '2011-04', undefined],
  ] as const;
  const titles = {
    'brazil-consulate': { ja: '総領事', en: 'Consul General' },
    'thai-embassy': { ja: '特命全権大使', en: 'Ambassador' },
    mie: { ja: '知事', en: 'Governor' },
  };
  for (const [id, ja, en, at, from, to] of people) {
    network.addEntity({ id, kind: 'person', name: { ja, en }, tags, notes: ILLUSTRATIVE_NOTE });
    network.addLink({
      id: `${id}-role`,
      kind: 'role',
      source: id,
      target: at,
      title: titles[at],
      events: [{ type: 'signed', date: from }, ...(to ? [{ type: 'ended' as const, date: to }] : [])],
      tags,
      notes: ILLUSTRATIVE_NOTE,
    });
  }
}

function visits(): EngagementInput[] {
  const visit = (date: string, who: string, at: string, en: string, ja: string): EngagementInput => ({
    type: 'courtesy-visit',
    title: { ja, en },
    date,
    participants: [
      { entity: 'mie', role: 'host' },
      // an ambassador's or a consul general's courtesy call is received by the Governor
      { entity: 'governor', role: 'host' },
      { entity: who, role: 'visitor' },
      { entity: at, role: 'visitor' },
    ],
    tags,
    notes: ILLUSTRATIVE_NOTE,
  });
  return [
    visit(
      '2015-08-20',
      'ambassador-a',
      'thai-embassy',
      'Courtesy visit of the Thai Ambassador',
      'タイ大使の表敬訪問',
    ),
    visit(
      '2017-06-14',
      'consul-c',
      'brazil-consulate',
      'Courtesy visit of the Brazilian Consul General',
      'ブラジル総領事の表敬訪問',
    ),
    visit(
      '2018-12-05',
      'ambassador-b',
      'thai-embassy',
      'Courtesy visit of the new Thai Ambassador',
      '新任タイ大使の表敬訪問',
    ),
  ];
}

/** The fiscal year's engagements: missions with local actors, business meetings with companies. */
function engagementsOf(fy: number): EngagementInput[] {
  const out: EngagementInput[] = [];
  const programme = (id: string) => (fy >= 2018 ? { programme: id } : {});
  const actors = Object.entries(localActors)
    .filter(([, a]) => a.years.includes(fy))
    .map(([l]) => `local-${l.toLowerCase()}`);
  if (actors.length > 0) {
    out.push({
      type: 'mission-sent',
      title: { ja: `海外ミッション団の派遣（${fy}年度）`, en: `Mission abroad (FY${fy})` },
      date: dayIn(fy, 1),
      participants: [
        { entity: 'mie', role: 'organizer' },
        { entity: partnerFor(fy, 0), role: 'host' },
        ...actors.map((entity) => ({ entity, role: 'participant' as const })),
      ],
      ...programme('prg-network'),
      tags,
      notes: ILLUSTRATIVE_NOTE,
    });
  }
  const companies: string[] = [];
  for (let n = 1; n <= ILLUSTRATIVE_COMPANIES; n++) {
    if (companyYears(n).includes(fy)) companies.push(`company-${String(n).padStart(2, '0')}`);
  }
  for (let k = 0; k * 5 < companies.length; k++) {
    const group = companies.slice(k * 5, k * 5 + 5);
    const type = k % 3 === 2 ? 'exhibition' : 'business-meeting';
    out.push({
      type,
      title:
        type === 'exhibition'
          ? { ja: `海外展示会への出展 ${k + 1}（${fy}年度）`, en: `Trade show abroad ${k + 1} (FY${fy})` }
          : {
              ja: `海外商談会 ${k + 1}（${fy}年度）`,
              en: `Business meeting with overseas buyers ${k + 1} (FY${fy})`,
            },
      date: dayIn(fy, k + 2),
      participants: [
        { entity: 'mie', role: 'organizer' },
        { entity: k % 2 === 0 ? 'jetro' : 'miesc', role: 'organizer' },
        { entity: partnerFor(fy, k + 1), role: 'host' },
        ...group.map((entity) => ({ entity, role: 'participant' as const })),
      ],
      ...programme(fy === 2019 && k === 0 ? 'prg-thai-hr' : 'prg-sme'),
      tags,
      notes: ILLUSTRATIVE_NOTE,
    });
  }
  return out;
}

/** Adds the illustrative entities and engagements, FY2012–FY2019. */
export function addIllustrative(network: Network): void {
  addActors(network);
  addEmbassies(network);
  for (const e of visits()) network.recordEngagement(e);
  for (let fy = 2012; fy <= 2019; fy++) for (const e of engagementsOf(fy)) network.recordEngagement(e);
}
