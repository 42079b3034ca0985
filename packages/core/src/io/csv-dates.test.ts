import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMusubiError, type MusubiError } from '../errors.js';
import { addProgramme } from '../indicators/records.js';
import { createNetwork } from '../network/network.js';
import { importCsv } from './csv.js';

function errorOf(fn: () => unknown): MusubiError {
  try {
    fn();
  } catch (error) {
    if (isMusubiError(error)) return error;
    throw error;
  }
  throw new Error('expected a MusubiError');
}

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('CSV dates as Excel and staff write them', () => {
  it('imports a partner list whose dates Excel saved as yyyy/m/d, with eras typed by staff, and lists each reading', () => {
    const network = createNetwork();
    const report = importCsv(network, fixture('partners-excel.csv'), 'entities');
    expect(report.imported).toBe(5);
    expect(network.entity('sp')).toMatchObject({ since: '1973-09-05' });
    expect(network.entity('val')).toMatchObject({ since: '2015-01' });
    expect(network.entity('boi')).toMatchObject({ since: '2019-05-01' });
    expect(network.entity('hk')).toMatchObject({ since: '2018-04', until: '2018' });
    expect(network.entity('bkk')).toMatchObject({ since: '2019-05-01' });
    expect(report.dates).toEqual([
      { row: 2, column: '開始/since', text: '1973/9/5', date: '1973-09-05' },
      { row: 3, column: '開始/since', text: '2015年1月', date: '2015-01' },
      { row: 4, column: '開始/since', text: '令和元年5月1日', date: '2019-05-01' },
      { row: 5, column: '開始/since', text: 'H30.4', date: '2018-04' },
      { row: 5, column: '終了/until', text: '平成30年', date: '2018' },
      { row: 6, column: '開始/since', text: '２０１９．５．１', date: '2019-05-01' },
    ]);
  });

  it('refuses an ambiguous or impossible date with its cell, importing nothing', () => {
    const csv =
      'kind,name_ja,since,until\r\nregion,甲,1/5/2019,\r\nregion,乙,2019/5/1,令和元年4月1日\r\nregion,丙,43586,\r\n';
    const network = createNetwork();
    const error = errorOf(() => importCsv(network, csv, 'entities'));
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      [[2, '開始/since'], 'date-ambiguous'],
      [[3, '終了/until'], 'date-outside-era'],
      [[4, '開始/since'], 'date-serial'],
    ]);
    expect(error.issues[0]?.params).toMatchObject({ text: '1/5/2019' });
    expect(network.counts().entities).toBe(0);
  });

  it('reads link event dates (several in one cell) and engagement dates the same way', () => {
    const network = createNetwork();
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    network.addEntity({ id: 'sp', kind: 'region', name: { ja: 'サンパウロ州' } });
    addProgramme(network, {
      id: 'p',
      name: { ja: '事業' },
      basicProgramme: { code: '33101', name: { ja: '基本' } },
    });
    const links = importCsv(
      network,
      'kind,source,target,signed,revised\r\nsister,mie,sp,S48.9.5,H26;2018/7\r\n',
      'links',
    );
    expect(network.links()[0]?.events.map((e) => e.date)).toEqual(['1973-09-05', '2014', '2018-07']);
    expect(links.dates.map((d) => [d.column, d.text, d.date])).toEqual([
      ['締結/signed', 'S48.9.5', '1973-09-05'],
      ['改定/revised', 'H26', '2014'],
      ['改定/revised', '2018/7', '2018-07'],
    ]);
    const engagements = importCsv(
      network,
      '種別,日付,終了日,名称（日本語）,参加者\r\nseminar,令和元年6月10日,2019/6/11,セミナー,mie\r\n',
      'engagements',
    );
    expect(network.engagements()[0]).toMatchObject({ date: '2019-06-10', endDate: '2019-06-11' });
    expect(engagements.dates).toHaveLength(2);
  });

  it('lists no readings for ISO dates, and none for rows left out with partial', () => {
    const csv = 'kind,name_ja,since\r\nregion,甲,2019-05-01\r\nplanet,乙,2019/5/1\r\n';
    const report = importCsv(createNetwork(), csv, 'entities', { partial: true });
    expect(report.imported).toBe(1);
    expect(report.dates).toEqual([]);
  });
});
