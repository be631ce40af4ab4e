/**
 * Householder QR of a tall matrix stored column-major in one `Float64Array`, with rank
 * detection that skips (and reports) linearly dependent columns instead of pivoting them away.
 *
 * Why our own and not ml-matrix's `QrDecomposition`: ml-matrix stores a matrix as an array of
 * row arrays, so a 1,000,000 x 21 design is a million small arrays and every Householder update
 * walks them with a stride. Here each column is a contiguous run of one typed array, the two
 * inner loops (dot product, axpy) stream memory, the factorization runs in place (no copy of a
 * 168 MB design) and the rank test is explicit (ml-matrix's `isFullRank` tests `=== 0`).
 *
 * Method: Householder reflections `H = I - tau v v'` with `v[0] = 1` and `beta = -sign(alpha)
 * ||x||` (Golub & Van Loan, Matrix Computations, 4th ed., algorithms 5.1.1 and 5.2.1; LAPACK
 * dlarfg's convention). Column k is declared linearly dependent on the columns before it when
 * the norm of its part not yet explained is at most `tolerance * max |R_ii|` over the pivots
 * accepted so far. It then gets no reflector, keeps its projections `Q' x_k` in its top rows (so
 * {@link dependence} can say which columns it is a combination of), and the next column takes
 * its place. This is R's `lm` (LINPACK dqrdc2) behaviour with the test made relative to the
 * largest pivot; callers that equilibrate columns to unit norm first (the regression module
 * scales by exact powers of two) get dqrdc2's scale-invariant test within a factor of 2.
 *
 * @module internal/qr
 */

/** A QR factorization in compact form (LAPACK layout). */
export interface QrFactorization {
  readonly rows: number;
  readonly columns: number;
  /**
   * Column-major `rows x columns`: for accepted column k at pivot position r, R's column is in
   * rows `0..r` and the Householder vector (without its implicit leading 1) in rows `r+1..`.
   * A dependent column keeps `Q' x_k` restricted to the pivots accepted before it in its top rows.
   */
  readonly factors: Float64Array;
  /** `tau` of each accepted column's reflector (0 for dependent columns). */
  readonly tau: Float64Array;
  /** Pivot row of each column, or -1 for a dependent column. */
  readonly position: Int32Array;
  /** Accepted columns, in order. `rank = accepted.length`. */
  readonly accepted: readonly number[];
  /** Columns judged linearly dependent on earlier ones. */
  readonly dependent: readonly number[];
  /** Number of accepted columns before each column (its would-be pivot row). */
  readonly before: Int32Array;
}

/**
 * Factors `a` (column-major, `rows x columns`) in place as `A = Q R`.
 * The caller hands over `a`: it is overwritten with the compact factors.
 *
 * @param tolerance - relative rank tolerance (default 1e-7, R's `lm`).
 */
export function householderQr(a: Float64Array, rows: number, columns: number, tolerance = 1e-7): QrFactorization {
  const n = rows;
  const tau = new Float64Array(columns);
  const position = new Int32Array(columns).fill(-1);
  const before = new Int32Array(columns);
  const accepted: number[] = [];
  const dependent: number[] = [];
  let r = 0;
  let largest = 0;
  for (let k = 0; k < columns; k++) {
    before[k] = r;
    const off = k * n;
    let ss = 0;
    for (let i = r; i < n; i++) {
      const x = a[off + i]!;
      ss += x * x;
    }
    const norm = Math.sqrt(ss);
    if (r >= n || !(norm > tolerance * largest) || norm === 0) {
      dependent.push(k);
      continue;
    }
    const alpha = a[off + r]!;
    const beta = alpha >= 0 ? -norm : norm;
    const scale = 1 / (alpha - beta);
    for (let i = r + 1; i < n; i++) a[off + i] = a[off + i]! * scale;
    const t = (beta - alpha) / beta;
    tau[k] = t;
    a[off + r] = beta;
    for (let j = k + 1; j < columns; j++) {
      const oj = j * n;
      let s = a[oj + r]!;
      for (let i = r + 1; i < n; i++) s += a[off + i]! * a[oj + i]!;
      s *= t;
      a[oj + r] = a[oj + r]! - s;
      for (let i = r + 1; i < n; i++) a[oj + i] = a[oj + i]! - s * a[off + i]!;
    }
    position[k] = r;
    accepted.push(k);
    if (Math.abs(beta) > largest) largest = Math.abs(beta);
    r++;
  }
  return { rows, columns, factors: a, tau, position, accepted, dependent, before };
}

