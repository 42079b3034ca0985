import { describe, expect, it } from 'vitest';
import { type ErrorCode, type ErrorPath, isMusubiError } from '../errors.js';
import { createNetwork, type Network } from './network.js';

/** A small network that every row starts from. */
function network(): Network {
  const n = createNetwork({ author: 'table' });
  n.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  n.addEntity({ id: 'boi', kind: 'government', name: { en: 'Thailand BOI' }, country: 'TH' });
  n.addEntity({ id: 'amb', kind: 'person', name: { en: 'Ambassador' } });
  n.addLink({
    id: 'mou',
    kind: 'mou',
    source: 'mie',
    target: 'boi',
    events: [{ id: 'signed', type: 'signed', date: '2013-11' }],
  });
  n.recordEngagement({
    id: 'visit',
    type: 'courtesy-visit',
    title: { en: 'Visit' },
    date: '2019-06-10',
    participants: [{ entity: 'amb' }, { entity: 'mie' }],
  });
  return n;
}

const entity = { kind: 'region', name: { en: 'São Paulo State' } };
const engagement = {
  type: 'seminar',
  title: { en: 'Seminar' },
  date: '2019-07-01',
  participants: [{ entity: 'mie' }],
};
/** Casts malformed input past the type checker: the table is about what JavaScript callers can send. */
const raw = (value: unknown) => value as never;

interface Row {
  readonly what: string;
  readonly write: (n: Network) => unknown;
  readonly code: ErrorCode;
  readonly path: ErrorPath;
}

