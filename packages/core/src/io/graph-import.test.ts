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

afterEach(() => {
  vi.restoreAllMocks();
});

describe('graph files from Gephi and igraph', () => {
  it('refuses a Gephi file with a self-loop, naming it by the file’s edge id, node id and label', () => {
    const network = createNetwork();
    const error = errorOf(() => importGraphFile(network, fixture('gephi-partners.gexf'), 'gexf'));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues.map((i) => [i.path, i.code, i.params?.node, i.params?.label])).toEqual([
      [['edge', '3'], 'self-loop', '3', 'Board of Investment'],
    ]);
    expect(network.log()).toHaveLength(0);
  });

  it('with partial, imports the rest of a Gephi file and reports the loop it left out', () => {
    const network = createNetwork();
    const report = importGraphFile(network, fixture('gephi-partners.gexf'), 'gexf', {
      lang: 'en',
      partial: true,
    });
    expect(report).toMatchObject({ entities: 4, links: 4, defaultedCounts: { nodes: 4, edges: 4 } });
    expect(report.skipped.map((i) => i.code)).toEqual(['self-loop']);
    expect(
      network
        .entities()
        .map((e) => e.name.en)
        .sort(),
    ).toEqual(['Board of Investment', 'Mie', 'Sao Paulo', 'Valencia']);
    expect(network.log()).toHaveLength(1);
  });

  it('names the loops of an igraph file, whose edges have no ids, by their nodes', () => {
    const error = errorOf(() => importGraphFile(createNetwork(), fixture('igraph-loops.graphml'), 'graphml'));
    expect(error.issues.map((i) => [i.path, i.params?.label])).toEqual([
      [['edge', 'n0→n0'], 'Tsu'],
      [['edge', 'n2→n2'], 'Ise'],
    ]);
    const network = createNetwork();
    const report = importGraphFile(network, fixture('igraph-loops.graphml'), 'graphml', { partial: true });
    expect(report).toMatchObject({ entities: 3, links: 2 });
    expect(network.entities().map((e) => e.name.ja)).toEqual(['Tsu', 'Yokkaichi', 'Ise']);
  });

  it('refuses edges to nodes the file does not declare, by their ids, instead of inventing entities', () => {
    const gexf = fixture('gephi-partners.gexf')
      .replace('<edge id="3" source="3" target="3" weight="1.0"></edge>', '')
      .replace(
        '<edge id="4" source="2" target="3"></edge>',
        '<edge id="4" source="2" target="9"></edge><edge id="5" source="x" target="y"></edge>',
      );
    const network = createNetwork();
    const error = errorOf(() => importGraphFile(network, gexf, 'gexf'));
    expect(error.issues.map((i) => [i.path, i.code, i.params?.node])).toEqual([
      [['edge', '4'], 'undeclared-node', '9'],
      [['edge', '5'], 'undeclared-node', 'x'],
    ]);
    expect(network.counts().entities).toBe(0);
    const report = importGraphFile(network, gexf, 'gexf', { partial: true });
    expect(report).toMatchObject({ entities: 4, links: 3 });
    expect(network.counts().entities).toBe(4);
  });

  it('refuses a GEXF without <graph> and malformed XML as FORMAT, printing nothing to the console', () => {
    const printed: unknown[] = [];
    for (const level of ['error', 'warn', 'log'] as const)
      vi.spyOn(console, level).mockImplementation((...args) => {
        printed.push(args);
      });
    const noGraph = errorOf(() =>
      importGraphFile(
        createNetwork(),
        '<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3"><meta/></gexf>',
        'gexf',
      ),
    );
    expect(noGraph.code).toBe('FORMAT');
    expect(noGraph.message).not.toContain('Cannot read properties');
    const broken = fixture('gephi-partners.gexf').replace('</nodes>', '');
    expect(errorOf(() => importGraphFile(createNetwork(), broken, 'gexf')).code).toBe('FORMAT');
    expect(
      errorOf(() => importGraphFile(createNetwork(), '<graphml><graph><node id="a"', 'graphml')).code,
    ).toBe('FORMAT');
    expect(printed).toEqual([]);
  });

  it('counts guessed kinds for one summary line, however many nodes the file holds', () => {
    const nodes = Array.from({ length: 2_000 }, (_, i) => `<node id="n${i}" label="N${i}"/>`).join('');
    const gexf = `<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes>${nodes}</nodes><edges/></graph></gexf>`;
    const report = importGraphFile(createNetwork(), gexf, 'gexf');
    expect(report.defaultedCounts).toEqual({ nodes: 2_000, edges: 0 });
  });
});
