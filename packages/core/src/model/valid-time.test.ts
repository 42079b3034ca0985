import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByDate } from '../indexes/valid-time-spans.js';
import { dayIn } from '../time/days.arbitrary.js';
import { comparePartialDates } from '../time/partial-date.js';
import type { Engagement, Entity, Link, LinkEvent } from './records.js';
import {
  dayOf,
  engagementDay,
  entityStart,
  linkEnd,
  linkStart,
  linkStatusOn,
  sortedEvents,
} from './valid-time.js';

function link(...events: [LinkEvent['type'], string][]): Link {
  return {
    id: 'l',
    kind: 'mou',
    source: 'a',
    target: 'b',
    tags: [],
    events: events.map(([type, date], i) => ({ id: `e${i}`, type, date })),
  };
}

describe('valid time of links', () => {
  it('a link without events is undated', () => {
    expect(linkStatusOn(link(), '2019-01-01')).toBe('undated');
    expect(linkStart(link())).toBeUndefined();
    expect(linkEnd(link())).toBeUndefined();
  });

  it('starts on the first day of its signing, inclusive', () => {
    const mou = link(['signed', '2013-11']);
    expect(linkStatusOn(mou, '2013-10-31')).toBe('inactive');
    expect(linkStatusOn(mou, '2013-11-01')).toBe('active');
    expect(linkStart(mou)).toBe('2013-11-01');
  });

  it('ends after the last day of its ending: in post 2019-04 to 2022-03 means 2022-03-31 yes, 2022-04-01 no', () => {
    const role = link(['signed', '2019-04'], ['ended', '2022-03']);
    expect(linkStatusOn(role, '2019-03-31')).toBe('inactive');
    expect(linkStatusOn(role, '2019-04-01')).toBe('active');
    expect(linkStatusOn(role, '2022-03-31')).toBe('active');
    expect(linkStatusOn(role, '2022-04-01')).toBe('inactive');
    expect(linkEnd(role)).toBe('2022-03-31');
  });

  it('is inactive while suspended and active again once renewed', () => {
    const tie = link(['signed', '2010'], ['suspended', '2015'], ['renewed', '2018-04-01']);
    expect(linkStatusOn(tie, '2015-12-31')).toBe('active');
    expect(linkStatusOn(tie, '2016-01-01')).toBe('inactive');
    expect(linkStatusOn(tie, '2018-04-01')).toBe('active');
    expect(linkEnd(tie)).toBeUndefined();
  });

  it('a link known only to have ended was active until its end', () => {
    const old = link(['ended', '2000-06']);
    expect(linkStatusOn(old, '1990-01-01')).toBe('active');
    expect(linkStatusOn(old, '2000-06-30')).toBe('active');
    expect(linkStatusOn(old, '2000-07-01')).toBe('inactive');
  });

  it('reads events in date order whatever order they were written in', () => {
    const tie = link(['ended', '2020'], ['revised', '2018-07'], ['signed', '2013-11']);
    expect(sortedEvents(tie.events).map((e) => e.type)).toEqual(['signed', 'revised', 'ended']);
    expect(linkStatusOn(tie, '2019-01-01')).toBe('active');
    expect(linkStatusOn(tie, '2021-01-01')).toBe('inactive');
    expect(linkEnd(tie)).toBe('2020-12-31');
  });
});

describe('valid time of entities and engagements', () => {
  const entity = (since?: string): Entity => ({
    id: 'x',
    kind: 'region',
    name: { en: 'X' },
    aliases: [],
    tags: [],
    ...(since === undefined ? {} : { since }),
  });

  it('an entity starts at its since, else at the first dated thing that touches it, else never matters', () => {
    expect(entityStart(entity('1973'), ['1950-01-01'])).toBe('1973-01-01');
    expect(entityStart(entity(), ['2013-11-01', '1973-11-07'])).toBe('1973-11-07');
    expect(entityStart(entity(), [])).toBeUndefined();
  });

  it('an engagement counts from its first day', () => {
    const e = { date: '2018-07' } as Engagement;
    expect(engagementDay(e)).toBe('2018-07-01');
  });

  it('an asOf date is the last day of a partial date, or the UTC day of a Date', () => {
    expect(dayOf('2017')).toBe('2017-12-31');
    expect(dayOf('2017-02')).toBe('2017-02-28');
    expect(dayOf('2017-01-01')).toBe('2017-01-01');
    expect(dayOf(new Date('2017-01-01T23:59:59Z'))).toBe('2017-01-01');
  });
});

describe('sortByDate', () => {
  it('orders exactly as a stable sort with comparePartialDates does (property)', () => {
    const date = fc.oneof(
      fc.integer({ min: 1990, max: 1992 }).map(String),
      fc
        .tuple(fc.integer({ min: 1990, max: 1992 }), fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      dayIn(1990, 1992),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ date, n: fc.nat() }), { maxLength: 60 }), (items) => {
        const expected = [...items].sort((a, b) => comparePartialDates(a.date, b.date));
        expect(sortByDate(items, (i) => i.date)).toEqual(expected);
      }),
    );
  });
});
