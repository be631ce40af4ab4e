/**
 * The ceiling lines of necessary-condition analysis (Dul 2016) for the upper-left corner: the
 * CE-FDH peers and step ceiling, the CR-FDH line through the peers, their ceiling zones within the
 * empirical scope, and the X a ceiling requires for an outcome level. The definitions follow R's
 * NCA package (equality of peers within 1e-6 relative, bottleneck tolerance 1e-10, "above the
 * line" beyond 1e-7), so the results match it.
 *
 * @internal
 */

/** The empirical scope: the observed ranges of X and Y and the area of their box. */
export interface Scope {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  readonly area: number;
}

/** A straight ceiling `y = intercept + slope x`. */
export interface CeilingLine {
  readonly intercept: number;
  readonly slope: number;
}

const EPSILON = 1e-10;

/** Equal within a millionth of the smaller magnitude (exactly equal when one is 0), as NCA. */
function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.min(Math.abs(a), Math.abs(b)) / 1e6;
}

/**
 * The CE-FDH peers: cases in increasing X (ties by increasing Y) kept when their Y exceeds the
 * last peer's; a peer at the same X with a lower Y is replaced; exact duplicates of the last peer
 * are kept (they weigh in the CR-FDH regression, as in NCA).
 */
export function ceFdhPeers(x: ArrayLike<number>, y: ArrayLike<number>, counts?: ArrayLike<number>): [number, number][] {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!);
  // With counts, case i stands for counts[i] equal cases: once it is a peer, its copies are
  // exact duplicates of the last peer, kept as such.
  const copies = (k: number) => (counts ? counts[order[k]!]! : 1);
  const peers: [number, number][] = [];
  for (let c = 0; c < copies(0); c++) peers.push([x[order[0]!]!, y[order[0]!]!]);
  for (let k = 1; k < order.length; k++) {
    const xc = x[order[k]!]!;
    const yc = y[order[k]!]!;
    let last = peers[peers.length - 1]!;
    let xEqual = nearlyEqual(last[0], xc);
    let yEqual = nearlyEqual(last[1], yc);
    if (yc > last[1] || (xEqual && yEqual)) {
      while (xEqual && !yEqual) {
        peers.pop();
        if (peers.length === 0) break;
        last = peers[peers.length - 1]!;
        xEqual = nearlyEqual(last[0], xc);
        yEqual = nearlyEqual(last[1], yc);
      }
      for (let c = 0; c < copies(k); c++) peers.push([xc, yc]);
    }
  }
  return peers;
}

/** Area above the CE-FDH step function: the sum over steps of (x_{i+1} - min X)(y_{i+1} - y_i). */
export function fdhCeilingZone(peers: readonly (readonly [number, number])[], scope: Scope): number {
  let zone = 0;
  for (let i = 0; i + 1 < peers.length; i++) zone += Math.abs((peers[i + 1]![0] - scope.xMin) * (peers[i + 1]![1] - peers[i]![1]));
  return zone;
}

