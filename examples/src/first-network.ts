/**
 * The README's first program: a network of two entities and an MOU, asked how it stood before and
 * after the signing. Run it from the repository's root:
 *   pnpm build && node --import tsx examples/src/first-network.ts
 */
import { createNetwork } from '@musubi/core';

const network = createNetwork({ author: 'suzuki' });
network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
network.addEntity({
  id: 'thai-boi',
  kind: 'government',
  name: { ja: 'タイ投資委員会', en: 'Thailand BOI' },
  country: 'TH',
});
network.addLink({
  kind: 'mou',
  source: 'mie',
  target: 'thai-boi',
  events: [{ type: 'signed', date: '2013-11' }],
});
console.log(network.asOf('2012-04-01').links().length); // 0: the MOU was not signed yet
console.log(network.asOf('2014-04-01').links().length); // 1
