import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMusubiError, type MusubiError } from '../errors.js';
import type { IndicatorInput, Measure } from '../model/indicators.js';
import type { EntityKind } from '../model/kinds.js';
import { createNetwork, type Network } from '../network/network.js';
import { evaluateMeasure, measureRecords } from './measure.js';
import {
  addIndicator,
  figureFor,
  figures,
  indicators,
  recordFigure,
  removeFigure,
  removeIndicator,
  updateIndicator,
} from './records.js';
import { report } from './report.js';

/** Mie, a Thai agency, a US state, two towns and three companies; engagements added per test. */
function smallNetwork(): Network {
  const n = createNetwork({ author: 'test' });
  n.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' }, country: 'JP' });
  n.addEntity({ id: 'boi', kind: 'government', name: { en: 'BOI' }, country: 'TH' });
  n.addEntity({ id: 'wa', kind: 'region', name: { en: 'Washington' }, country: 'US' });
  n.addEntity({ id: 'town-a', kind: 'municipality', name: { en: 'Town A' }, country: 'JP' });
  n.addEntity({ id: 'town-b', kind: 'municipality', name: { en: 'Town B' }, country: 'JP' });
  for (const c of ['c1', 'c2', 'c3']) n.addEntity({ id: c, kind: 'company', name: { en: c }, country: 'JP' });
  return n;
}

function meet(
  n: Network,
  date: string,
  who: string[],
  partner = 'boi',
  type: 'business-meeting' | 'courtesy-visit' = 'business-meeting',
) {
  n.recordEngagement({
    type,
    title: { en: `meeting ${date}` },
    date,
    participants: [
      { entity: 'mie', role: 'organizer' },
      { entity: partner, role: 'host' },
      ...who.map((entity) => ({ entity, role: 'participant' as const })),
    ],
  });
}

const years = [2016, 2017, 2018];
const count = (n: Network, measure: Measure) => [...evaluateMeasure(n, measure, years).values()];