const rows: Row[] = [
  {
    what: 'an unknown entity kind',
    write: (n) => n.addEntity(raw({ ...entity, kind: 'planet' })),
    code: 'VALIDATION',
    path: ['kind'],
  },
  {
    what: 'a missing name',
    write: (n) => n.addEntity(raw({ kind: 'region' })),
    code: 'VALIDATION',
    path: ['name'],
  },
  {
    what: 'an empty name object',
    write: (n) => n.addEntity({ ...entity, name: {} } as never),
    code: 'VALIDATION',
    path: ['name'],
  },
  {
    what: 'a name in another language',
    write: (n) => n.addEntity(raw({ ...entity, name: { fr: 'Mie' } })),
    code: 'VALIDATION',
    path: ['name'],
  },
  {
    what: 'a name with a newline',
    write: (n) => n.addEntity({ ...entity, kind: 'region', name: { en: 'São\nPaulo' } }),
    code: 'VALIDATION',
    path: ['name', 'en'],
  },
  {
    what: 'a name with a lone surrogate',
    write: (n) => n.addEntity({ kind: 'region', name: { ja: 'サン\ud83cパウロ' } }),
    code: 'VALIDATION',
    path: ['name', 'ja'],
  },
  {
    what: 'an alias with a lone surrogate',
    write: (n) => n.addEntity(raw({ ...entity, aliases: ['ok', 'x\udf0f'] })),
    code: 'VALIDATION',
    path: ['aliases', 1],
  },
  {
    what: 'notes with a lone surrogate',
    write: (n) => n.updateEntity('boi', { notes: 'memo \ud800' }),
    code: 'VALIDATION',
    path: ['notes'],
  },
  {
    what: 'an engagement title with a lone surrogate',
    write: (n) => n.recordEngagement({ ...engagement, title: { en: 'Seminar \udc00' } } as never),
    code: 'VALIDATION',
    path: ['title', 'en'],
  },
  {
    what: 'a name with a control character',
    write: (n) => n.addEntity({ kind: 'region', name: { ja: 'サン\u0000パウロ' } }),
    code: 'VALIDATION',
    path: ['name', 'ja'],
  },
  {
    what: 'a name with a line separator (U+2028)',
    write: (n) => n.addEntity({ kind: 'region', name: { en: 'São\u2028Paulo' } }),
    code: 'VALIDATION',
    path: ['name', 'en'],
  },
  {
    what: 'a name with a C1 control character (U+0085)',
    write: (n) => n.addEntity({ kind: 'region', name: { en: 'São\u0085Paulo' } }),
    code: 'VALIDATION',
    path: ['name', 'en'],
  },
  {
    what: 'notes with a NUL character',
    write: (n) => n.updateEntity('mie', { notes: 'line 1\u0000line 2' }),
    code: 'VALIDATION',
    path: ['notes'],
  },
  {
    what: 'a 10,000-character name',
    write: (n) => n.addEntity({ kind: 'region', name: { en: 'x'.repeat(10_000) } }),
    code: 'VALIDATION',
    path: ['name', 'en'],
  },
  {
    what: 'an unknown country XX',
    write: (n) => n.addEntity({ kind: 'region', name: { en: 'X' }, country: 'XX' }),
    code: 'VALIDATION',
    path: ['country'],
  },
  {
    what: 'a lower-case country th',
    write: (n) => n.addEntity({ kind: 'region', name: { en: 'X' }, country: 'th' }),
    code: 'VALIDATION',
    path: ['country'],
  },
  {
    what: 'the impossible day 2019-02-30',
    write: (n) => n.addEntity({ kind: 'region', name: { en: 'X' }, since: '2019-02-30' }),
    code: 'VALIDATION',
    path: ['since'],
  },
  {
    what: 'the impossible month 2019-13',
    write: (n) => n.updateEntity('mie', { since: '2019-13' }),
    code: 'VALIDATION',
    path: ['since'],
  },
  {
    what: 'a two-digit year 19-01-01',
    write: (n) => n.recordEngagement({ ...engagement, type: 'seminar', date: '19-01-01' }),
    code: 'VALIDATION',
    path: ['date'],
  },
  {
    what: 'until before since',
    write: (n) => n.addEntity({ kind: 'region', name: { en: 'X' }, since: '2000', until: '1999-12' }),
    code: 'VALIDATION',
    path: ['until'],
  },
  {
    what: 'an endDate before the date',
    write: (n) => n.recordEngagement({ ...engagement, type: 'seminar', endDate: '2019-06-30' }),
    code: 'VALIDATION',
    path: ['endDate'],
  },
  {
    what: 'a link event before the signing',
    write: (n) =>
      n.addLink({
        kind: 'mou',
        source: 'mie',
        target: 'boi',
        events: [
          { type: 'signed', date: '2018-07' },
          { type: 'revised', date: '2018-06' },
        ],
      }),
    code: 'VALIDATION',
    path: ['events', 1, 'date'],
  },
  {
    what: 'an added event before the signing',
    write: (n) => n.addLinkEvent('mou', { type: 'revised', date: '2013-10' }),
    code: 'VALIDATION',
    path: ['events', 1, 'date'],
  },
  {
    what: 'a link signed twice',
    write: (n) => n.addLinkEvent('mou', { type: 'signed', date: '2018-07' }),
    code: 'VALIDATION',
    path: ['events', 1, 'type'],
  },
  {
    what: 'an unknown event type',
    write: (n) => n.addLinkEvent('mou', raw({ type: 'cancelled', date: '2019' })),
    code: 'VALIDATION',
    path: ['type'],
  },
  {
    what: 'the same participant twice',
    write: (n) =>
      n.recordEngagement({
        ...engagement,
        type: 'seminar',
        participants: [{ entity: 'mie' }, { entity: 'mie', role: 'host' }],
      }),
    code: 'VALIDATION',
    path: ['participants', 1, 'entity'],
  },
  {
    what: 'two events with one id',
    write: (n) =>
      n.addLink({
        kind: 'partner',
        source: 'boi',
        target: 'mie',
        events: [
          { id: 'e1', type: 'signed', date: '2019' },
          { id: 'e1', type: 'revised', date: '2020' },
        ],
      }),
    code: 'VALIDATION',
    path: ['events', 1, 'id'],
  },
  {
    what: 'two follow-ups with one id',
    write: (n) =>
      n.updateEngagement('visit', {
        followUps: [
          { id: 'f1', text: 'Send thanks' },
          { id: 'f1', text: 'Send photos' },
        ],
      }),
    code: 'VALIDATION',
    path: ['followUps', 1, 'id'],
  },
  {
    what: 'an engagement without participants',
    write: (n) => n.recordEngagement({ ...engagement, type: 'seminar', participants: [] }),
    code: 'VALIDATION',
    path: ['participants'],
  },
  {
    what: 'an unknown participant',
    write: (n) =>
      n.recordEngagement({
        ...engagement,
        type: 'seminar',
        participants: [{ entity: 'mie' }, { entity: 'ghost' }],
      }),
    code: 'REFERENCE',
    path: ['participants', 1, 'entity'],
  },
  {
    what: 'an unknown link target',
    write: (n) => n.addLink({ kind: 'partner', source: 'mie', target: 'ghost' }),
    code: 'REFERENCE',
    path: ['target'],
  },
  {
    what: 'an unknown programme',
    write: (n) => n.updateEngagement('visit', { programme: 'p-33101' }),
    code: 'REFERENCE',
    path: ['programme'],
  },
  {
    what: 'a duplicate entity id',
    write: (n) => n.addEntity({ ...entity, kind: 'region', id: 'boi' }),
    code: 'CONFLICT',
    path: ['id'],
  },
  {
    what: 'a duplicate link id',
    write: (n) => n.addLink({ id: 'mou', kind: 'partner', source: 'boi', target: 'mie' }),
    code: 'CONFLICT',
    path: ['id'],
  },
  {
    what: 'a self-loop',
    write: (n) => n.addLink({ kind: 'partner', source: 'mie', target: 'mie' }),
    code: 'VALIDATION',
    path: ['target'],
  },
  {
    what: 'a role link from a non-person',
    write: (n) => n.addLink({ kind: 'role', source: 'boi', target: 'mie' }),
    code: 'VALIDATION',
    path: ['source'],
  },
  {
    what: 'a __proto__ key',
    write: (n) =>
      n.addEntity(JSON.parse('{"kind":"region","name":{"en":"X"},"__proto__":{"polluted":true}}')),
    code: 'VALIDATION',
    path: [],
  },
  {
    what: 'a __proto__ key inside the name',
    write: (n) => n.addEntity(JSON.parse('{"kind":"region","name":{"en":"X","__proto__":{"ja":"Y"}}}')),
    code: 'VALIDATION',
    path: ['name'],
  },
  {
    what: 'a constructor key',
    write: (n) => n.addEntity(raw({ ...entity, constructor: { name: 'x' } })),
    code: 'VALIDATION',
    path: [],
  },
  {
    what: 'the id __proto__',
    write: (n) => n.addEntity({ ...entity, kind: 'region', id: '__proto__' }),
    code: 'VALIDATION',
    path: ['id'],
  },
  {
    what: 'the id constructor',
    write: (n) => n.addEntity({ ...entity, kind: 'region', id: 'constructor' }),
    code: 'VALIDATION',
    path: ['id'],
  },
  {
    what: 'an id with markup',
    write: (n) => n.addEntity({ ...entity, kind: 'region', id: '<b>x</b>' }),
    code: 'VALIDATION',
    path: ['id'],
  },
  { what: 'null instead of an entity', write: (n) => n.addEntity(raw(null)), code: 'VALIDATION', path: [] },
  {
    what: 'a string instead of a link',
    write: (n) => n.addLink(raw('mie->boi')),
    code: 'VALIDATION',
    path: [],
  },
  {
    what: 'an array instead of an engagement',
    write: (n) => n.recordEngagement(raw([engagement])),
    code: 'VALIDATION',
    path: [],
  },
  {
    what: 'null instead of a patch',
    write: (n) => n.updateEntity('mie', raw(null)),
    code: 'VALIDATION',
    path: [],
  },
  {
    what: 'an extra unknown field',
    write: (n) => n.addEntity(raw({ ...entity, website: 'https://example.org' })),
    code: 'VALIDATION',
    path: [],
  },
  {
    what: "a patch that moves a link's end",
    write: (n) => n.updateLink('mou', raw({ target: 'amb' })),
    code: 'VALIDATION',
    path: [],
  },
  {
    what: 'a tag with a newline',
    write: (n) => n.updateEntity('mie', { tags: ['a\nb'] }),
    code: 'VALIDATION',
    path: ['tags', 0],
  },
  {
    what: 'a latitude of 91',
    write: (n) => n.updateEntity('mie', { coordinates: { lat: 91, lng: 136.5 } }),
    code: 'VALIDATION',
    path: ['coordinates', 'lat'],
  },
  {
    what: 'notes over 20,000 characters',
    write: (n) => n.updateEngagement('visit', { notes: 'x'.repeat(20_001) }),
    code: 'VALIDATION',
    path: ['notes'],
  },
  {
    what: 'an update of an unknown entity',
    write: (n) => n.updateEntity('ghost', { notes: 'x' }),
    code: 'NOT_FOUND',
    path: [],
  },
  {
    what: 'an event for an unknown link',
    write: (n) => n.addLinkEvent('ghost', { type: 'revised', date: '2019' }),
    code: 'NOT_FOUND',
    path: [],
  },
  {
    what: 'the removal of an entity still in use',
    write: (n) => n.removeEntity('boi'),
    code: 'REFERENCE',
    path: [],
  },
  {
    what: 'a person who holds a role turned company',
    write: (n) => {
      n.addLink({ kind: 'role', source: 'amb', target: 'boi' });
      n.updateEntity('amb', { kind: 'company' });
    },
    code: 'REFERENCE',
    path: ['kind'],
  },
];