/** Applies one reflector (accepted column k) to `y` in place. */
function reflect(qr: QrFactorization, k: number, y: Float64Array, yOffset = 0): void {
  const n = qr.rows;
  const r = qr.position[k]!;
  const off = k * n;
  const f = qr.factors;
  let s = y[yOffset + r]!;
  for (let i = r + 1; i < n; i++) s += f[off + i]! * y[yOffset + i]!;
  s *= qr.tau[k]!;
  y[yOffset + r] = y[yOffset + r]! - s;
  for (let i = r + 1; i < n; i++) y[yOffset + i] = y[yOffset + i]! - s * f[off + i]!;
}

/** `y <- Q' y` in place (length `rows`). */
export function applyQTranspose(qr: QrFactorization, y: Float64Array): Float64Array {
  for (const k of qr.accepted) reflect(qr, k, y);
  return y;
}

/** R of the accepted columns as a dense `rank x rank` upper-triangular matrix (rows of numbers). */
export function triangularFactor(qr: QrFactorization): number[][] {
  const n = qr.rows;
  const p = qr.accepted.length;
  const out: number[][] = [];
  for (let a = 0; a < p; a++) {
    const row = new Array<number>(p).fill(0);
    for (let b = a; b < p; b++) row[b] = qr.factors[qr.accepted[b]! * n + a]!;
    out.push(row);
  }
  return out;
}

/** Inverse of an upper-triangular matrix by back substitution (never forms a normal matrix). */
export function upperTriangularInverse(r: readonly (readonly number[])[]): number[][] {
  const p = r.length;
  const inv: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = p - 1; j >= 0; j--) {
    inv[j]![j] = 1 / r[j]![j]!;
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += r[i]![k]! * inv[k]![j]!;
      inv[i]![j] = -s / r[i]![i]!;
    }
  }
  return inv;
}

/** Solves `R x = b` for upper-triangular R. */
export function solveUpper(r: readonly (readonly number[])[], b: ArrayLike<number>): number[] {
  const p = r.length;
  const x = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < p; k++) s -= r[i]![k]! * x[k]!;
    x[i] = s / r[i]![i]!;
  }
  return x;
}

/**
 * For a dependent column k: the coefficients `c` (over the columns accepted before k, in order)
 * of its least-squares representation `x_k ~ sum c_i x_i`, and the relative size of what is left
 * over (`||residual|| / ||projection||`, tiny for an exact dependence).
 */
export function dependence(qr: QrFactorization, k: number): { columns: number[]; coefficients: number[]; residualRatio: number } {
  const n = qr.rows;
  const r = qr.before[k]!;
  const cols = qr.accepted.filter((c) => qr.position[c]! < r);
  const rFull = triangularFactor(qr)
    .slice(0, r)
    .map((row) => row.slice(0, r));
  const top = qr.factors.subarray(k * n, k * n + r);
  const coefficients = r === 0 ? [] : solveUpper(rFull, top);
  let tail = 0;
  for (let i = r; i < n; i++) tail += qr.factors[k * n + i]! ** 2;
  let head = 0;
  for (let i = 0; i < r; i++) head += top[i]! ** 2;
  return { columns: cols, coefficients, residualRatio: head === 0 ? Infinity : Math.sqrt(tail / head) };
}

/**
 * The thin Q (`rows x rank`, column-major) by applying the reflectors to unit vectors, and the
 * leverages (hat values) `h_i = sum_j Q_ij^2`.
 */
export function thinQ(qr: QrFactorization): { q: Float64Array; leverage: Float64Array } {
  const n = qr.rows;
  const p = qr.accepted.length;
  const q = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    q[j * n + j] = 1;
    for (let a = p - 1; a >= 0; a--) {
      const k = qr.accepted[a]!;
      if (qr.position[k]! > j) continue; // reflector a leaves e_j's rows < its pivot untouched until it is non-zero there
      reflect(qr, k, q, j * n);
    }
  }
  const leverage = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const off = j * n;
    for (let i = 0; i < n; i++) leverage[i] = leverage[i]! + q[off + i]! ** 2;
  }
  return { q, leverage };
}
