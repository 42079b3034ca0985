import { describe, expect, it } from 'vitest';
import { createNetwork } from '../network/network.js';
import { importGraphFile, networkToGexf, networkToGraphml } from './graph-files.js';

function partners() {
  const network = createNetwork();
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  network.addEntity({
    id: 'sp',
    kind: 'region',
    name: { ja: 'サンパウロ州', en: 'São Paulo' },
    country: 'BR',
    since: '1970',
    until: '2030-03',
  });
  network.addLink({
    id: 'sister-sp',
    kind: 'sister',
    source: 'mie',
    target: 'sp',
    events: [
      { type: 'signed', date: '1973-09' },
      { type: 'revised', date: '1990' },
      { type: 'suspended', date: '2015' },
      { type: 'renewed', date: '2016-04-01' },
    ],
  });
  return network;
}

const essentials = (network: ReturnType<typeof createNetwork>) => ({
  entities: network.entities().map((e) => ({
    id: e.id,
    kind: e.kind,
    name: e.name,
    country: e.country,
    since: e.since,
    until: e.until,
  })),
  links: network.links().map((l) => ({
    id: l.id,
    kind: l.kind,
    source: l.source,
    target: l.target,
    events: l.events.map((e) => [e.type, e.date]),
  })),
});

describe('Musubi → GEXF / GraphML → Musubi', () => {
  for (const [format, write] of [
    ['gexf', networkToGexf],
    ['graphml', networkToGraphml],
  ] as const) {
    it(`keeps ids, entity periods and every link event through ${format}`, () => {
      const network = partners();
      const copy = createNetwork();
      importGraphFile(copy, write(network, { lang: 'en' }), format, { lang: 'en' });
      expect(essentials(copy)).toEqual(essentials(network));
    });
  }

  it('gives new ids where the file’s ids are taken or not Musubi ids, and keeps the links between them', () => {
    const network = partners();
    const gexf = networkToGexf(network);
    importGraphFile(network, gexf, 'gexf');
    expect(network.counts()).toMatchObject({ entities: 4, links: 2 });
    const [, second] = network.links();
    expect(second?.id).not.toBe('sister-sp');
    expect(network.entity(second?.source ?? '')?.name.ja).toBe('三重県');
    expect(second?.source).not.toBe('mie');
  });

  it('reads Gephi’s dynamics (node start/end, edge spells) into periods and link events', () => {
    const gexf = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph mode="dynamic" timeformat="date" defaultedgetype="undirected">
    <nodes>
      <node id="a" label="Tsu" start="1889-04-01"/>
      <node id="b" label="Valencia" start="2015-01-01" end="2030-12-31"/>
    </nodes>
    <edges>
      <edge id="e" source="a" target="b">
        <spells>
          <spell start="2015-01-01" end="2017-12-31"/>
          <spell start="2019-05-01"/>
        </spells>
      </edge>
      <edge id="f" source="b" target="a" start="2016-04-01" end="2018-03-31"/>
    </edges>
  </graph>
</gexf>`;
    const network = createNetwork();
    importGraphFile(network, gexf, 'gexf', { lang: 'en' });
    expect(network.entity('a')).toMatchObject({ since: '1889-04-01' });
    expect(network.entity('b')).toMatchObject({ since: '2015-01-01', until: '2030-12-31' });
    expect(network.link('e')?.events.map((e) => [e.type, e.date])).toEqual([
      ['signed', '2015-01-01'],
      ['suspended', '2017-12-31'],
      ['renewed', '2019-05-01'],
    ]);
    expect(network.link('f')?.events.map((e) => [e.type, e.date])).toEqual([
      ['signed', '2016-04-01'],
      ['ended', '2018-03-31'],
    ]);
    expect(network.asOf('2018-06-01').link('e')).toBeUndefined();
    expect(network.asOf('2020-01-01').link('e')).toBeDefined();
  });
});
