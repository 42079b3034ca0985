import { describe, expect, it } from 'vitest';
import { typedDate } from './typed-date.js';

describe('dates typed into forms', () => {
  it('reads the forms staff type into the partial dates records keep', () => {
    expect(['2019/5/1', '令和元年5月1日', 'H30.4', '２０１９年５月', '2019-05-01'].map(typedDate)).toEqual([
      '2019-05-01',
      '2019-05-01',
      '2018-04',
      '2019-05',
      '2019-05-01',
    ]);
  });

  it('passes text it cannot read on as typed, for the schema to refuse in the field', () => {
    expect(typedDate(' 1/5/2019 ')).toBe('1/5/2019');
    expect(typedDate('')).toBe('');
  });
});
