import type { Dense } from '../internal/matrix.js';

/**
 * The independent-clusters CFA model `Sigma = Lambda Phi Lambda' + Theta`: every item loads on
 * one factor, factor variances fixed at 1 (lavaan `std.lv = TRUE`), factor correlations free,
 * residual variances free and unbounded. Parameter vector: the p loadings, the p residual
 * variances, then the factor correlations (a < b, row by row). @internal
 */
export interface CfaStructure {
  /** Factor of each item. */
  readonly factorOf: readonly number[];
  /** Number of factors. */
  readonly factors: number;
}

/** A point of the parameter space, split by kind. @internal */
export interface CfaParameters {
  readonly loadings: number[];
  readonly residualVariances: number[];
  /** Factor correlation matrix (unit diagonal). */
  readonly phi: number[][];
}

/** Settings of the iteration. @internal */
export interface CfaSettings {
  readonly maxIterations: number;
  /** Converged when every element of the gradient of F is at most this. */
  readonly tolerance: number;
}

/** Pairs of factors a < b in parameter order. @internal */
export function factorPairs(m: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) out.push([a, b]);
  return out;
}

/** Lower Cholesky factor, or null when `a` is not (numerically) positive definite. @internal */
export function choleskyOrNull(a: Dense): number[][] | null {
  const k = a.length;
  const l: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let p = 0; p < j; p++) s -= l[i]![p]! * l[j]![p]!;
      if (i === j) {
        if (!(s > 0)) return null;
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  return l;
}

/** Inverse from the Cholesky factor. @internal */
export function inverseFromCholesky(l: Dense): number[][] {
  const k = l.length;
  const inv: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let c = 0; c < k; c++) {
    const y = new Array<number>(k).fill(0);
    for (let i = 0; i < k; i++) {
      let s = i === c ? 1 : 0;
      for (let p = 0; p < i; p++) s -= l[i]![p]! * y[p]!;
      y[i] = s / l[i]![i]!;
    }
    for (let i = k - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let p = i + 1; p < k; p++) s -= l[p]![i]! * inv[p]![c]!;
      inv[i]![c] = s / l[i]![i]!;
    }
  }
  return inv;
}

/** `log|A|` from its Cholesky factor. @internal */
export function logDet(l: Dense): number {
  let s = 0;
  for (let i = 0; i < l.length; i++) s += Math.log(l[i]![i]!);
  return 2 * s;
}

/** Number of free parameters. @internal */
export function parameterCount(structure: CfaStructure): number {
  const p = structure.factorOf.length;
  return 2 * p + (structure.factors * (structure.factors - 1)) / 2;
}

/** Unpacks a parameter vector. @internal */
export function unpack(structure: CfaStructure, x: readonly number[]): CfaParameters {
  const p = structure.factorOf.length;
  const m = structure.factors;
  const phi = Array.from({ length: m }, (_, a) => Array.from({ length: m }, (__, b) => (a === b ? 1 : 0) as number));
  factorPairs(m).forEach(([a, b], t) => {
    phi[a]![b] = x[2 * p + t]!;
    phi[b]![a] = x[2 * p + t]!;
  });
  return { loadings: x.slice(0, p), residualVariances: x.slice(p, 2 * p), phi };
}

/** Packs parameters into a vector. @internal */
export function pack(structure: CfaStructure, parameters: CfaParameters): number[] {
  const phi = factorPairs(structure.factors).map(([a, b]) => parameters.phi[a]![b]!);
  return [...parameters.loadings, ...parameters.residualVariances, ...phi];
}

/** `Sigma(x)`. @internal */
export function impliedMatrix(structure: CfaStructure, parameters: CfaParameters): number[][] {
  const { loadings: l, residualVariances: t, phi } = parameters;
  const f = structure.factorOf;
  return l.map((li, i) => l.map((lj, j) => li * lj * phi[f[i]!]![f[j]!]! + (i === j ? t[i]! : 0)));
}

/**
 * Each parameter's derivative of Sigma written as `u v' + v u'` (every one is of rank two or
 * less): loading i `e_i m_i' + m_i e_i'` with `m_i = Lambda Phi e_f(i)`; residual variance i
 * `e_i (e_i / 2)' + ...`; correlation (a, b) `c_a c_b' + c_b c_a'` with `c_a` column a of Lambda.
 * @internal
 */
export function derivativeFactors(structure: CfaStructure, parameters: CfaParameters): { u: number[][]; v: number[][] } {
  const p = structure.factorOf.length;
  const f = structure.factorOf;
  const { loadings: l, phi } = parameters;
  const unit = (i: number, scale = 1): number[] => Array.from({ length: p }, (_, j) => (j === i ? scale : 0));
  const column = (a: number): number[] => l.map((li, i) => (f[i] === a ? li : 0));
  const u: number[][] = [];
  const v: number[][] = [];
  for (let i = 0; i < p; i++) {
    u.push(unit(i));
    v.push(l.map((lb, b) => lb * phi[f[i]!]![f[b]!]!));
  }
  for (let i = 0; i < p; i++) {
    u.push(unit(i));
    v.push(unit(i, 0.5));
  }
  for (const [a, b] of factorPairs(structure.factors)) {
    u.push(column(a));
    v.push(column(b));
  }
  return { u, v };
}
