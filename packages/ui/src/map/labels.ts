/**
 * Labels where they fit (both maps): each label goes right (or else left, when allowed) of its
 * mark, and is left out when it would cover another label or mark or leave the map. Earlier
 * candidates win, so callers list the most important first.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelCandidate {
  key: string;
  text: string;
  /** The mark's centre and radius, in pixels. */
  x: number;
  y: number;
  r: number;
}

const GAP = 3;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Places the labels in the candidates' order inside `bounds`; `measure` gives a text's width and
 * `height` the line's. Returns the rectangle of each label placed, by key.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  bounds: { width: number; height: number },
  measure: (text: string) => number,
  height = 14,
  sides: readonly ('right' | 'left')[] = ['right', 'left'],
): Map<string, Rect> {
  const marks: Rect[] = candidates.map((c) => ({
    x: c.x - c.r,
    y: c.y - c.r,
    width: 2 * c.r,
    height: 2 * c.r,
  }));
  const placed = new Map<string, Rect>();
  const taken: Rect[] = [];
  candidates.forEach((c, i) => {
    const width = measure(c.text);
    const y = c.y - height / 2;
    const options: Rect[] = sides.map((side) =>
      side === 'right'
        ? { x: c.x + c.r + GAP, y, width, height }
        : { x: c.x - c.r - GAP - width, y, width, height },
    );
    const fits = (r: Rect) =>
      r.x >= 0 &&
      r.y >= 0 &&
      r.x + r.width <= bounds.width &&
      r.y + r.height <= bounds.height &&
      !taken.some((t) => overlaps(t, r)) &&
      !marks.some((m, j) => j !== i && overlaps(m, r));
    const chosen = options.find(fits);
    if (chosen) {
      placed.set(c.key, chosen);
      taken.push(chosen);
    }
  });
  return placed;
}
