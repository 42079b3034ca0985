import { describe, expect, it } from 'vitest';
import { editQuery, editTarget, withoutEdit } from './edit-url.js';

describe('the edit parameter', () => {
  it('opens the record view on an entity, keeping the language and the panel', () => {
    const query = editQuery('?view=map&entity=thai-boi&lang=en', 'thai-boi');
    const q = new URLSearchParams(query);
    expect(q.get('view')).toBe('record');
    expect(q.get('edit')).toBe('thai-boi');
    expect(q.get('lang')).toBe('en');
    expect(editTarget(query)).toBe('thai-boi');
  });

  it('is read as text and dropped when done', () => {
    expect(editTarget('?edit=%3Cimg%20src%3Dx%3E')).toBe('<img src=x>');
    expect(editTarget('?edit=')).toBeUndefined();
    expect(withoutEdit('?view=record&edit=mie')).toBe('?view=record');
    expect(withoutEdit('?edit=mie')).toBe('');
  });
});
