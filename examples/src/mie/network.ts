import { createNetwork, type Network, type NetworkOptions } from '@musubi/core';
import { addPublicFacts } from './facts.js';
import { addIllustrative } from './illustrative.js';
import { addPolicy } from './policy.js';

/**
 * Builds Mie Prefecture's partner network: the public facts of the seed document and
 * docs/example-facts.md (sources in notes), the policy sheet's programmes and indicators, and
 * illustrative embassies, ambassadors, municipalities, companies and engagements (tagged
 * `illustrative`) so that the map grows year by year and the report reproduces the seed's actuals.
 *
 * @example
 * const network = buildMieNetwork();
 * report(network, { fiscalYears: [2016, 2017, 2018, 2019] });
 */
export function buildMieNetwork(options: NetworkOptions = {}): Network {
  const network = createNetwork({ author: 'international-affairs', ...options });
  network.transaction(
    () => {
      addPublicFacts(network);
      addPolicy(network);
      addIllustrative(network);
    },
    { label: { ja: '三重県の例示ネットワークを読み込む', en: 'Load the Mie example network' } },
  );
  return network;
}
