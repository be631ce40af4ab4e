/**
 * Accurate sums and moments over dense arrays.
 *
 * - `sum`: Neumaier's improved Kahan-Babuska compensated summation (Neumaier 1974): the error
 *   does not grow with n, unlike a plain loop.
 * - `mean`, `variance`, `covariance`: the corrected two-pass algorithm (Chan, Golub & LeVeque
 *   1983, "Algorithms for computing the sample variance"): a first pass for the mean, a second
 *   for centred sums plus a correction for the mean's own rounding error.
 * - Weighted versions use the same scheme with weights `w_i >= 0`.
 *
 * The plain-loop baseline is named (`sumSimple`) so benchmarks can measure the cost of accuracy.
 */

type Numbers = ArrayLike<number>;

/** Plain left-to-right sum; the baseline the accurate functions are measured against. */
export function sumSimple(xs: Numbers): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

/** Compensated (Neumaier) sum. O(n), no allocation. */
export function sum(xs: Numbers): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** Compensated sum of `w_i * x_i`. */
export function weightedSum(xs: Numbers, w: Numbers): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]! * w[i]!;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** Mean with a second-pass correction: `m + sum(x - m) / n`. */
export function mean(xs: Numbers): number {
  const n = xs.length;
  const m = sum(xs) / n;
  let r = 0;
  for (let i = 0; i < n; i++) r += xs[i]! - m;
  return m + r / n;
}

/** Weighted mean `sum(w x) / sum(w)` with a second-pass correction. */
export function weightedMean(xs: Numbers, w: Numbers): number {
  const sw = sum(w);
  const m = weightedSum(xs, w) / sw;
  let r = 0;
  for (let i = 0; i < xs.length; i++) r += w[i]! * (xs[i]! - m);
  return m + r / sw;
}

/**
 * Centred sum of squares `sum (x - m)^2` by the corrected two-pass algorithm
 * (`sum d^2 - (sum d)^2 / n`, d = x - m). Pass `m` when the mean is already known.
 */
export function sumOfSquares(xs: Numbers, m: number = mean(xs)): number {
  let ss = 0;
  let sd = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - m;
    ss += d * d;
    sd += d;
  }
  return ss - (sd * sd) / xs.length;
}

/** Sample variance with denominator `n - 1` (two-pass). NaN-free: callers ensure n >= 2. */
export function variance(xs: Numbers): number {
  return sumOfSquares(xs) / (xs.length - 1);
}

/** Sample standard deviation, denominator `n - 1`. */
export function standardDeviation(xs: Numbers): number {
  return Math.sqrt(variance(xs));
}

/** Centred cross-product `sum (x - mx)(y - my)`, corrected two-pass. */
export function crossProduct(xs: Numbers, ys: Numbers, mx: number = mean(xs), my: number = mean(ys)): number {
  let sxy = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sx += dx;
    sy += dy;
  }
  return sxy - (sx * sy) / xs.length;
}

/** Sample covariance, denominator `n - 1`. */
export function covariance(xs: Numbers, ys: Numbers): number {
  return crossProduct(xs, ys) / (xs.length - 1);
}

/** Weighted centred sum of squares `sum w (x - m)^2`, with m the weighted mean. */
export function weightedSumOfSquares(xs: Numbers, w: Numbers, m: number = weightedMean(xs, w)): number {
  let ss = 0;
  let sd = 0;
  let sw = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - m;
    ss += w[i]! * d * d;
    sd += w[i]! * d;
    sw += w[i]!;
  }
  return ss - (sd * sd) / sw;
}

/** Rows per block in blocked accumulation: plain sums inside a block, compensated across blocks. */
const BLOCK = 1024;

/**
 * Means and the centred sums of squares and cross-products (SSCP) of k columns, optionally
 * weighted, in two passes. Inside blocks of 1,024 rows the products accumulate plainly; block
 * totals are then added with compensation, so the rounding error grows like `1024 + n/1024`
 * rather than `n` while the inner loop stays as fast as a plain one.
 *
 * @returns `means[j]` and the full symmetric `sscp[j][l] = sum w (x_j - m_j)(x_l - m_l)`.
 */
export function centredCrossProducts(
  columns: readonly Numbers[],
  weights?: Numbers,
): { means: number[]; sscp: number[][]; weightSum: number } {
  const k = columns.length;
  const n = k === 0 ? 0 : columns[0]!.length;
  const weightSum = weights ? sum(weights) : n;
  const means = columns.map((c) => (weights ? weightedMean(c, weights) : mean(c)));
  // Centre once into a row-major buffer so the k^2 inner loop reads contiguous memory.
  const acc = new Float64Array(k * k);
  const comp = new Float64Array(k * k);
  const block = new Float64Array(k * k);
  const centred = new Float64Array(Math.min(n, BLOCK) * k);
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    const rows = end - start;
    for (let j = 0; j < k; j++) {
      const c = columns[j]!;
      const m = means[j]!;
      for (let r = 0; r < rows; r++) centred[r * k + j] = c[start + r]! - m;
    }
    block.fill(0);
    for (let r = 0; r < rows; r++) {
      const w = weights ? weights[start + r]! : 1;
      const base = r * k;
      for (let j = 0; j < k; j++) {
        const dj = centred[base + j]! * w;
        if (dj === 0) continue;
        const off = j * k;
        for (let l = j; l < k; l++) block[off + l] = block[off + l]! + dj * centred[base + l]!;
      }
    }
    for (let j = 0; j < k; j++) {
      for (let l = j; l < k; l++) {
        const idx = j * k + l;
        const x = block[idx]!;
        const s = acc[idx]!;
        const t = s + x;
        comp[idx] = comp[idx]! + (Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s);
        acc[idx] = t;
      }
    }
  }
  const sscp: number[][] = [];
  for (let j = 0; j < k; j++) sscp.push(new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    for (let l = j; l < k; l++) {
      const v = acc[j * k + l]! + comp[j * k + l]!;
      sscp[j]![l] = v;
      sscp[l]![j] = v;
    }
  }
  return { means, sscp, weightSum };
}

/** Correlation matrix from a covariance (or SSCP) matrix: `c_jl / sqrt(c_jj c_ll)`. */
export function correlationFromCovariance(cov: readonly (readonly number[])[]): number[][] {
  const k = cov.length;
  const sd = cov.map((row, j) => Math.sqrt(row[j]!));
  return cov.map((row, j) => row.map((v, l) => (j === l ? 1 : v / (sd[j]! * sd[l]!))));
}
