import { describe, expect, it } from 'vitest';
import { clusterMarks } from './clusters.js';

describe('clusterMarks', () => {
  it('puts marks at the same place into one cluster led by the first in rank', () => {
    const clusters = clusterMarks(
      [
        { id: 'b', x: 10, y: 10, rank: 1 },
        { id: 'a', x: 10, y: 10, rank: 0 },
        { id: 'c', x: 10.5, y: 9.5, rank: 1 },
        { id: 'far', x: 200, y: 10, rank: 0 },
      ],
      12,
    );
    expect(clusters).toEqual([
      { key: 'a', x: 10, y: 10, members: ['a', 'b', 'c'] },
      { key: 'far', x: 200, y: 10, members: ['far'] },
    ]);
  });

  it('splits a cluster when the marks move apart (a zoom) and keeps its key', () => {
    const at = (scale: number) =>
      clusterMarks(
        [
          { id: 'bangkok', x: 100 * scale, y: 50 * scale, rank: 0 },
          { id: 'ayutthaya', x: 101 * scale, y: 49 * scale, rank: 0 },
        ],
        12,
      );
    expect(at(1).map((c) => c.members.length)).toEqual([2]);
    expect(
      at(40)
        .map((c) => c.key)
        .sort(),
    ).toEqual(['ayutthaya', 'bangkok']);
  });

  it('joins a mark to the nearest of two clusters within reach, across grid cells', () => {
    const clusters = clusterMarks(
      [
        { id: 'left', x: 11, y: 0, rank: 0 },
        { id: 'right', x: 25, y: 0, rank: 0 },
        { id: 'middle', x: 20, y: 0, rank: 1 },
      ],
      10,
    );
    expect(clusters.find((c) => c.key === 'right')?.members).toEqual(['right', 'middle']);
  });
});