/** Least squares of Y on X over the peers (duplicates included); `null` with fewer than two distinct peers. */
export function crFdhLine(peers: readonly (readonly [number, number])[]): CeilingLine | null {
  const distinct = new Set(peers.map((p) => `${p[0]},${p[1]}`));
  if (distinct.size < 2) return null;
  const m = peers.length;
  let mx = 0;
  let my = 0;
  for (const [px, py] of peers) {
    mx += px;
    my += py;
  }
  mx /= m;
  my /= m;
  let sxy = 0;
  let sxx = 0;
  for (const [px, py] of peers) {
    sxy += (px - mx) * (py - my);
    sxx += (px - mx) * (px - mx);
  }
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

/** Area of the scope above the line; `null` for a falling line (no upper-left ceiling), as NCA's NaN. */
export function lineCeilingZone(line: CeilingLine, s: Scope): number | null {
  const { intercept: a, slope: b } = line;
  if (b < 0) return null;
  if (b === 0) return (s.xMax - s.xMin) * (s.yMax - a);
  let lx = s.xMin;
  let ly = a + b * s.xMin;
  let rx = s.xMax;
  let ry = a + b * s.xMax;
  if (ly > s.yMax && ry > s.yMax) return null;
  if (ly < s.yMin && ry < s.yMin) return s.area;
  if (ly < s.yMin) {
    lx = (s.yMin - a) / b;
    ly = s.yMin;
  }
  if (ry > s.yMax) {
    rx = (s.yMax - a) / b;
    ry = s.yMax;
  }
  return (
    0.5 * (rx - lx) * (ry - ly) + (s.xMax - s.xMin) * (s.yMax - ry) + (lx - s.xMin) * (s.yMax - s.yMin) - (lx - s.xMin) * (s.yMax - ry)
  );
}

/** Cases more than 1e-7 above the line. */
export function pointsAbove(x: ArrayLike<number>, y: ArrayLike<number>, line: CeilingLine, counts?: ArrayLike<number>): number {
  let above = 0;
  for (let i = 0; i < x.length; i++) if (y[i]! - (line.slope * x[i]! + line.intercept) > 1e-7) above += counts ? counts[i]! : 1;
  return above;
}

/** The X the CE-FDH ceiling requires for outcome `level`: the first peer reaching it. */
export function fdhBottleneck(
  peers: readonly (readonly [number, number])[],
  level: number,
  s: Scope,
): number | 'not-necessary' | 'not-attainable' {
  const peer = peers.find((p) => p[1] > level - EPSILON);
  if (peer === undefined) return 'not-attainable';
  if (peer[0] < s.xMin + EPSILON) return 'not-necessary';
  if (peer[0] > s.xMax) return 'not-attainable';
  return peer[0];
}

/** The X the CR-FDH line requires for outcome `level`: `(level - intercept) / slope`, within the scope. */
export function lineBottleneck(line: CeilingLine | null, level: number, s: Scope): number | 'not-necessary' | 'not-attainable' {
  if (line === null) return 'not-necessary';
  const x = (level - line.intercept) / line.slope;
  if (Number.isNaN(x)) return 'not-attainable';
  if (x < s.xMin + EPSILON) return 'not-necessary';
  if (x > s.xMax) return 'not-attainable';
  return x;
}

/** X sorted once, in runs of equal values, for {@link peersByGroup}. */
export interface PeerPlan {
  /** Case indices in increasing X. */
  readonly order: Int32Array;
  /** Start of each run of equal X in `order`, and `order.length` last. */
  readonly starts: Int32Array;
}

/**
 * A plan for recomputing the CE-FDH peers of permuted outcomes without sorting each time, or
 * `null` when some distinct X or distinct Y values are within NCA's 1e-6 relative equality (then
 * only {@link ceFdhPeers} follows NCA exactly). With exact runs, the peers are, per run of equal X
 * in increasing order, `(x, max y)` repeated as often as max y occurs in the run, when max y
 * exceeds the last peer's y: what NCA's sweep leaves.
 */
export function peerPlan(x: ArrayLike<number>, y: ArrayLike<number>): PeerPlan | null {
  const n = x.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const starts: number[] = [0];
  for (let k = 1; k < n; k++) {
    const a = x[order[k - 1]!]!;
    const b = x[order[k]!]!;
    if (a === b) continue;
    if (nearlyEqual(a, b)) return null;
    starts.push(k);
  }
  starts.push(n);
  const ys = Float64Array.from(y).sort();
  for (let k = 1; k < n; k++) if (ys[k] !== ys[k - 1] && nearlyEqual(ys[k - 1]!, ys[k]!)) return null;
  return { order, starts: Int32Array.from(starts) };
}

/** The CE-FDH peers of outcome `y` by a {@link peerPlan}: the same as {@link ceFdhPeers}, in O(n). */
export function peersByGroup(plan: PeerPlan, x: ArrayLike<number>, y: ArrayLike<number>): [number, number][] {
  const peers: [number, number][] = [];
  let last = -Infinity;
  const { order, starts } = plan;
  for (let g = 0; g + 1 < starts.length; g++) {
    let max = -Infinity;
    let count = 0;
    for (let k = starts[g]!; k < starts[g + 1]!; k++) {
      const v = y[order[k]!]!;
      if (v > max) {
        max = v;
        count = 1;
      } else if (v === max) count++;
    }
    if (max > last) {
      const xv = x[order[starts[g]!]!]!;
      for (let c = 0; c < count; c++) peers.push([xv, max]);
      last = max;
    }
  }
  return peers;
}
