/**
 * Clusters of the world map: marks closer than a radius on screen become one mark with their count,
 * so that entities at the same place (70 at Tsu, three Thai bodies at Bangkok) can all be reached.
 */

/** A point to draw, in screen pixels; a lower `rank` is placed first and leads its cluster. */
export interface Mark {
  id: string;
  x: number;
  y: number;
  rank: number;
}

/** One drawn mark: a single entity (`members.length === 1`) or several near one another. */
export interface Cluster {
  /** The id of its leading member: stable while the members around it come and go. */
  key: string;
  x: number;
  y: number;
  members: string[];
}

/**
 * Groups marks greedily in rank order: each joins the first cluster whose centre lies within
 * `radius`, or starts one at its own point (centres never move, so a zoom does not shuffle them).
 * A grid of `radius`-wide cells keeps it linear in the number of marks.
 */
export function clusterMarks(marks: readonly Mark[], radius: number): Cluster[] {
  const ordered = [...marks].sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
  const clusters: Cluster[] = [];
  const grid = new Map<string, Cluster[]>();
  const cell = (x: number, y: number) => [Math.floor(x / radius), Math.floor(y / radius)] as const;
  for (const m of ordered) {
    const [cx, cy] = cell(m.x, m.y);
    let home: Cluster | undefined;
    let best = radius * radius;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const c of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = (c.x - m.x) ** 2 + (c.y - m.y) ** 2;
          if (d <= best) {
            best = d;
            home = c;
          }
        }
      }
    }
    if (home) {
      home.members.push(m.id);
      continue;
    }
    const created: Cluster = { key: m.id, x: m.x, y: m.y, members: [m.id] };
    clusters.push(created);
    const at = `${cx},${cy}`;
    grid.set(at, [...(grid.get(at) ?? []), created]);
  }
  return clusters;
}
