import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isMusubiError, type MusubiError } from '../errors.js';
import { createNetwork } from '../network/network.js';
import { importGraphFile } from './graph-import.js';

function errorOf(fn: () => unknown): MusubiError {
  try {
    fn();
  } catch (error) {
    if (isMusubiError(error)) return error;
    throw error;
  }
  throw new Error('expected a MusubiError');
}

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** Everything written to the console or to stderr while `fn` runs. */
function printedBy(fn: () => void): unknown[] {
  const printed: unknown[] = [];
  for (const level of ['error', 'warn', 'log'] as const)
    vi.spyOn(console, level).mockImplementation((...args) => {
      printed.push(args);
    });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    printed.push(chunk);
    return true;
  });
  fn();
  return printed;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('GraphML from yEd and yFiles', () => {
  it('imports a yEd file with its node labels (shape, generic and group nodes) and edge labels', () => {
    const network = createNetwork();
    const report = importGraphFile(network, fixture('yed-partners.graphml'), 'graphml');
    expect(report).toMatchObject({ entities: 4, links: 2, skipped: [] });
    const names = Object.fromEntries(network.entities().map((e) => [e.id, e.name.ja]));
    expect(names).toEqual({
      n0: '三重県',
      // a label on two lines becomes one line
      n1: 'タイ投資委員会 Thailand BOI',
      // a group node: the label of its first (open) realizer
      n2: '県内市町',
      'n2::n0': '津市',
    });
    const mou = network.link('e0');
    expect(mou).toMatchObject({ source: 'n0', target: 'n1', kind: 'partner', title: { ja: '覚書 (MOU)' } });
    expect(network.link('e1')).toMatchObject({ source: 'n0', target: 'n2::n0' });
    expect(network.link('e1')?.title).toBeUndefined();
  });

  it('puts labels in the language asked for', () => {
    const network = createNetwork();
    importGraphFile(network, fixture('yed-partners.graphml'), 'graphml', { lang: 'en' });
    expect(network.entity('n0')?.name).toEqual({ en: '三重県' });
    expect(network.link('e0')?.title).toEqual({ en: '覚書 (MOU)' });
  });

  it('reads a key declared for="all" on nodes and edges, and skips keys of ports and of the root', () => {
    const graphml = `<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k" for="all" attr.name="kind" attr.type="string"/>
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="p" for="port" attr.name="side" attr.type="string"/>
  <key id="r" for="graphml" attr.name="creator" attr.type="string"/>
  <key id="h" for="hyperedge" attr.name="weight" attr.type="double"/>
  <data key="r">a yFiles tool</data>
  <graph edgedefault="undirected">
    <data key="k">ignored</data>
    <node id="mie"><data key="k">self</data><data key="label">三重県</data><port name="west"><data key="p">left</data></port></node>
    <node id="sp"><data key="k">region</data><data key="label">サンパウロ州</data></node>
    <edge id="l1" source="mie" target="sp"><data key="k">sister</data></edge>
  </graph>
</graphml>`;
    const network = createNetwork();
    const report = importGraphFile(network, graphml, 'graphml');
    expect(report.defaulted).toEqual([]);
    expect(network.entity('mie')).toMatchObject({ kind: 'self', name: { ja: '三重県' } });
    expect(network.entity('sp')).toMatchObject({ kind: 'region' });
    expect(network.link('l1')).toMatchObject({ kind: 'sister' });
  });

  it('names the node when a yEd label is refused, imports nothing and prints nothing', () => {
    const hostile = fixture('yed-partners.graphml').replace('津市', `津市${'長'.repeat(400)}`);
    const network = createNetwork();
    let error: MusubiError | undefined;
    const printed = printedBy(() => {
      error = errorOf(() => importGraphFile(network, hostile, 'graphml'));
    });
    expect(error?.code).toBe('VALIDATION');
    expect(error?.issues[0]?.path.slice(0, 3)).toEqual(['node', 'n2::n0', 'name']);
    expect(network.log()).toHaveLength(0);
    expect(printed).toEqual([]);
  });

  it('refuses a yEd file broken mid-label as FORMAT without xmldom’s own lines on stderr', () => {
    const broken = fixture('yed-partners.graphml').replace('</y:NodeLabel>', '');
    let error: MusubiError | undefined;
    const printed = printedBy(() => {
      error = errorOf(() => importGraphFile(createNetwork(), broken, 'graphml'));
    });
    expect(error?.code).toBe('FORMAT');
    expect(error?.message).not.toMatch(/Cannot (set|read) properties/);
    expect(printed).toEqual([]);
  });

  it('refuses a yEd file whose edge points to a node it does not declare, by the file’s ids', () => {
    const hostile = fixture('yed-partners.graphml').replace('target="n2::n0"', 'target="n9"');
    const error = errorOf(() => importGraphFile(createNetwork(), hostile, 'graphml'));
    expect(error.issues.map((i) => [i.path, i.code, i.params?.node])).toEqual([
      [['edge', 'e1'], 'undeclared-node', 'n9'],
    ]);
  });

  it('falls back to the node id when a yEd node has no label', () => {
    const unlabelled = fixture('yed-partners.graphml').replace('>三重県<', '><');
    const network = createNetwork();
    importGraphFile(network, unlabelled, 'graphml');
    expect(network.entity('n0')?.name).toEqual({ ja: 'n0' });
  });
});
