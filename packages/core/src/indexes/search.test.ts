import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNetwork, type Network } from '../network/network.js';
import { foldForSearch, matchesInPieces, matchScore, searchKeys } from './search.js';

function network(): Network {
  const n = createNetwork();
  n.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
  n.addEntity({
    id: 'thai-boi',
    kind: 'government',
    name: { ja: 'タイ投資委員会', en: 'Thailand Board of Investment' },
    aliases: ['BOI'],
    country: 'TH',
  });
  n.addEntity({
    id: 'sp',
    kind: 'region',
    name: { ja: 'サンパウロ州', en: 'São Paulo State' },
    country: 'BR',
  });
  n.addEntity({ id: 'jetro', kind: 'organization', name: { ja: 'ジェトロ三重', en: 'JETRO Mie' } });
  n.addEntity({ id: 'nfi', kind: 'facility', name: { en: 'National Food Institute' }, aliases: ['NFI'] });
  return n;
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

describe('foldForSearch', () => {
  it('folds width, case, kana and punctuation', () => {
    expect(foldForSearch('ＢＯＩ')).toBe('boi');
    expect(foldForSearch('ﾀｲ')).toBe(foldForSearch('たい'));
    expect(foldForSearch('タイ')).toBe('たい');
    expect(foldForSearch('  São　Paulo・State ')).toBe('sao paulo state');
    expect(foldForSearch('Mie-Thai (innovation)')).toBe('mie thai innovation');
  });

  it('drops Latin diacritics, precomposed or combining, but keeps the kana voicing marks', () => {
    expect(foldForSearch('São Paulo')).toBe('sao paulo');
    expect(foldForSearch('Sa\u0303o Paulo')).toBe('sao paulo');
    expect(foldForSearch('Müller Hôtel')).toBe('muller hotel');
    expect(foldForSearch('ガイド')).not.toBe(foldForSearch('カイト'));
    expect(foldForSearch('ｶﾞｲﾄﾞ')).toBe(foldForSearch('がいど'));
    expect(foldForSearch('パリ')).not.toBe(foldForSearch('ハリ'));
  });
});

describe('search', () => {
  it('finds by English name, case-insensitively', () => {
    expect(ids(network().search('thailand'))).toEqual(['thai-boi']);
    expect(ids(network().search('MIE PREFECTURE'))).toEqual(['mie']);
  });

  it('finds a name with diacritics typed without them: sao paulo finds São Paulo', () => {
    const n = network();
    expect(ids(n.search('sao paulo'))).toEqual(['sp']);
    expect(ids(n.search('SÃO PAULO'))).toEqual(['sp']);
  });

  it('finds full-width text: ＢＯＩ finds BOI', () => {
    expect(ids(network().search('ＢＯＩ'))).toEqual(['thai-boi']);
    expect(ids(network().search('ｊｅｔｒｏ'))).toEqual(['jetro']);
  });

  it('finds by Japanese name, treating katakana and hiragana alike', () => {
    const n = network();
    expect(ids(n.search('三重'))).toEqual(['mie', 'jetro']);
    expect(ids(n.search('たい'))).toEqual(['thai-boi']);
    expect(ids(n.search('さんぱうろ'))).toEqual(['sp']);
    expect(ids(n.search('ｻﾝﾊﾟｳﾛ'))).toEqual(['sp']);
  });

  it('finds by alias and by id', () => {
    const n = network();
    expect(ids(n.search('nfi'))).toEqual(['nfi']);
    expect(ids(n.search('thai-boi'))).toEqual(['thai-boi']);
  });

  it('ranks exact matches before prefixes before substrings', () => {
    const n = network();
    n.addEntity({ id: 'mie-u', kind: 'organization', name: { en: 'Mie University' } });
    n.addEntity({ id: 'mie-x', kind: 'organization', name: { en: 'Mie' } });
    expect(ids(n.search('mie')).slice(0, 2)).toEqual(['mie', 'mie-x']);
    expect(ids(n.search('mie'))).toContain('jetro');
    expect(ids(n.search('mie')).at(-1)).toBe('jetro');
  });

  it('matches several words in any order', () => {
    expect(ids(network().search('investment thailand'))).toEqual(['thai-boi']);
    expect(ids(network().search('ＢＯＩ タイ'))).toEqual(['thai-boi']);
    expect(network().search('boi brazil')).toEqual([]);
  });

  it('filters by kind, limits the answer, and finds nothing for empty text', () => {
    const n = network();
    expect(ids(n.search('三重', { kind: 'organization' }))).toEqual(['jetro']);
    expect(n.search('三重', { limit: 1 })).toHaveLength(1);
    expect(n.search('   ')).toEqual([]);
    expect(n.search('zzz')).toEqual([]);
    expect(() => n.search(42 as never)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('sees renamed, added and removed entities', () => {
    const n = network();
    expect(n.search('bangkok')).toEqual([]);
    n.updateEntity('nfi', { name: { en: 'National Food Institute, Bangkok' } });
    expect(ids(n.search('bangkok'))).toEqual(['nfi']);
    n.removeEntity('nfi');
    expect(n.search('bangkok')).toEqual([]);
  });
});

describe('search by post', () => {
  /** An embassy, its ambassador in post since 2018-10 (named only as 大使B), and a Spanish embassy. */
  function posts(): Network {
    const n = createNetwork();
    n.addEntity({
      id: 'thai-embassy',
      kind: 'mission',
      name: { ja: '駐日タイ王国大使館', en: 'Royal Thai Embassy in Japan' },
      country: 'TH',
    });
    n.addEntity({
      id: 'spain-embassy',
      kind: 'mission',
      name: { ja: '駐日スペイン大使館', en: 'Embassy of Spain in Japan' },
      country: 'ES',
    });
    n.addEntity({ id: 'amb-b', kind: 'person', name: { ja: '大使B', en: 'Ambassador B' } });
    n.addEntity({ id: 'someone', kind: 'person', name: { ja: '山田', en: 'Yamada' } });
    n.addLink({
      id: 'amb-b-role',
      kind: 'role',
      source: 'amb-b',
      target: 'thai-embassy',
      title: { ja: '特命全権大使', en: 'Ambassador' },
      events: [{ type: 'signed', date: '2018-10' }],
    });
    return n;
  }

  it('finds a person by their post and where they hold it: タイ大使 and 駐日タイ大使 find the ambassador', () => {
    const n = posts();
    expect(ids(n.search('タイ大使', { kind: 'person' }))).toEqual(['amb-b']);
    expect(ids(n.search('駐日タイ大使', { kind: 'person' }))).toEqual(['amb-b']);
    expect(ids(n.search('特命全権大使'))).toEqual(['amb-b']);
    expect(ids(n.search('thai embassy', { kind: 'person' }))).toEqual(['amb-b']);
    // not the holder of no post there
    expect(ids(n.search('スペイン大使', { kind: 'person' }))).toEqual([]);
  });

  it('ranks a match of the name before a match of the post', () => {
    const n = posts();
    n.addEntity({ id: 'thai-desk', kind: 'person', name: { ja: 'タイ担当', en: 'Thai desk' } });
    expect(ids(n.search('thai', { kind: 'person' }))).toEqual(['thai-desk', 'amb-b']);
  });

  it('follows the post: a renamed embassy, a removed post', () => {
    const n = posts();
    n.updateEntity('thai-embassy', { name: { ja: '駐日タイ王国大使館', en: 'Embassy of Siam' } });
    expect(ids(n.search('siam'))).toEqual(['thai-embassy', 'amb-b']);
    n.updateLink('amb-b-role', { title: { ja: '公使', en: 'Minister' } });
    expect(ids(n.search('minister'))).toEqual(['amb-b']);
    n.removeLink('amb-b-role');
    expect(ids(n.search('siam'))).toEqual(['thai-embassy']);
    expect(n.search('タイ大使', { kind: 'person' })).toEqual([]);
  });

  it('on a day, knows only the posts held then', () => {
    const n = posts();
    n.addLink({
      id: 'yamada-knows',
      kind: 'partner',
      source: 'someone',
      target: 'amb-b',
      events: [{ type: 'signed', date: '2015' }],
    });
    expect(ids(n.asOf('2019-04-01').search('タイ大使', { kind: 'person' }))).toEqual(['amb-b']);
    expect(n.asOf('2016-04-01').search('タイ大使', { kind: 'person' })).toEqual([]);
  });

  it('splits only Japanese text into pieces: a Latin query runs its words together at its own risk', () => {
    expect(matchesInPieces('たい大使', ['駐日たい王国大使館'])).toBe(true);
    expect(matchesInPieces('thaiembassy', ['royal thai embassy in japan'])).toBe(false);
    // every piece is two characters or more: 大 alone in one key and 使 in another is no match
    expect(matchesInPieces('大使', ['大きい', '使う'])).toBe(false);
  });
});

describe('the search index', () => {
  /** What search finds without the index: every entity scored, in the graph's order, best first. */
  function scan(network: Network, text: string): string[] {
    const query = foldForSearch(text);
    if (query === '') return [];
    const scored: { id: string; score: number }[] = [];
    for (const entity of network.entities()) {
      const score = matchScore(query, searchKeys(entity));
      if (score > 0) scored.push({ id: entity.id, score });
    }
    return scored.sort((a, b) => b.score - a.score).map((s) => s.id);
  }

  const syllable = fc.constantFrom('ka', 'ta', 'na', 'mie', 'boi', 'タイ', 'ＢＯＩ', 'san', ' ', '・');
  const name = fc.array(syllable, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));

  it('finds exactly what a scan of every entity finds, also after renames and removals', () => {
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 1, maxLength: 12 }),
        fc.array(name, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (names, queries, edits) => {
          const network = createNetwork({ author: 'test' });
          names.forEach((n, i) => {
            if (n.trim() !== '' && n.replace(/[ ・]/g, '') !== '')
              network.addEntity({ id: `e${i}`, kind: 'organization', name: { en: n } });
          });
          const ids = network.entities().map((e) => e.id);
          const ask = () => {
            for (const q of queries)
              expect(network.search(q, { limit: 1000 }).map((e) => e.id)).toEqual(scan(network, q));
          };
          ask();
          for (const [k, pick] of edits.entries()) {
            const id = ids[pick % Math.max(1, ids.length)];
            if (id === undefined || !network.entity(id)) continue;
            if (k % 2 === 0) network.updateEntity(id, { name: { en: `${queries[0] ?? 'x'} renamed` } });
            else network.removeEntity(id);
          }
          ask();
        },
      ),
      { numRuns: 150 },
    );
  });
});