describe('bad input to the write methods', () => {
  it('has a table of at least 25 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(25);
  });

  it.each(rows.map((row) => [row.what, row] as const))(
    'refuses %s, saying what and where, and changes nothing',
    (_, row) => {
      const n = network();
      const before = { entities: n.entities(), links: n.links(), engagements: n.engagements() };
      const log = n.log();
      let caught: unknown;
      try {
        // a row may make several writes; run it as one transaction so that nothing of it lands
        n.transaction(() => row.write(n));
      } catch (error) {
        caught = error;
      }
      expect(isMusubiError(caught), String(caught)).toBe(true);
      if (!isMusubiError(caught)) return;
      expect(caught.code).toBe(row.code);
      expect(caught.path).toEqual(row.path);
      expect(caught.issues.length).toBeGreaterThan(0);
      expect(caught.message.length).toBeGreaterThan(10);
      expect({ entities: n.entities(), links: n.links(), engagements: n.engagements() }).toEqual(before);
      expect(n.log()).toEqual(log);
      expect(Object.prototype).not.toHaveProperty('polluted');
    },
  );

  it('refuses the same inputs outside a transaction too', () => {
    for (const row of rows.filter((r) => r.what !== 'a person who holds a role turned company')) {
      const n = network();
      const log = n.log();
      expect(() => row.write(n), row.what).toThrow(expect.objectContaining({ code: row.code }));
      expect(n.log(), row.what).toEqual(log);
    }
  });
});

