import { describe, expect, it } from 'vitest';
import { errorCodes, formatPath, isMusubiError, MusubiError } from './errors.js';

describe('MusubiError', () => {
  it('carries a code, a path, issues and details', () => {
    const error = new MusubiError('NOT_FOUND', 'entity x does not exist', {
      path: ['participants', 0, 'entity'],
      details: { id: 'x' },
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MusubiError');
    expect(error.code).toBe('NOT_FOUND');
    expect(error.path).toEqual(['participants', 0, 'entity']);
    expect(error.details).toEqual({ id: 'x' });
    expect(error.issues).toEqual([
      { path: ['participants', 0, 'entity'], code: 'NOT_FOUND', message: 'entity x does not exist' },
    ]);
  });

  it('takes its path from the first issue when no path is given', () => {
    const error = new MusubiError('VALIDATION', 'bad', {
      issues: [
        { path: ['name', 'en'], code: 'too_big', message: 'too long' },
        { path: ['country'], code: 'custom', message: 'unknown' },
      ],
    });
    expect(error.path).toEqual(['name', 'en']);
    expect(error.issues).toHaveLength(2);
  });

  it('defaults to an empty path and details', () => {
    const error = new MusubiError('READ_ONLY', 'no');
    expect(error.path).toEqual([]);
    expect(error.details).toEqual({});
  });

  it('keeps the cause it was given', () => {
    const cause = new Error('disk full');
    expect(new MusubiError('STORAGE', 'could not store', { cause }).cause).toBe(cause);
  });

  it('has exactly the documented codes', () => {
    expect([...errorCodes]).toEqual([
      'VALIDATION',
      'NOT_FOUND',
      'CONFLICT',
      'REFERENCE',
      'READ_ONLY',
      'FORMAT',
      'VERSION',
      'STORAGE',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'RATE_LIMITED',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'BAD_REQUEST',
      'UNAVAILABLE',
    ]);
  });
});

describe('isMusubiError', () => {
  it('recognises a MusubiError, optionally of one code', () => {
    const error = new MusubiError('CONFLICT', 'exists');
    expect(isMusubiError(error)).toBe(true);
    expect(isMusubiError(error, 'CONFLICT')).toBe(true);
    expect(isMusubiError(error, 'VALIDATION')).toBe(false);
  });

  it('refuses plain errors and other values', () => {
    expect(isMusubiError(new Error('x'))).toBe(false);
    expect(isMusubiError({ code: 'VALIDATION' })).toBe(false);
    expect(isMusubiError(null)).toBe(false);
  });
});

describe('formatPath', () => {
  it('writes fields with dots and positions in brackets', () => {
    expect(formatPath(['participants', 0, 'entity'])).toBe('participants[0].entity');
    expect(formatPath(['name', 'en'])).toBe('name.en');
    expect(formatPath([3, 'date'])).toBe('[3].date');
  });

  it('names the root when the path is empty', () => {
    expect(formatPath([])).toBe('(root)');
  });
});
