/**
 * A small network for component tests:
 * the prefecture, a sister region, the Thailand BOI with its MOU, an embassy with two
 * ambassadors and a courtesy visit. Dates other than the public ones are illustrative.
 */
import { createNetwork, type Network } from '@musubi/core';

/** Builds the small network; `now` fixes record time so tests are repeatable. */
export function buildSmallNetwork(now: () => Date = () => new Date('2026-01-01T00:00:00Z')): Network {
  const network = createNetwork({ author: 'fixture', now });
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
  });
  network.addEntity({
    id: 'thai-boi',
    kind: 'government',
    name: { ja: 'タイ投資委員会', en: 'Thailand Board of Investment' },
    aliases: ['BOI'],
    country: 'TH',
    notes: '<img src=x onerror="window.__pwned=1"> notes are text',
  });
  network.addLink({
    id: 'mie-boi-mou',
    kind: 'mou',
    source: 'mie',
    target: 'thai-boi',
    title: { ja: '産業連携に関する覚書', en: 'MOU on industrial cooperation' },
    events: [
      { type: 'signed', date: '2013-11' },
      { type: 'revised', date: '2018-07', note: 'Food processing and electronics added.' },
    ],
  });
  network.addEntity({
    id: 'thai-embassy',
    kind: 'mission',
    name: { ja: '駐日タイ王国大使館', en: 'Royal Thai Embassy in Japan' },
    country: 'TH',
  });
  network.addLink({
    id: 'embassy-mie',
    kind: 'partner',
    source: 'thai-embassy',
    target: 'mie',
    events: [{ type: 'signed', date: '2016-04' }],
  });
  const ambassadors = [
    ['ambassador-a', '大使A（例示）', 'Ambassador A (illustrative)', '2016-10', '2019-03'],
    ['ambassador-b', '大使B（例示）', 'Ambassador B (illustrative)', '2019-04', undefined],
  ] as const;
  for (const [id, ja, en, from, to] of ambassadors) {
    network.addEntity({ id, kind: 'person', name: { ja, en } });
    network.addLink({
      id: `role-${id}`,
      kind: 'role',
      source: id,
      target: 'thai-embassy',
      title: { ja: '特命全権大使', en: 'Ambassador' },
      events: [{ type: 'signed', date: from }, ...(to ? [{ type: 'ended' as const, date: to }] : [])],
    });
  }
  network.recordEngagement({
    id: 'visit-2019-06',
    type: 'courtesy-visit',
    title: { ja: '駐日タイ大使 表敬訪問', en: "Thai Ambassador's courtesy visit" },
    date: '2019-06-10',
    participants: [
      { entity: 'ambassador-b', role: 'visitor' },
      { entity: 'thai-embassy', role: 'visitor' },
      { entity: 'mie', role: 'host' },
    ],
    followUps: [{ text: 'お礼状を送る / Send a letter of thanks', due: '2099-06-20' }],
  });
  return network;
}