describe('labels and authors', () => {
  it('refuses a transaction label or an author that is not well-formed one-line text', () => {
    const n = network();
    const log = n.log();
    expect(() => n.transaction(() => n.addEntity(entity as never), { label: 'visit \ud83c' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', path: ['label'] }),
    );
    expect(() => n.transaction(() => n.addEntity(entity as never), { label: 'a\nb' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', path: ['label'] }),
    );
    expect(() => n.setAuthor('suzuki \udc00')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(n.log()).toEqual(log);
    n.transaction(() => n.addEntity(entity as never), { label: ' 来訪を記録 ' });
    expect(n.log().at(-1)?.label).toBe('来訪を記録');
  });
});

describe('hostile but valid text', () => {
  const hostile = [
    '<img src=x onerror=alert(1)>',
    '<script>alert("x")</script>',
    '=HYPERLINK("http://evil.example","click")',
    "'; DROP TABLE entities; --",
    '{{constructor.constructor("alert(1)")()}}',
    '../../etc/passwd',
    '🙂 三重県\t(タブ)',
  ];

  it.each(hostile)('stores %s in notes verbatim, as text', (text) => {
    const n = network();
    const stored = n.addEntity({ kind: 'organization', name: { en: 'Council' }, notes: text });
    expect(stored.notes).toBe(text);
    const copy = createNetwork({ log: JSON.parse(JSON.stringify(n.log())) });
    expect(copy.entity(stored.id)?.notes).toBe(text);
  });

  it('stores text in NFC, so that a name typed with combining marks is the same name', () => {
    const n = network();
    const stored = n.addEntity({
      kind: 'region',
      name: { en: 'Sa\u0303o Paulo', ja: 'か\u3099' },
      notes: 'e\u0301',
    });
    expect(stored.name).toEqual({ en: 'S\u00e3o Paulo', ja: 'が' });
    expect(stored.notes).toBe('\u00e9');
  });

  it('stores markup in a name as text and finds it by that text', () => {
    const n = network();
    const stored = n.addEntity({ kind: 'company', name: { en: '<b>Bold</b> & Co' } });
    expect(n.entity(stored.id)?.name.en).toBe('<b>Bold</b> & Co');
    expect(n.search('<b>bold').map((e) => e.id)).toEqual([stored.id]);
  });
});
