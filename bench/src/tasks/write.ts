import type { EngagementInput, Network } from '@musubi/core';
import type { GeneratedNetwork } from '../generator.js';
import { measure } from '../measure.js';
import type { Row } from '../results.js';

const COUNT = 10_000;

function inputs(generated: GeneratedNetwork, run: number): EngagementInput[] {
  const out: EngagementInput[] = [];
  for (let i = 0; i < COUNT; i++) {
    out.push({
      type: 'courtesy-visit',
      title: { ja: `表敬訪問 ${run}-${i}`, en: `Courtesy visit ${run}-${i}` },
      date: `2025-${String(1 + (i % 12)).padStart(2, '0')}-15`,
      participants: [
        { entity: generated.self, role: 'host' },
        { entity: i % 2 === 0 ? generated.hub : generated.busiest, role: 'visitor' },
      ],
    });
  }
  return out;
}

/**
 * Appending 10,000 engagements one by one (each its own change, acknowledged by the network's
 * sink: the store when there is one) and in one transaction.
 */
export async function writeRows(
  network: Network,
  generated: GeneratedNetwork,
  acknowledgedBy: string,
): Promise<Row[]> {
  let run = 0;
  // one run of 10,000 single writes: each is a sample of the write latency
  const latencies: number[] = [];
  const oneByOne = await measure(
    () => {
      for (const input of inputs(generated, run++)) {
        const start = performance.now();
        network.recordEngagement(input);
        latencies.push(performance.now() - start);
      }
    },
    { runs: 1 },
  );
  const inOne = await measure(
    () => {
      const batch = inputs(generated, run++);
      network.transaction(() => {
        for (const input of batch) network.recordEngagement(input);
      });
    },
    { runs: 3 },
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies[Math.floor(q * (latencies.length - 1))] ?? 0).toFixed(2);
  const { result: _a, ...one } = oneByOne;
  const { result: _b, ...tx } = inOne;
  return [
    {
      group: 'write',
      task: '10,000 engagements one by one',
      musubi: one,
      references: [],
      note: `${acknowledgedBy}; per write p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
    },
    {
      group: 'write',
      task: '10,000 engagements in one transaction',
      musubi: tx,
      references: [],
      note: `${acknowledgedBy}; ${((1000 * tx.ms) / COUNT).toFixed(0)} µs per engagement`,
    },
  ];
}
