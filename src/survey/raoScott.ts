/**
 * The Rao-Scott corrected chi-square test of independence in a two-way table under a survey
 * design (Rao & Scott 1984; R `survey::svychisq`, whose default is the F form).
 *
 * With `p` the design-weighted cell proportions (rows vary fastest), `V` their design-based
 * covariance (linearization), `N` the rows of the table and `C` a basis of the interaction
 * space (the interaction columns of the saturated cell model, residualized on the main
 * effects), the generalized design-effect matrix is
 * `Delta = (C' D^-1 C / N)^-1 (C' D^-1 V D^-1 C)` with `D = diag(p)`. Pearson's X^2 is computed
 * on the weighted table scaled to total N. Then
 * - F form (R's default): `F = X^2 / tr(Delta)` on `d0 = tr(Delta)^2 / tr(Delta^2)` and
 *   `d0 * nu` degrees of freedom, `nu` = PSUs - strata (the design's degrees of freedom);
 * - first-order chi-square: `X^2 / mean(diag Delta)` on `(r - 1)(c - 1)` df.
 * `Delta`'s traces do not depend on the basis chosen for the interaction space (a change of
 * basis is a similarity transform), so any full-rank one gives R's numbers.
 * @internal
 */
import { InsufficientDataError } from '../errors.js';
import { chiSquareUpperTail, fUpperTail } from '../internal/distributions.js';
import { inverse, multiply, transpose } from '../internal/matrix.js';
import { designCovariance, type PreparedDesign } from './linearization.js';

/** Result of {@link raoScottTest}. */
export interface RaoScottTest {
  readonly method: 'rao-scott';
  /** Pearson's X^2 of the weighted table scaled to N (svytable `Ntotal = N`). */
  readonly pearson: number;
  /** The F form (R svychisq's default). */
  readonly statistic: number;
  readonly df1: number;
  readonly df2: number;
  readonly pValue: number;
  /** The first-order corrected chi-square `X^2 / mean(diag Delta)`, its df and p. */
  readonly chiSquare: { readonly statistic: number; readonly df: number; readonly pValue: number };
  /** Rows of the design in the table (both codes present). */
  readonly n: number;
  /** Mean generalized design effect, `tr(Delta) / ((r - 1)(c - 1))`. */
  readonly meanDesignEffect: number;
}

/**
 * The Rao-Scott test of `rowCodes` x `colCodes` (codes 0.. nr-1 / nc-1, -1 = not in the
 * table), over the design `d` (one code per design row). Empty rows and columns of the table
 * are dropped, as R builds the table from the values present.
 * @internal
 */
