import { DOMParser } from '@xmldom/xmldom';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import { createNetwork } from '../network/network.js';
import { importGraphFile, linkSpells, networkToGexf, networkToGraphml } from './graph-files.js';

function sample() {
  const network = createNetwork();
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  network.addEntity({
    id: 'sp',
    kind: 'region',
    name: { ja: 'サンパウロ州', en: 'São Paulo <State> & "co"' },
    country: 'BR',
  });
  network.addLink({
    id: 'l1',
    kind: 'sister',
    source: 'mie',
    target: 'sp',
    events: [
      { type: 'signed', date: '1973-09' },
      { type: 'ended', date: '2020' },
    ],
  });
  return network;
}

const read = (xml: string) => xml;

describe('GEXF and GraphML', () => {
  it('writes GEXF that graphology-gexf reads back with the same nodes, edges, labels and spells', () => {
    const xml = networkToGexf(sample(), { lang: 'en' });
    const graph = parseGexf(Graph, read(xml));
    expect(graph.nodes().sort()).toEqual(['mie', 'sp']);
    expect(graph.getNodeAttribute('sp', 'label')).toBe('São Paulo <State> & "co"');
    expect(graph.getNodeAttribute('mie', 'kind')).toBe('self');
    expect(graph.edges()).toEqual(['l1']);
    expect(graph.getEdgeAttribute('l1', 'kind')).toBe('sister');
    expect(xml).toContain('start="1973-09-01" end="2020-12-31"');
    expect(xml).toContain('mode="dynamic"');
  });

  it('writes GraphML that graphology-graphml reads back', () => {
    const graph = parseGraphml(Graph, read(networkToGraphml(sample())));
    expect(graph.order).toBe(2);
    expect(graph.size).toBe(1);
    expect(graph.getNodeAttribute('mie', 'label')).toBe('三重県');
  });

  it('imports a GEXF from another tool, defaulting and reporting unknown kinds', () => {
    const gexf = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="undirected">
<nodes><node id="a" label="Tsu"/><node id="b" label="Valencia"/></nodes>
<edges><edge id="e" source="a" target="b"/></edges></graph></gexf>`;
    const network = createNetwork();
    const report = importGraphFile(network, gexf, 'gexf', { lang: 'en' });
    expect(report).toMatchObject({ entities: 2, links: 1 });
    expect(report.defaulted).toHaveLength(3);
    expect(
      network
        .entities()
        .map((e) => [e.kind, e.name.en])
        .sort(),
    ).toEqual([
      ['organization', 'Tsu'],
      ['organization', 'Valencia'],
    ]);
    expect(network.links()[0]?.kind).toBe('partner');
  });

  it('round-trips its own GraphML through import', () => {
    const network = createNetwork();
    importGraphFile(network, networkToGraphml(sample()), 'graphml');
    expect(
      network
        .entities()
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['region', 'self']);
    expect(network.links()[0]?.kind).toBe('sister');
  });

  it('refuses DOCTYPE and entity declarations (billion laughs, external entities) before parsing', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
<gexf><graph><nodes><node id="a" label="&lol2;"/></nodes></graph></gexf>`;
    const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><graphml/>`;
    for (const [xml, format] of [
      [laughs, 'gexf'],
      [external, 'graphml'],
    ] as const) {
      const network = createNetwork();
      try {
        importGraphFile(network, xml, format);
        expect.unreachable();
      } catch (error) {
        expect(isMusubiError(error, 'FORMAT')).toBe(true);
      }
      expect(network.counts().entities).toBe(0);
    }
  });

  it('writes the periods a link was in force as GEXF spells, by the rules of asOf', () => {
    const network = sample();
    network.updateEntity('sp', { since: '1970', until: '2030-03' });
    const mou = network.addLink({
      id: 'mou',
      kind: 'mou',
      source: 'mie',
      target: 'sp',
      events: [
        { type: 'signed', date: '2013-11' },
        { type: 'revised', date: '2014' },
        { type: 'suspended', date: '2015' },
        { type: 'renewed', date: '2016-04-01' },
      ],
    });
    expect(linkSpells(mou)).toEqual([{ start: '2013-11-01', end: '2015-12-31' }, { start: '2016-04-01' }]);
    for (const [day, inForce] of [
      ['2013-10-31', false],
      ['2015-12-31', true],
      ['2016-01-01', false],
      ['2016-04-01', true],
    ] as const) {
      expect(network.asOf(day).link('mou') !== undefined, day).toBe(inForce);
    }
    const ended = network.addLink({
      kind: 'partner',
      source: 'mie',
      target: 'sp',
      events: [{ type: 'ended', date: '2001' }],
    });
    expect(linkSpells(ended)).toEqual([{ end: '2001-12-31' }]);

    const xml = networkToGexf(network);
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const edge = [...Array.from(doc.getElementsByTagName('edge'))].find(
      (e) => e.getAttribute('id') === 'mou',
    );
    const spells = Array.from(edge?.getElementsByTagName('spell') ?? []).map((s) => [
      s.getAttribute('start'),
      s.getAttribute('end') || null,
    ]);
    expect(spells).toEqual([
      ['2013-11-01', '2015-12-31'],
      ['2016-04-01', null],
    ]);
    expect(xml).toContain('<node id="sp" label="サンパウロ州" start="1970-01-01" end="2030-03-31">');
    // another graphology reader still sees the same nodes and edges
    const graph = parseGexf(Graph, xml);
    expect(graph.order).toBe(2);
    expect(graph.edges().sort()).toEqual(['l1', 'mou', ended.id].sort());
  });

  describe('hostile GEXF and GraphML', () => {
    const gexfWith = (nodes: string, attributes = '') =>
      `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">${attributes}
<nodes>${nodes}</nodes><edges/></graph></gexf>`;
    const refusal = (xml: string | Uint8Array, format: 'gexf' | 'graphml' = 'gexf') => {
      const network = createNetwork();
      try {
        importGraphFile(network, xml, format, { lang: 'en' });
      } catch (error) {
        expect(network.counts().entities).toBe(0);
        if (isMusubiError(error)) return error;
        throw error;
      }
      throw new Error('expected the file to be refused');
    };

    it('keeps __proto__ and constructor ids and attributes away from prototypes', () => {
      const xml = gexfWith(
        '<node id="__proto__" label="a"><attvalues><attvalue for="__proto__" value="x"/><attvalue for="constructor" value="y"/><attvalue for="kind" value="constructor"/></attvalues></node><node id="constructor" label="b"/>',
        '<attributes class="node"><attribute id="__proto__" title="__proto__" type="string"/><attribute id="constructor" title="constructor" type="string"/><attribute id="kind" title="kind" type="string"/></attributes>',
      );
      const network = createNetwork();
      const report = importGraphFile(network, xml, 'gexf', { lang: 'en' });
      expect(report.defaulted).toContain("node __proto__: kind 'constructor' → organization");
      expect(network.entities().map((e) => [e.kind, e.name.en])).toEqual([
        ['organization', 'a'],
        ['organization', 'b'],
      ]);
      expect(network.entities().every((e) => e.id.startsWith('ent_'))).toBe(true);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    });

    it('refuses control characters and huge labels, naming the node, and imports nothing', () => {
      const control = refusal(gexfWith('<node id="ok" label="fine"/><node id="n2" label="x&#7;y"/>'));
      expect(control.path).toEqual(['node', 'n2', 'name', 'en']);
      const huge = refusal(gexfWith(`<node id="n1" label="${'x'.repeat(100_000)}"/>`));
      expect(huge.code).toBe('VALIDATION');
      expect(huge.path).toEqual(['node', 'n1', 'name', 'en']);
      const graphml = `<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="label" for="node" attr.name="label" attr.type="string"/><graph edgedefault="directed">
<node id="a"><data key="label">a&#1;b</data></node></graph></graphml>`;
      expect(refusal(graphml, 'graphml').path).toEqual(['node', 'a', 'name', 'en']);
    });

    it('refuses a file over the size limit and one that is not UTF-8 (Latin-1, UTF-16)', () => {
      const latin1 = new Uint8Array([
        ...new TextEncoder().encode(
          '<?xml version="1.0" encoding="ISO-8859-1"?><gexf><graph><nodes><node id="a" label="S',
        ),
        0xe3,
        ...new TextEncoder().encode('o Paulo"/></nodes></graph></gexf>'),
      ]);
      expect(refusal(latin1).code).toBe('FORMAT');
      const utf16 = new Uint8Array([
        0xff,
        0xfe,
        ...Array.from('<gexf/>', (c) => [c.charCodeAt(0), 0]).flat(),
      ]);
      expect(refusal(utf16).code).toBe('FORMAT');
      const network = createNetwork();
      expect(() =>
        importGraphFile(network, gexfWith('<node id="a" label="a"/>'), 'gexf', { maxBytes: 100 }),
      ).toThrow(expect.objectContaining({ code: 'FORMAT' }));
    });

    it('refuses a lower-case doctype and a parameter-entity trick too', () => {
      expect(refusal('<?xml version="1.0"?><!doctype gexf SYSTEM "http://evil/x.dtd"><gexf/>').code).toBe(
        'FORMAT',
      );
      expect(
        refusal(
          '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><graphml/>',
          'graphml',
        ).details,
      ).toEqual({ reason: 'doctype' });
    });
  });
});
