import { describe, expect, it } from 'vitest';
import { csvKindOf, headOf, importFormatOf } from './file-formats.js';

describe('choosing the importer of a file', () => {
  it('goes by the file name first, whatever the content', () => {
    expect(importFormatOf('partners.csv', '{')).toBe('csv');
    expect(importFormatOf('NETWORK.JSON', '')).toBe('json');
    expect(importFormatOf('map.gexf', '')).toBe('gexf');
    expect(importFormatOf('yed.graphml', '')).toBe('graphml');
  });

  it('reads the first characters when the name does not say', () => {
    expect(importFormatOf('export.xml', '<?xml version="1.0"?>\n<gexf xmlns="http://gexf.net/1.3">')).toBe(
      'gexf',
    );
    expect(importFormatOf('export.xml', '<?xml version="1.0"?><graphml xmlns="…">')).toBe('graphml');
    expect(importFormatOf('download', '  {"format":"musubi"}')).toBe('json');
    expect(importFormatOf('list.txt', 'ID,種別,名称（日本語）\nx,region,A')).toBe('csv');
  });

  it('knows no format for other files', () => {
    expect(importFormatOf('photo.png', '\u0089PNG')).toBeUndefined();
    expect(importFormatOf('page.xml', '<html><body>')).toBeUndefined();
    expect(importFormatOf('notes.txt', 'just words')).toBeUndefined();
  });

  it('sniffs through a UTF-8 byte order mark', () => {
    const bytes = new TextEncoder().encode('\uFEFF{"format":"musubi"}');
    expect(headOf(bytes)).toBe('{"format":"musubi"}');
    expect(importFormatOf('file', headOf(bytes))).toBe('json');
  });
});

describe('telling an entity sheet from a link sheet', () => {
  it('reads a link sheet from its source and target columns, in either language or both', () => {
    expect(csvKindOf('ID/id,種別/kind,起点/source,終点/target\r\n')).toBe('links');
    expect(csvKindOf('種別,起点,終点,締結\n')).toBe('links');
    expect(csvKindOf('"kind","Source","TARGET"\n')).toBe('links');
  });

  it('reads anything else as an entity sheet', () => {
    expect(csvKindOf('ID/id,種別/kind,名称（日本語）/name_ja\r\n')).toBe('entities');
    expect(csvKindOf('ID/id,種別/kind,日付/date,参加者/participants\r\n')).toBe('engagements');
    expect(csvKindOf('種別,日付,参加者\n')).toBe('engagements');
    expect(csvKindOf('type,participants\n')).toBe('entities');
    expect(csvKindOf('kind,source\n')).toBe('entities');
    expect(csvKindOf('')).toBe('entities');
  });
});
