import { describe, expect, it } from 'vitest';
import { exportFileName, exportKinds, localDay } from './file-names.js';

describe('the names of downloaded files', () => {
  it('name the network, the sheet and the day', () => {
    expect(exportFileName('json', '2026-11-24')).toBe('musubi-2026-11-24.json');
    expect(exportFileName('csv-entities', '2026-11-24')).toBe('musubi-entities-2026-11-24.csv');
    expect(exportFileName('csv-links', '2026-11-24')).toBe('musubi-links-2026-11-24.csv');
    expect(exportFileName('csv-engagements', '2026-11-24')).toBe('musubi-engagements-2026-11-24.csv');
    expect(exportFileName('gexf', '2026-11-24')).toBe('musubi-2026-11-24.gexf');
    expect(exportFileName('graphml', '2026-11-24')).toBe('musubi-2026-11-24.graphml');
  });

  it('name the fiscal years of the policy sheet', () => {
    expect(exportFileName('xlsx', '2026-11-24', [2016, 2019])).toBe(
      'musubi-policy-sheet-FY2016-2019-2026-11-24.xlsx',
    );
    expect(exportFileName('xlsx', '2026-11-24', [2019, 2019])).toBe(
      'musubi-policy-sheet-FY2019-2026-11-24.xlsx',
    );
  });

  it('are all different on one day', () => {
    const names = exportKinds.map((kind) => exportFileName(kind, '2026-11-24'));
    expect(new Set(names).size).toBe(names.length);
  });

  it('use the day of the local clock', () => {
    expect(localDay(new Date(2026, 10, 24, 0, 5))).toBe('2026-11-24');
    expect(localDay(new Date(2027, 0, 2, 23, 59))).toBe('2027-01-02');
  });
});
