import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import { engagementTypes, entityKinds } from '../model/kinds.js';
import { dayIn } from '../time/days.arbitrary.js';
import { createNetwork, type Network } from './network.js';

/** Repeatable runs; set FC_SEED to explore other sequences. */
const runs = { seed: Number(process.env.FC_SEED ?? 20261202), numRuns: 150 };

const text = fc.constantFrom('三重県', 'São Paulo', 'BOI', 'Ｍｉｅ', 'Embassy');
const day = dayIn(1990, 2030);

const entityInput = fc.record(
  {
    kind: fc.constantFrom(...entityKinds.filter((k) => k !== 'person')),
    name: fc.record({ ja: text, en: text }, { requiredKeys: ['ja'] }),
    aliases: fc.array(text, { minLength: 1, maxLength: 3 }),
    notes: text,
    since: day,
  },
  { requiredKeys: ['kind', 'name'] },
);

const engagementInput = fc.record({
  type: fc.constantFrom(...engagementTypes),
  title: fc.record({ en: text }),
  date: day,
  participants: fc.subarray([{ entity: 'mie' }, { entity: 'tsu' }], { minLength: 1 }),
});

/** Every path to a property of `value` (object keys and array indices), outermost first. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [
    [...prefix, key],
    ...paths((value as Record<string | number, unknown>)[key], [...prefix, key]),
  ]);
}

/**
 * A copy of `input` whose property at `path` throws `error` when read: a getter on it, or a Proxy
 * around its parent whose `get` trap throws for that key.
 */
function withThrowing(
  input: object,
  path: (string | number)[],
  how: 'getter' | 'proxy',
  error: Error,
): object {
  const root = structuredClone(input) as Record<string | number, unknown>;
  const key = path.at(-1) as string | number;
  const parentPath = path.slice(0, -1);
  let parent = root;
  for (const step of parentPath) parent = parent[step] as Record<string | number, unknown>;
  const thrower = () => {
    throw error;
  };
  if (how === 'getter') {
    Object.defineProperty(parent, key, { get: thrower, enumerable: true, configurable: true });
    return root;
  }
  const proxy = new Proxy(parent, {
    get: (target, k, receiver) => (k === String(key) ? thrower() : Reflect.get(target, k, receiver)),
  });
  if (parentPath.length === 0) return proxy;
  let grandparent = root;
  for (const step of parentPath.slice(0, -1))
    grandparent = grandparent[step] as Record<string | number, unknown>;
  grandparent[parentPath.at(-1) as string | number] = proxy;
  return root;
}

function network(): Network {
  const n = createNetwork({ author: 'property', now: () => new Date('2026-04-01T00:00:00Z') });
  n.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
  n.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
  return n;
}

describe("a caller's input whose getter or Proxy throws", () => {
  it('is refused with VALIDATION naming the path, with the caller’s error as its cause, and nothing lands (property)', () => {
    const input = fc.oneof(
      entityInput.map((value) => ({ write: 'addEntity' as const, value })),
      engagementInput.map((value) => ({ write: 'recordEngagement' as const, value })),
    );
    fc.assert(
      fc.property(
        input,
        fc.nat(),
        fc.constantFrom('getter' as const, 'proxy' as const),
        fc.boolean(),
        ({ write, value }, pick, how, inTransaction) => {
          const all = paths(value);
          const path = all[pick % all.length] as (string | number)[];
          const error = new Error('the caller’s own error');
          const bad = withThrowing(value, path, how, error);
          const n = network();
          const before = { log: n.log().length, counts: n.counts() };
          let thrown: unknown;
          try {
            const run = () =>
              write === 'addEntity' ? n.addEntity(bad as never) : n.recordEngagement(bad as never);
            if (inTransaction) {
              n.transaction(() => {
                n.addEntity({ kind: 'company', name: { ja: '先に追加' } });
                run();
              });
            } else run();
          } catch (caught) {
            thrown = caught;
          }
          expect(isMusubiError(thrown, 'VALIDATION')).toBe(true);
          expect((thrown as { path: unknown }).path).toEqual(path);
          expect((thrown as Error).cause).toBe(error);
          // all or nothing: the transaction's first write is gone too
          expect({ log: n.log().length, counts: n.counts() }).toEqual(before);
        },
      ),
      runs,
    );
  });

  it('is refused the same way in accept(), a transaction’s options, a remove’s options and queries', () => {
    const n = network();
    const boom = new Error('boom');
    const throwing = (key: string) =>
      Object.defineProperty({}, key, {
        enumerable: true,
        get: () => {
          throw boom;
        },
      });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const cases: [() => unknown, (string | number)[]][] = [
      [() => n.accept(throwing('effects') as never, { author: 'x' }), ['effects']],
      [
        () => n.accept({ id: 'chg_x', operation: 'addEntity', effects: [] }, throwing('author') as never),
        ['author'],
      ],
      [() => n.transaction(() => undefined, throwing('label') as never), ['label']],
      [() => n.removeEntity('tsu', throwing('cascade') as never), ['cascade']],
      [() => n.addEntity(revoked.proxy as never), []],
      [() => n.search('mie', throwing('kinds') as never), ['kinds']],
      [() => n.neighbors('mie', throwing('direction') as never), ['direction']],
      [() => n.asOf(new Proxy(new Date(), {}) as never), []],
      [() => n.updateEntity({ toString: () => 'tsu' } as never, { notes: 'x' }), ['id']],
    ];
    for (const [call, path] of cases) {
      let thrown: unknown;
      try {
        call();
      } catch (caught) {
        thrown = caught;
      }
      expect(isMusubiError(thrown, 'VALIDATION'), String(thrown)).toBe(true);
      expect((thrown as { path: unknown }).path).toEqual(path);
    }
    expect(n.log()).toHaveLength(2);
  });
});
