import { NumericalError } from '../errors.js';
import type { Dense } from '../internal/matrix.js';
import type { PathModelSpec } from './specifyPathModel.js';
import type { PlsScheme } from './types.js';

/** The PLS estimates from the item correlations. @internal */
export interface PlsEstimates {
  /** `weights[j][i]`: weight of item i of construct j (standardized items, scores of SD 1). */
  readonly weights: readonly (readonly number[])[];
  /** `loadings[j][i]`: correlation of item i of construct j with the score of j. */
  readonly loadings: readonly (readonly number[])[];
  /** Correlations of the construct scores. */
  readonly correlation: readonly (readonly number[])[];
  /** `coefficients[f][t]`: path coefficient of f -> t (0 where no path). */
  readonly coefficients: readonly (readonly number[])[];
  /** rhoA per construct (Dijkstra & Henseler 2015) for mode A; 1 for single items and mode B. */
  readonly rhoA: readonly number[];
  /** R2 per construct, null for exogenous constructs. */
  readonly rSquared: readonly (number | null)[];
  readonly iterations: number;
  readonly lastChange: number;
  readonly converged: boolean;
}

/** `(W' S W)` blocks: covariance of the composites `Z W` of standardized items, W block-diagonal. */
function compositeCovariance(s: Dense, offsets: readonly number[], w: readonly (readonly number[])[]): number[][] {
  const m = w.length;
  const c: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      let v = 0;
      for (let i = 0; i < w[a]!.length; i++) {
        const row = s[offsets[a]! + i]!;
        let t = 0;
        for (let k = 0; k < w[b]!.length; k++) t += row[offsets[b]! + k]! * w[b]![k]!;
        v += w[a]![i]! * t;
      }
      c[a]![b] = v;
      c[b]![a] = v;
    }
  }
  return c;
}

/**
 * Solves the small symmetric system `a x = b` by Gaussian elimination with partial pivoting
 * (a few predecessors or items: a general LU object costs more than the arithmetic, and the
 * bootstrap solves these thousands of times). Throws `RANK_DEFICIENT` for a singular system.
 * @internal
 */
