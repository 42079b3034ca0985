import { describe, expect, it } from 'vitest';
import { placeLabels } from './labels.js';

describe('placeLabels', () => {
  const measure = (text: string) => text.length * 7;
  it('puts a label left when the right is taken or off the map, and leaves it out when both are', () => {
    const placed = placeLabels(
      [
        { key: 'tokyo', text: 'Tokyo', x: 100, y: 50, r: 4 },
        { key: 'yokohama', text: 'Yokohama', x: 102, y: 52, r: 4 },
        { key: 'kawasaki', text: 'Kawasaki', x: 101, y: 51, r: 4 },
        { key: 'east', text: 'East', x: 190, y: 50, r: 4 },
      ],
      { width: 200, height: 100 },
      measure,
    );
    expect(placed.get('tokyo')).toEqual({ x: 107, y: 43, width: 35, height: 14 });
    expect(placed.get('yokohama')?.x).toBe(102 - 4 - 3 - 56);
    expect(placed.has('kawasaki')).toBe(false);
    expect(placed.get('east')?.x).toBe(190 - 4 - 3 - 28);
  });

  it('keeps labels inside the map', () => {
    const placed = placeLabels(
      [{ key: 'edge', text: 'A long name', x: 5, y: 3, r: 4 }],
      { width: 40, height: 40 },
      measure,
    );
    expect(placed.size).toBe(0);
  });
});

describe('placeLabels on one side only', () => {
  it('leaves a label out rather than put it left when only the right is allowed', () => {
    const placed = placeLabels(
      [{ key: 'east', text: 'East', x: 190, y: 50, r: 4 }],
      { width: 200, height: 100 },
      (text) => text.length * 7,
      14,
      ['right'],
    );
    expect(placed.size).toBe(0);
  });
});