describe('evaluateMeasure', () => {
  it('keeps cumulative totals the running sums of the yearly counts', () => {
    const day = fc
      .date({ min: new Date('2015-04-01'), max: new Date('2020-03-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const meeting = fc.record({ date: day, who: fc.subarray(['c1', 'c2', 'c3'], { minLength: 1 }) });
    fc.assert(
      fc.property(fc.array(meeting, { maxLength: 12 }), (meetings) => {
        const n = smallNetwork();
        for (const m of meetings) meet(n, m.date, m.who);
        const all = [2015, 2016, 2017, 2018, 2019];
        const filter = { entityKinds: ['company' as const] };
        const eval_ = (m: Measure) => [...evaluateMeasure(n, m, all).values()];
        const perYear = eval_({ aggregate: 'per-year', count: 'engagements', filter });
        const running = perYear.map((_, i) => perYear.slice(0, i + 1).reduce((a, b) => a + b, 0));
        expect(eval_({ aggregate: 'cumulative', count: 'engagements', filter })).toEqual(running);
        const firsts = eval_({
          aggregate: 'per-year',
          count: 'distinct-entities',
          filter: { ...filter, firstTimeOnly: true },
        });
        const distinct = eval_({ aggregate: 'cumulative', count: 'distinct-entities', filter });
        expect(distinct).toEqual(firsts.map((_, i) => firsts.slice(0, i + 1).reduce((a, b) => a + b, 0)));
      }),
      { numRuns: 50 },
    );
  });

  it('lists with measureRecords exactly the records it counts, for every kind of measure', () => {
    const day = fc
      .date({ min: new Date('2015-04-01'), max: new Date('2020-03-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const meeting = fc.record({ date: day, who: fc.subarray(['c1', 'c2', 'c3'], { minLength: 1 }) });
    const measure = fc.record({
      aggregate: fc.constantFrom('per-year' as const, 'cumulative' as const),
      count: fc.constantFrom('engagements' as const, 'distinct-entities' as const),
      since: fc.option(fc.integer({ min: 2015, max: 2019 }), { nil: undefined }),
      firstTimeOnly: fc.boolean(),
      kinds: fc.constantFrom<EntityKind[] | undefined>(['company'], ['government'], undefined),
    });
    fc.assert(
      fc.property(fc.array(meeting, { maxLength: 10 }), measure, (meetings, m) => {
        const n = smallNetwork();
        for (const x of meetings) meet(n, x.date, x.who);
        const spec: Measure = {
          aggregate: m.aggregate,
          count: m.count,
          ...(m.since !== undefined && { since: m.since }),
          filter: {
            ...(m.kinds && { entityKinds: m.kinds }),
            ...(m.firstTimeOnly && { firstTimeOnly: true }),
          },
        };
        for (const fy of [2015, 2016, 2017, 2018, 2019]) {
          const listed = measureRecords(n, spec, fy);
          const size = spec.count === 'engagements' ? listed.engagements.length : listed.entities.length;
          expect(size).toBe(evaluateMeasure(n, spec, [fy]).get(fy));
          for (const { entity, engagements } of listed.entities) {
            expect(engagements.length).toBeGreaterThan(0);
            for (const id of engagements)
              expect(n.engagement(id)?.participants.some((p) => p.entity === entity)).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('counts engagements per year or cumulatively from `since`', () => {
    const n = smallNetwork();
    meet(n, '2015-06-01', ['c1']);
    meet(n, '2016-06-01', ['c1']);
    meet(n, '2017-03-31', ['c2']);
    meet(n, '2017-04-01', ['c2']);
    const filter = { entityKinds: ['government' as const] };
    expect(count(n, { aggregate: 'per-year', count: 'engagements', filter })).toEqual([2, 1, 0]);
    expect(count(n, { aggregate: 'cumulative', since: 2016, count: 'engagements', filter })).toEqual([
      2, 3, 3,
    ]);
    expect(count(n, { aggregate: 'cumulative', count: 'engagements', filter })).toEqual([3, 4, 4]);
  });

  it('counts each entity once, per year or over the cumulative span', () => {
    const n = smallNetwork();
    meet(n, '2016-06-01', ['c1', 'c2']);
    meet(n, '2016-09-01', ['c1']);
    meet(n, '2017-06-01', ['c1', 'c3']);
    const filter = { entityKinds: ['company' as const] };
    expect(count(n, { aggregate: 'per-year', count: 'distinct-entities', filter })).toEqual([2, 2, 0]);
    expect(count(n, { aggregate: 'cumulative', since: 2016, count: 'distinct-entities', filter })).toEqual([
      2, 3, 3,
    ]);
  });

  it('with firstTimeOnly counts an entity only in the year of its first qualifying engagement ever', () => {
    const n = smallNetwork();
    meet(n, '2015-05-01', ['town-a']);
    meet(n, '2016-05-01', ['town-a', 'town-b']);
    meet(n, '2017-05-01', ['town-b']);
    const measure = (aggregate: 'per-year' | 'cumulative'): Measure => ({
      aggregate,
      count: 'distinct-entities',
      ...(aggregate === 'cumulative' ? { since: 2016 } : {}),
      filter: { entityKinds: ['municipality'], participantRole: ['participant'], firstTimeOnly: true },
    });
    // town-a went abroad in FY2015, so it is not new in FY2016
    expect(count(n, measure('per-year'))).toEqual([1, 0, 0]);
    expect(count(n, measure('cumulative'))).toEqual([1, 1, 1]);
  });

  it('filters by country group, engagement type and participant role', () => {
    const n = smallNetwork();
    meet(n, '2016-05-01', ['c1'], 'wa');
    meet(n, '2016-06-01', ['c2'], 'boi');
    meet(n, '2016-07-01', ['c3'], 'boi', 'courtesy-visit');
    expect(
      count(n, { aggregate: 'per-year', count: 'engagements', filter: { countryGroup: 'asean' } }),
    ).toEqual([2, 0, 0]);
    expect(
      count(n, {
        aggregate: 'per-year',
        count: 'engagements',
        filter: { countryGroup: 'asean', engagementTypes: ['business-meeting'] },
      }),
    ).toEqual([1, 0, 0]);
    expect(
      count(n, { aggregate: 'per-year', count: 'distinct-entities', filter: { participantRole: ['host'] } }),
    ).toEqual([2, 0, 0]);
  });

  it('does not count an engagement known only by its year', () => {
    const n = smallNetwork();
    meet(n, '2016', ['c1']);
    expect(
      count(n, { aggregate: 'cumulative', count: 'distinct-entities', filter: { entityKinds: ['company'] } }),
    ).toEqual([0, 0, 0]);
  });
});

const companies: IndicatorInput = {
  id: 'companies',
  name: { ja: '支援企業数（累計）', en: 'Companies supported (cumulative)' },
  unit: '社',
  kind: 'activity',
  basicProgramme: '33102',
  measure: {
    aggregate: 'cumulative',
    since: 2016,
    count: 'distinct-entities',
    filter: { entityKinds: ['company'] },
  },
  targets: { '2016': 2, '2017': 4 },
};

describe('report', () => {
  it('gives target, actual, achievement ratio and status per year, and no-target where none was set', () => {
    const n = smallNetwork();
    addIndicator(n, companies);
    meet(n, '2016-06-01', ['c1', 'c2']);
    meet(n, '2017-06-01', ['c3']);
    const row = report(n, { fiscalYears: years }).indicators[0];
    expect(row?.years).toEqual([
      { fiscalYear: 2016, target: 2, actual: 2, source: 'computed', achievement: 1, status: 'achieved' },
      {
        fiscalYear: 2017,
        target: 4,
        actual: 3,
        source: 'computed',
        achievement: 0.75,
        status: 'not-achieved',
      },
      { fiscalYear: 2018, actual: 3, source: 'computed', status: 'no-target' },
    ]);
  });

  it('rounds the achievement ratio to two decimals as the sheet does', () => {
    const n = smallNetwork();
    addIndicator(n, { ...companies, targets: { '2016': 3 } });
    meet(n, '2016-06-01', ['c1', 'c2']);
    expect(report(n, { fiscalYears: [2016] }).indicators[0]?.years[0]?.achievement).toBe(0.67);
  });

  it('shows a manual figure in place of the computed value of its year, flagged manual', () => {
    const n = smallNetwork();
    addIndicator(n, companies);
    meet(n, '2017-06-01', ['c1']);
    recordFigure(n, { indicator: 'companies', fiscalYear: 2016, value: 2, note: 'from the printed sheet' });
    const [fy2016, fy2017] = report(n, { fiscalYears: [2016, 2017] }).indicators[0]?.years ?? [];
    expect(fy2016).toMatchObject({ actual: 2, source: 'manual', status: 'achieved' });
    // the cumulative total of FY2017 builds on the figure: 2 + c1, the one company recorded since
    expect(fy2017).toMatchObject({ actual: 3, source: 'computed', base: { fiscalYear: 2016, value: 2 } });
  });

  it('builds a cumulative total on the latest manual figure before it: the figure plus what is recorded after it', () => {
    const n = smallNetwork();
    addIndicator(n, companies);
    meet(n, '2016-06-01', ['c1']); // recorded for FY2016, but the FY2016 figure from the printed sheet stands for it
    meet(n, '2017-06-01', ['c1', 'c2']); // c1 is not new: only c2 adds
    meet(n, '2018-06-01', ['c3']);
    recordFigure(n, { indicator: 'companies', fiscalYear: 2016, value: 15, note: 'printed sheet' });
    const rows = report(n, { fiscalYears: [2017, 2018] }).indicators[0]?.years ?? [];
    expect(rows.map((y) => [y.actual, y.source, y.base])).toEqual([
      [16, 'computed', { fiscalYear: 2016, value: 15 }],
      [17, 'computed', { fiscalYear: 2016, value: 15 }],
    ]);
    // a later figure takes over from there
    recordFigure(n, { indicator: 'companies', fiscalYear: 2017, value: 35 });
    const later = report(n, { fiscalYears: [2016, 2017, 2018] }).indicators[0]?.years ?? [];
    expect(later.map((y) => [y.actual, y.source])).toEqual([
      [15, 'manual'],
      [35, 'manual'],
      [36, 'computed'],
    ]);
  });

  it('does not carry a manual figure into other years of a per-year indicator', () => {
    const n = smallNetwork();
    addIndicator(n, {
      ...companies,
      id: 'meetings',
      measure: { aggregate: 'per-year', count: 'engagements', filter: {} },
    });
    meet(n, '2017-06-01', ['c1']);
    recordFigure(n, { indicator: 'meetings', fiscalYear: 2016, value: 9 });
    const rows = report(n, { fiscalYears: [2016, 2017] }).indicators[0]?.years ?? [];
    expect(rows.map((y) => [y.actual, y.source, y.base])).toEqual([
      [9, 'manual', undefined],
      [1, 'computed', undefined],
    ]);
  });

  it('keeps one manual figure per indicator and year: another is refused, the same id replaces it', () => {
    const n = smallNetwork();
    addIndicator(n, companies);
    const first = recordFigure(n, { indicator: 'companies', fiscalYear: 2016, value: 2 });
    const log = n.log();
    try {
      recordFigure(n, { indicator: 'companies', fiscalYear: 2016, value: 3 });
      expect.unreachable();
    } catch (error) {
      expect(isMusubiError(error, 'CONFLICT') && error.path).toEqual(['fiscalYear']);
      expect(isMusubiError(error) && error.details.existing).toBe(first.id);
    }
    expect(n.log()).toEqual(log);
    recordFigure(n, { id: first.id, indicator: 'companies', fiscalYear: 2016, value: 3 });
    expect(figureFor(n, 'companies', 2016)?.value).toBe(3);
    expect(figures(n, 'companies')).toHaveLength(1);
    expect(figureFor(n, 'companies', 2017)).toBeUndefined();
    removeFigure(n, first.id);
    expect(figureFor(n, 'companies', 2016)).toBeUndefined();
    expect(report(n, { fiscalYears: [2016] }).indicators[0]?.years[0]?.source).toBe('computed');
    n.undo();
    expect(figureFor(n, 'companies', 2016)?.value).toBe(3);
  });

  it('marks the years not ended on asOfDate as pending', () => {
    const n = smallNetwork();
    addIndicator(n, companies);
    const statuses = (asOfDate: string) =>
      report(n, { fiscalYears: [2016, 2017], asOfDate }).indicators[0]?.years.map((y) => y.status);
    expect(statuses('2018-03-31')).toEqual(['not-achieved', 'pending']);
    expect(statuses('2018-04-01')).toEqual(['not-achieved', 'not-achieved']);
  });

  it('follows the network back in time through asOf', () => {
    const n = smallNetwork();
    addIndicator(n, companies);
    meet(n, '2016-06-01', ['c1']);
    meet(n, '2017-06-01', ['c2']);
    expect(report(n.asOf('2017-03-31'), { fiscalYears: [2017] }).indicators[0]?.years[0]?.actual).toBe(1);
  });
});

describe('indicator definitions', () => {
  const refused = (input: unknown): MusubiError => {
    try {
      addIndicator(smallNetwork(), input as IndicatorInput);
    } catch (error) {
      if (isMusubiError(error)) return error;
      throw error;
    }
    throw new Error('the definition was accepted');
  };

  it('refuses firstTimeOnly on an engagement count, saying where', () => {
    const error = refused({
      ...companies,
      measure: { ...companies.measure, count: 'engagements', filter: { firstTimeOnly: true } },
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues.map((i) => i.path)).toContainEqual(['measure', 'filter', 'firstTimeOnly']);
  });

  it('refuses an unknown unit, a bad fiscal-year key and an activity indicator without a basic programme', () => {
    expect(refused({ ...companies, unit: 'pieces' }).issues.map((i) => i.path)).toContainEqual(['unit']);
    expect(refused({ ...companies, targets: { FY2016: 3 } }).issues.map((i) => i.path[0])).toContain(
      'targets',
    );
    const { basicProgramme: _, ...withoutCode } = companies;
    expect(refused(withoutCode).issues.map((i) => i.path)).toContainEqual(['basicProgramme']);
  });

  it('refuses a measure filter that names a programme that does not exist', () => {
    const error = refused({
      ...companies,
      measure: { ...companies.measure, filter: { programmes: ['nowhere'] } },
    });
    expect(error.code).toBe('REFERENCE');
  });

  it('keeps definitions in the log, so they can be changed, undone and not removed while figures refer to them', () => {
    const n = smallNetwork();
    addIndicator(n, companies);
    updateIndicator(n, 'companies', { targets: { '2016': 5 } });
    expect(indicators(n)[0]?.targets).toEqual({ '2016': 5 });
    n.undo();
    expect(indicators(n)[0]?.targets).toEqual({ '2016': 2, '2017': 4 });
    recordFigure(n, { indicator: 'companies', fiscalYear: 2015, value: 1 });
    expect(() => removeIndicator(n, 'companies')).toThrow();
    expect(n.log().map((c) => c.operation)).toContain('addIndicator');
  });
});
