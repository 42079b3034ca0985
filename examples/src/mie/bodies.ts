/**
 * The support bodies and places of the seed document (JETRO, the support desk and its members, the
 * promotion council, the innovation centre in Bangkok, Summiel), and the dated signings of the
 * public agreements as engagements. Sources in each record's notes; coordinates approximate.
 */
import type { Network } from '@musubi/core';

const SEED = 'Source: Mie Prefecture FY2019 policy sheet (施策331, 平成31年度).';

/** Adds the bodies, places and signings; the prefecture and its partners must exist already. */
export function addBodiesAndPlaces(network: Network): void {
  network.addEntity({
    id: 'jetro',
    kind: 'organization',
    name: { ja: '日本貿易振興機構（ジェトロ）', en: 'Japan External Trade Organization (JETRO)' },
    aliases: ['JETRO', 'ジェトロ'],
    country: 'JP',
    coordinates: { lat: 35.667, lng: 139.742 },
    notes: `Sources: JETRO annual report; ${SEED} Coordinates: JETRO headquarters, Tokyo (approximate).`,
  });
  network.addLink({
    id: 'mie-jetro',
    kind: 'mou',
    source: 'mie',
    target: 'jetro',
    title: {
      ja: '中小企業等の海外展開支援に係る業務協力に関する覚書',
      en: 'Memorandum on cooperation in supporting SMEs abroad',
    },
    events: [
      { type: 'signed', date: '2013-05' },
      { type: 'revised', date: '2015-06' },
    ],
    notes: `Sources: JETRO annual report; ${SEED}`,
  });

  const places = [
    [
      'mie-thai-center',
      'facility',
      '三重タイ イノベーションセンター',
      'Mie–Thai Innovation Center',
      'TH',
      13.77,
      100.49,
      '2018-11-14',
      `Set up in Bangkok with the Thai government (${SEED}); opened 2018-11-14 inside the National Food Institute (NFI) (prefecture announcement). Coordinates approximate.`,
    ],
    [
      'summiel',
      'facility',
      '伊勢志摩サミット記念館「サミエール」',
      'G7 Ise-Shima Summit Memorial Hall (Summiel)',
      'JP',
      34.3,
      136.83,
      '2017-05-26',
      `Opened 2017-05-26; about 213,000 visitors in its first year. ${SEED} Coordinates approximate.`,
    ],
    [
      'promotion-council',
      'organization',
      'みえ国際展開推進連合協議会',
      'Mie International Expansion Promotion Council',
      'JP',
      34.735,
      136.51,
      '2014',
      `Set up 2014. ${SEED}`,
    ],
    [
      'support-desk',
      'organization',
      '三重県国際展開支援窓口',
      'Mie International Business Support Desk',
      'JP',
      34.72,
      136.5,
      undefined,
      `Run jointly by the Mie Industry and Enterprise Support Center, JETRO and local financial institutions and insurers. ${SEED}`,
    ],
    [
      'miesc',
      'organization',
      '（公財）三重県産業支援センター',
      'Mie Industry and Enterprise Support Center',
      'JP',
      34.71,
      136.52,
      undefined,
      SEED,
    ],
  ] as const;
  for (const [id, kind, ja, en, country, lat, lng, since, notes] of places) {
    network.addEntity({
      id,
      kind,
      name: { ja, en },
      country,
      coordinates: { lat, lng },
      ...(since ? { since } : {}),
      notes,
    });
  }
  network.addEntity({
    id: 'local-finance',
    kind: 'organization',
    name: {
      ja: '県内金融機関・損害保険会社（例示）',
      en: 'Local banks and insurers (illustrative grouping)',
    },
    country: 'JP',
    coordinates: { lat: 34.74, lng: 136.52 },
    tags: ['illustrative'],
    notes: `Illustrative: stands for the local financial institutions and insurers the seed names as members of the support desk, not one real body. ${SEED}`,
  });
  network.addLink({
    id: 'center-thai',
    kind: 'partner',
    source: 'mie-thai-center',
    target: 'thai-dip',
    tags: ['illustrative'],
    notes: `Illustrative link: the seed says the centre was set up with the Thai government but not with which body; the example links the Department of Industrial Promotion. ${SEED}`,
  });
  network.addLink({
    id: 'mie-center',
    kind: 'supports',
    source: 'mie',
    target: 'mie-thai-center',
    events: [{ type: 'signed', date: '2018-11-14' }],
    notes: `Set up by the prefecture with the Thai government; opened 2018-11-14. ${SEED}`,
  });
  network.addLink({
    id: 'mie-summiel',
    kind: 'supports',
    source: 'mie',
    target: 'summiel',
    events: [{ type: 'signed', date: '2017-05-26' }],
    notes: `Used by the prefecture's programmes for its information work; opened 2017-05-26. ${SEED}`,
  });
  network.addLink({
    id: 'mie-council',
    kind: 'member-of',
    source: 'mie',
    target: 'promotion-council',
    events: [{ type: 'signed', date: '2014' }],
    notes: `The council of the "All Mie" effort, set up 2014, whose views the prefecture follows. ${SEED} (Modelled here as membership.)`,
  });
  for (const member of ['miesc', 'jetro', 'local-finance']) {
    network.addLink({
      id: `desk-${member}`,
      kind: 'member-of',
      source: member,
      target: 'support-desk',
      notes: SEED,
    });
  }
  network.addLink({ id: 'mie-desk', kind: 'supports', source: 'mie', target: 'support-desk', notes: SEED });

  const signings = [
    ['tjpo', '2012-07-13', '台日産業連携推進オフィスとの覚書締結', 'MOU signed with TJPO'],
    ['thai-dip', '2015-11-19', 'タイ工業省産業振興局との覚書締結', 'MOU signed with the Thai DIP'],
    [
      'taichung',
      '2017-02-10',
      '台中市との国際交流覚書締結',
      'International exchange MOU signed with Taichung',
    ],
    ['karnataka', '2018-03-06', 'カルナタカ州との覚書更新', 'MOU with Karnataka renewed'],
    ['thai-boi', '2018-07', 'タイ投資委員会との覚書改定', 'MOU with the Thailand BOI revised'],
    ['basque', '2018-10-24', 'バスク州との産業覚書締結', 'Industrial MOU signed with the Basque Country'],
  ] as const;
  for (const [partner, date, ja, en] of signings) {
    network.recordEngagement({
      type: 'signing',
      title: { ja, en },
      date,
      participants: [
        { entity: 'mie', role: 'host' },
        { entity: partner, role: 'participant' },
      ],
      notes: `Public fact: see the link mie-${partner}.`,
    });
  }
}
