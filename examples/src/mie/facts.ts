/**
 * The public facts of the prefecture's network: the prefecture, its sister and friendship regions,
 * its agreements, the support bodies and places of the seed document. Each record cites its source
 * (docs/example-facts.md and the FY2019 policy sheet) in its notes. Coordinates are
 * approximate (the partner's capital or seat), for the map.
 */
import type { Network } from '@musubi/core';
import { addBodiesAndPlaces } from './bodies.js';

/** Adds the prefecture and the public-fact partners, agreements, bodies and places. */
export function addPublicFacts(network: Network): void {
  network.addEntity({
    id: 'mie',
    kind: 'self',
    name: { ja: '三重県', en: 'Mie Prefecture' },
    country: 'JP',
    coordinates: { lat: 34.7303, lng: 136.5086 },
    notes:
      'The organisation that owns this network. Source: Mie Prefecture FY2019 policy sheet (施策331, 平成31年度). Coordinates: the prefectural office in Tsu.',
  });

  const regions = [
    [
      'sao-paulo',
      'region',
      'サンパウロ州',
      'São Paulo State',
      'BR',
      -23.55,
      -46.63,
      'sister',
      '1973-11-07',
      'CLAIR sister-city database (detail 1001)',
    ],
    [
      'henan',
      'region',
      '河南省',
      'Henan Province',
      'CN',
      34.75,
      113.62,
      'friendship',
      '1986-11-19',
      'CLAIR (detail 999)',
    ],
    [
      'valencia',
      'region',
      'バレンシア州',
      'Valencian Community',
      'ES',
      39.47,
      -0.38,
      'sister',
      '1992-11-02',
      'CLAIR (detail 1000); prefecture website',
    ],
    [
      'palau',
      'government',
      'パラオ共和国',
      'Republic of Palau',
      'PW',
      7.5,
      134.62,
      'friendship',
      '1996-07-25',
      'CLAIR (detail 1002)',
    ],
    [
      'tjpo',
      'government',
      '台日産業連携推進オフィス',
      'Taiwan–Japan Industrial Collaboration Promotion Office (TJPO)',
      'TW',
      25.03,
      121.56,
      'mou',
      '2012-07-13',
      'Mie University news 2013-11; prefecture topics',
    ],
    [
      'new-taipei',
      'region',
      '新北市',
      'New Taipei City',
      'TW',
      25.01,
      121.46,
      'agreement',
      '2013-10-21',
      'prefecture topics 2013 (tourism agreement)',
    ],
    [
      'kaohsiung',
      'region',
      '高雄市',
      'Kaohsiung City',
      'TW',
      22.63,
      120.3,
      'mou',
      '2016-01',
      'Taiwanese press 2017-02',
    ],
    [
      'taichung',
      'region',
      '台中市',
      'Taichung City',
      'TW',
      24.15,
      120.67,
      'mou',
      '2017-02-10',
      'prefecture topics (international exchange MOU)',
    ],
    [
      'thai-boi',
      'government',
      'タイ投資委員会',
      'Thailand Board of Investment (BOI)',
      'TH',
      13.75,
      100.53,
      'mou',
      '2013-11',
      'prefecture topics 2015; Ise Shimbun 2018-07-11; seed',
    ],
    [
      'thai-dip',
      'government',
      'タイ工業省産業振興局',
      'Thai Ministry of Industry, Department of Industrial Promotion (DIP)',
      'TH',
      13.76,
      100.53,
      'mou',
      '2015-11-19',
      'prefecture topics 2015',
    ],
    [
      'washington',
      'region',
      'ワシントン州',
      'Washington State',
      'US',
      47.04,
      -122.9,
      'mou',
      '2014',
      'Consulate-General of Japan in Seattle',
    ],
    [
      'san-antonio',
      'region',
      'サンアントニオ市',
      'City of San Antonio, Texas',
      'US',
      29.42,
      -98.49,
      'agreement',
      '2014',
      'prefecture topics (letter of intent on industry)',
    ],
    [
      'karnataka',
      'region',
      'カルナタカ州',
      'Karnataka State',
      'IN',
      12.97,
      77.59,
      'mou',
      '2014',
      'regional press 2018-03',
    ],
    [
      'basque',
      'region',
      'バスク州',
      'Basque Country',
      'ES',
      42.85,
      -2.67,
      'mou',
      '2018-10-24',
      'prefecture topics (industrial MOU)',
    ],
  ] as const;
  for (const [id, kind, ja, en, country, lat, lng, linkKind, date, source] of regions) {
    network.addEntity({
      id,
      kind,
      name: { ja, en },
      country,
      coordinates: { lat, lng },
      notes: `Source: ${source}.`,
    });
    network.addLink({
      id: `mie-${id}`,
      kind: linkKind,
      source: 'mie',
      target: id,
      events: [{ type: 'signed', date }],
      notes: `Source: ${source}.`,
    });
  }
  network.addLinkEvent('mie-sao-paulo', {
    type: 'revised',
    date: '2023-08',
    note: '50th-anniversary MOU (Ise Shimbun 2023-08-24).',
  });
  network.addLinkEvent('mie-thai-boi', {
    type: 'revised',
    date: '2018-07',
    note: "Food processing and electronics added; signed during the Thai Deputy Prime Minister's visit, 18–19 July 2018.",
  });
  network.addLinkEvent('mie-karnataka', { type: 'renewed', date: '2018-03-06' });

  addBodiesAndPlaces(network);
}
