import { describe, expect, it } from 'vitest';
import type { MusubiError } from '../errors.js';
import { createNetwork } from '../network/network.js';
import { EntityInputSchema } from './records.js';
import { issueFromZod } from './validate.js';

/** The error `fn` throws. */
function refusal(fn: () => unknown): MusubiError {
  try {
    fn();
  } catch (error) {
    return error as MusubiError;
  }
  throw new Error('expected a refusal');
}

describe('issues carry what a message in any language needs', () => {
  it("gives a schema issue zod's code and its params, or the refinement's reason", () => {
    const parsed = EntityInputSchema.safeParse({
      id: 'a b',
      kind: 'person',
      name: {},
      country: 'Thailand',
      since: '2019-02-30',
      notes: 'x'.repeat(20_001),
    });
    const issues = parsed.error?.issues.map((i) => issueFromZod(i, ['entity'])) ?? [];
    const by = (field: string) => issues.find((i) => i.path[1] === field);
    expect(by('id')).toMatchObject({ code: 'custom', params: { reason: 'id-format' } });
    expect(by('name')).toMatchObject({ code: 'custom', params: { reason: 'name-needed' } });
    expect(by('country')).toMatchObject({ code: 'custom', params: { reason: 'country' } });
    expect(by('since')).toMatchObject({
      path: ['entity', 'since'],
      code: 'custom',
      params: { reason: 'date-impossible', text: '2019-02-30', problem: 'day' },
    });
    expect(by('notes')).toMatchObject({ code: 'too_big', params: { maximum: 20_000, origin: 'string' } });
  });

  it('names the reason of a refused write, with the records involved', () => {
    const n = createNetwork({ author: 'staff' });
    n.addEntity({ id: 'amb', kind: 'person', name: { en: 'Ambassador' } });
    n.addEntity({ id: 'th', kind: 'mission', name: { en: 'Embassy' } });
    const cases = [
      [() => n.addEntity({ id: 'amb', kind: 'person', name: { en: 'Again' } }), 'CONFLICT', 'exists'],
      [
        () => n.addLink({ kind: 'partner', source: 'amb', target: 'nobody' }),
        'REFERENCE',
        'unknown-reference',
      ],
      [() => n.addLink({ kind: 'partner', source: 'th', target: 'th' }), 'VALIDATION', 'self-loop'],
      [() => n.addLink({ kind: 'role', source: 'th', target: 'amb' }), 'VALIDATION', 'role-not-person'],
      [() => n.updateEntity('gone', { notes: 'x' }), 'NOT_FOUND', 'not-found'],
    ] as const;
    for (const [write, code, reason] of cases) {
      const error = refusal(write);
      expect(error.code).toBe(code);
      expect(error.issues[0]?.params?.reason).toBe(reason);
    }
    expect(n.entities()).toHaveLength(2);
  });
});