export function raoScottTest(rowCodes: ArrayLike<number>, colCodes: ArrayLike<number>, d: PreparedDesign, argument: string): RaoScottTest {
  // Levels present, re-indexed densely.
  const rowLevels = new Map<number, number>();
  const colLevels = new Map<number, number>();
  let n = 0;
  for (let i = 0; i < d.n; i++) {
    const r = rowCodes[i]!;
    const c = colCodes[i]!;
    if (r < 0 || c < 0) continue;
    n++;
    if (!rowLevels.has(r)) rowLevels.set(r, 0);
    if (!colLevels.has(c)) colLevels.set(c, 0);
  }
  const order = (m: Map<number, number>) => [...m.keys()].sort((a, b) => a - b).forEach((k, j) => m.set(k, j));
  order(rowLevels);
  order(colLevels);
  const nr = rowLevels.size;
  const nc = colLevels.size;
  if (nr < 2 || nc < 2) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${argument}: a test of association needs at least 2 rows and 2 columns with answers`,
      {
        argument,
        expected: 'two or more levels of each variable',
      },
    );
  }
  const K = nr * nc;
  const cell = new Int32Array(d.n).fill(-1);
  let sw = 0;
  for (let i = 0; i < d.n; i++) {
    const r = rowCodes[i]!;
    const c = colCodes[i]!;
    if (r < 0 || c < 0) continue;
    cell[i] = rowLevels.get(r)! + nr * colLevels.get(c)!;
    sw += d.weights[i]!;
  }
  const p = new Float64Array(K);
  for (let i = 0; i < d.n; i++) if (cell[i]! >= 0) p[cell[i]!] = p[cell[i]!]! + d.weights[i]! / sw;
  // Influence of each cell proportion (a domain mean of its indicator): w (y - p) / sum w.
  const zs = Array.from({ length: K }, (_, k) => {
    const z = new Float64Array(d.n);
    for (let i = 0; i < d.n; i++) if (cell[i]! >= 0) z[i] = (d.weights[i]! * ((cell[i] === k ? 1 : 0) - p[k]!)) / sw;
    return z;
  });
  const V = designCovariance(zs, d);

  // Main-effects design X1 over the cells, and the interaction columns residualized on it.
  const x1 = Array.from({ length: K }, (_, k) => {
    const r = k % nr;
    const c = Math.floor(k / nr);
    return [
      1,
      ...Array.from({ length: nr - 1 }, (_, a) => (r === a + 1 ? 1 : 0)),
      ...Array.from({ length: nc - 1 }, (_, b) => (c === b + 1 ? 1 : 0)),
    ];
  });
  const inter = Array.from({ length: K }, (_, k) => {
    const r = k % nr;
    const c = Math.floor(k / nr);
    const row: number[] = [];
    for (let b = 1; b < nc; b++) for (let a = 1; a < nr; a++) row.push(r === a && c === b ? 1 : 0);
    return row;
  });
  const x1t = transpose(x1);
  const coef = multiply(inverse(multiply(x1t, x1), 'main-effects design'), multiply(x1t, inter));
  const fitted = multiply(x1, coef);
  const C = inter.map((row, k) => row.map((v, j) => v - fitted[k]![j]!));
  const iD = Array.from(p, (v) => (v === 0 ? 0 : 1 / v));
  const Ct = transpose(C);
  const scaledC = C.map((row, k) => row.map((v) => v * iD[k]!));
  const denom = multiply(Ct, scaledC).map((row) => row.map((v) => v / n));
  const numr = multiply(multiply(transpose(scaledC), V), scaledC);
  const delta = multiply(inverse(denom, 'Rao-Scott denominator'), numr);
  const m = delta.length;
  let trace = 0;
  let trace2 = 0;
  for (let a = 0; a < m; a++) {
    trace += delta[a]![a]!;
    for (let b = 0; b < m; b++) trace2 += delta[a]![b]! * delta[b]![a]!;
  }
  // Pearson's X^2 on the weighted table scaled to n.
  const rowSum = new Float64Array(nr);
  const colSum = new Float64Array(nc);
  for (let k = 0; k < K; k++) {
    rowSum[k % nr] = rowSum[k % nr]! + p[k]!;
    colSum[Math.floor(k / nr)] = colSum[Math.floor(k / nr)]! + p[k]!;
  }
  let pearson = 0;
  for (let k = 0; k < K; k++) {
    const e = rowSum[k % nr]! * colSum[Math.floor(k / nr)]! * n;
    pearson += (p[k]! * n - e) ** 2 / e;
  }
  const nu = d.psuStratum.length - d.strataLabels.length;
  const statistic = pearson / trace;
  const df1 = (trace * trace) / trace2;
  const df2 = df1 * nu;
  const df = (nr - 1) * (nc - 1);
  const corrected = pearson / (trace / m);
  return {
    method: 'rao-scott',
    pearson,
    statistic,
    df1,
    df2,
    pValue: fUpperTail(statistic, df1, df2),
    chiSquare: { statistic: corrected, df, pValue: chiSquareUpperTail(corrected, df) },
    n,
    meanDesignEffect: trace / m,
  };
}
