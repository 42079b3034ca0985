import { describe, expect, it } from 'vitest';
import { decodeChange } from '../log/log-codec.js';
import { createNetwork } from '../network/network.js';
import { changeLabelIn } from './change-label.js';

const entity = { id: 'amb', kind: 'person', name: { en: 'Ambassador' } } as const;

describe('transaction labels', () => {
  it('keeps a label in Japanese and English, and shows it in either language', () => {
    const n = createNetwork({ author: 'staff' });
    n.transaction((t) => t.addEntity(entity), { label: { ja: ' 来訪を記録 ', en: 'Record a visit' } });
    const label = n.log().at(-1)?.label;
    expect(label).toEqual({ ja: '来訪を記録', en: 'Record a visit' });
    expect(label && changeLabelIn(label, 'ja')).toBe('来訪を記録');
    expect(label && changeLabelIn(label, 'en')).toBe('Record a visit');
  });

  it('reads the bilingual label back from a stored log, and replays it', () => {
    const n = createNetwork({ author: 'staff' });
    n.transaction((t) => t.addEntity(entity), { label: { ja: '来訪を記録', en: 'Record a visit' } });
    const stored = JSON.parse(JSON.stringify(n.log()));
    const decoded = decodeChange(stored[0], [0]);
    expect(decoded.label).toEqual({ ja: '来訪を記録', en: 'Record a visit' });
    expect(createNetwork({ log: [decoded] }).log()[0]?.label).toEqual(decoded.label);
  });

  it('keeps older logs readable: a `日本語 / English` string shows one side, other text as it is', () => {
    const n = createNetwork({ author: 'staff' });
    n.transaction((t) => t.addEntity(entity), { label: '来訪を記録 / Record a visit' });
    const decoded = decodeChange(JSON.parse(JSON.stringify(n.log()[0])), [0]);
    expect(decoded.label).toBe('来訪を記録 / Record a visit');
    expect(changeLabelIn('来訪を記録 / Record a visit', 'en')).toBe('Record a visit');
    expect(changeLabelIn('import JSON', 'ja')).toBe('import JSON');
  });

  it('refuses a label with neither language, naming the label', () => {
    const n = createNetwork({ author: 'staff' });
    expect(() => n.transaction((t) => t.addEntity(entity), { label: {} })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', path: ['label'] }),
    );
    expect(n.entity('amb')).toBeUndefined();
  });
});