export function solveSmall(a: Dense, b: readonly number[], what: string): number[] {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  let scale = 0;
  for (const row of a) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (!(Math.abs(m[pivot]![c]!) > 1e-13 * scale)) {
      throw new NumericalError('RANK_DEFICIENT', `${what} is singular (collinear)`, { expected: 'a non-singular matrix' });
    }
    if (pivot !== c) [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const row = m[c]!;
    for (let r = c + 1; r < k; r++) {
      const f = m[r]![c]! / row[c]!;
      if (f === 0) continue;
      const target = m[r]!;
      for (let j = c; j <= k; j++) target[j]! -= f * row[j]!;
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let v = m[r]![k]!;
    for (let j = r + 1; j < k; j++) v -= m[r]![j]! * x[j]!;
    x[r] = v / m[r]![r]!;
  }
  return x;
}

/** Regression of construct t on its predecessors, from the construct correlations. */
function regress(c: Dense, predecessors: readonly number[], t: number, what: string): number[] {
  const a = predecessors.map((i) => predecessors.map((k) => c[i]![k]!));
  return solveSmall(
    a,
    predecessors.map((i) => c[i]![t]!),
    what,
  );
}

/**
 * The PLS algorithm (Wold 1982; Lohmoller 1989, as seminr's `simplePLS`) on the correlation
 * matrix of the items, which is all it needs: scores `Y = Z W` of standardized items have
 * covariance `W' S W`, so every step (outer proxies, inner weights, inner proxies, new weights)
 * is a product of correlations. Starts from unit weights; each update standardizes the weights
 * so the scores have SD 1; stops when the sum of absolute weight changes is below `tolerance`.
 * With reflective constructs, paths, R2 and loadings are then made consistent (PLSc).
 * @internal
 */
export function estimatePls(
  s: Dense,
  offsets: readonly number[],
  spec: PathModelSpec,
  scheme: PlsScheme,
  maxIterations: number,
  tolerance: number,
): PlsEstimates {
  const m = spec.names.length;
  const sizes = spec.items.map((it) => it.length);
  const adjacent: boolean[][] = Array.from({ length: m }, () => new Array<boolean>(m).fill(false));
  for (const [f, t] of spec.paths) {
    adjacent[f]![t] = true;
    adjacent[t]![f] = true;
  }
  let w: number[][] = sizes.map((k) => new Array<number>(k).fill(1));
  const standardize = (x: number[][]): number[][] => {
    const c = compositeCovariance(s, offsets, x);
    return x.map((v, j) => v.map((e) => e / Math.sqrt(c[j]![j]!)));
  };
  // Mode B solves with each construct's item correlations: factor them once.
  const blocks = spec.items.map((_, j) =>
    Array.from({ length: sizes[j]! }, (__, i) => s[offsets[j]! + i]!.slice(offsets[j]!, offsets[j]! + sizes[j]!)),
  );
  let iterations = 0;
  let lastChange = Number.POSITIVE_INFINITY;
  let converged = false;
  while (iterations < maxIterations) {
    const wn = standardize(w);
    const c = compositeCovariance(s, offsets, wn);
    // Inner weights e[i][j]: how construct i enters the inner proxy of j.
    const e: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (!adjacent[i]![j]) continue;
        e[i]![j] = scheme === 'centroid' ? Math.sign(c[i]![j]!) : c[i]![j]!;
      }
    }
    if (scheme === 'path') {
      // Predecessors enter by their regression weights, successors by their correlations.
      spec.predecessors.forEach((pred, t) => {
        if (pred.length === 0) return;
        const beta = regress(c, pred, t, `the scores of the predecessors of "${spec.names[t]}"`);
        pred.forEach((i, k) => {
          e[i]![t] = beta[k]!;
        });
      });
    }
    // Inner proxies Ztilde = Y E: item-proxy covariances S W E, scaled to a proxy SD of 1.
    const next: number[][] = [];
    for (let j = 0; j < m; j++) {
      let variance = 0;
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) variance += e[a]![j]! * c[a]![b]! * e[b]![j]!;
      const sd = Math.sqrt(variance);
      const cov = new Array<number>(sizes[j]!).fill(0);
      for (let i = 0; i < sizes[j]!; i++) {
        const row = s[offsets[j]! + i]!;
        let v = 0;
        for (let a = 0; a < m; a++) {
          if (e[a]![j] === 0) continue;
          let t = 0;
          for (let k = 0; k < sizes[a]!; k++) t += row[offsets[a]! + k]! * wn[a]![k]!;
          v += t * e[a]![j]!;
        }
        cov[i] = v / sd;
      }
      next.push(spec.modes[j] === 'B' && sizes[j]! > 1 ? solveSmall(blocks[j]!, cov, `the item correlations of "${spec.names[j]}"`) : cov);
    }
    const updated = standardize(next);
    let change = 0;
    for (let j = 0; j < m; j++) for (let i = 0; i < sizes[j]!; i++) change += Math.abs(updated[j]![i]! - w[j]![i]!);
    w = updated;
    iterations++;
    lastChange = change;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  const correlation = compositeCovariance(s, offsets, w);
  // rhoA = (w'w)^2 w'(S - diag S)w / w'(ww' - diag ww')w, from the standardized weights.
  const rhoA = w.map((wj, j) => {
    const k = sizes[j]!;
    if (k === 1 || spec.modes[j] === 'B') return 1;
    const o = offsets[j]!;
    let ww = 0;
    let off = 0;
    let outer = 0;
    for (let a = 0; a < k; a++) {
      ww += wj[a]! * wj[a]!;
      for (let b = 0; b < k; b++) {
        if (a === b) continue;
        off += wj[a]! * s[o + a]![o + b]! * wj[b]!;
        outer += wj[a]! * wj[a]! * wj[b]! * wj[b]!;
      }
    }
    return ww * ww * (off / outer);
  });
  // Consistent PLS: a reflective construct's score correlates with others attenuated by
  // sqrt(rhoA); divide it out (composites keep reliability 1) and correct its loadings.
  const reliabilityOf = (j: number): number => (spec.reflective[j] ? rhoA[j]! : 1);
  const structural = spec.reflective.some(Boolean)
    ? correlation.map((row, i) => row.map((v, j) => (i === j ? 1 : v / Math.sqrt(reliabilityOf(i) * reliabilityOf(j)))))
    : correlation;
  const loadings = w.map((wj, j) => {
    if (spec.reflective[j] && sizes[j]! > 1) {
      const ww = wj.reduce((x, v) => x + v * v, 0);
      return wj.map((v) => (v * Math.sqrt(rhoA[j]!)) / ww);
    }
    return Array.from({ length: sizes[j]! }, (__, i) => {
      const row = s[offsets[j]! + i]!;
      let v = 0;
      for (let k = 0; k < sizes[j]!; k++) v += row[offsets[j]! + k]! * wj[k]!;
      return v;
    });
  });
  const coefficients: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const rSquared: (number | null)[] = new Array<number | null>(m).fill(null);
  spec.predecessors.forEach((pred, t) => {
    if (pred.length === 0) return;
    const beta = regress(structural, pred, t, `the correlations of the predecessors of "${spec.names[t]}"`);
    let r2 = 0;
    pred.forEach((i, k) => {
      coefficients[i]![t] = beta[k]!;
      r2 += beta[k]! * structural[i]![t]!;
    });
    rSquared[t] = r2;
  });
  return { weights: w, loadings, correlation, coefficients, rhoA, rSquared, iterations, lastChange, converged };
}
