/**
 * The small matrix layer every module shares, over plain `number[][]` (row-major, never
 * mutated). It wraps ml-matrix (the named stack's matrix library: Householder-based symmetric
 * eigen decomposition tred2/tql2, LU with partial pivoting, Cholesky) behind functions that copy
 * their input, because several ml-matrix methods mutate in place.
 */
import { CholeskyDecomposition, EigenvalueDecomposition, LuDecomposition, Matrix } from 'ml-matrix';
import { NumericalError } from '../errors.js';

/** A dense matrix as rows of numbers. */
export type Dense = readonly (readonly number[])[];

function toMatrix(a: Dense): Matrix {
  return new Matrix(a.map((r) => Array.from(r)));
}

/** `a` with rows and columns taken at `index` (a principal submatrix when rows = cols). */
export function submatrix(a: Dense, rows: readonly number[], cols: readonly number[] = rows): number[][] {
  return rows.map((i) => cols.map((j) => a[i]![j]!));
}

/** Identity matrix of order k. */
export function identity(k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
}

/** Matrix product `a b`. */
export function multiply(a: Dense, b: Dense): number[][] {
  const n = a.length;
  const m = b[0]!.length;
  const k = b.length;
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(m).fill(0);
    for (let l = 0; l < k; l++) {
      const ail = a[i]![l]!;
      if (ail === 0) continue;
      const bl = b[l]!;
      for (let j = 0; j < m; j++) row[j]! += ail * bl[j]!;
    }
    out.push(row);
  }
  return out;
}

/** Matrix-vector product `a x`. */
export function multiplyVector(a: Dense, x: readonly number[]): number[] {
  return a.map((row) => {
    let s = 0;
    for (let j = 0; j < row.length; j++) s += row[j]! * x[j]!;
    return s;
  });
}

/** Transpose. */
export function transpose(a: Dense): number[][] {
  if (a.length === 0) return [];
  return a[0]!.map((_, j) => a.map((row) => row[j]!));
}

/**
 * Eigen decomposition of a symmetric matrix (ml-matrix, Householder tridiagonalisation + QL).
 * @returns eigenvalues in decreasing order and `vectors[i][j]` = component i of eigenvector j.
 */
export function symmetricEigen(a: Dense): { values: number[]; vectors: number[][] } {
  const evd = new EigenvalueDecomposition(toMatrix(a), { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const vecs = evd.eigenvectorMatrix.to2DArray();
  const order = values.map((_, i) => i).sort((i, j) => values[j]! - values[i]!);
  return {
    values: order.map((i) => values[i]!),
    vectors: vecs.map((row) => order.map((i) => row[i]!)),
  };
}

/**
 * Throws `NOT_POSITIVE_DEFINITE` unless the symmetric matrix has all eigenvalues above
 * `k * eps * max|eigenvalue|` (a scale-aware tolerance, not `> 0`).
 * @param what names the matrix in the message, e.g. "correlation matrix of satisfaction, trust".
 */
export function assertPositiveDefinite(a: Dense, what: string): void {
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < i; j++) {
      if (!(Math.abs(a[i]![j]! - a[j]![i]!) <= 1e-10 * Math.max(1, Math.abs(a[i]![j]!)))) {
        throw new NumericalError('NOT_POSITIVE_DEFINITE', `${what} is not symmetric at [${i}][${j}]`, { expected: 'a symmetric matrix' });
      }
    }
  }
  const { values } = symmetricEigen(a);
  const max = Math.max(...values.map(Math.abs));
  const min = values[values.length - 1]!;
  if (!(min > a.length * Number.EPSILON * 16 * max)) {
    throw new NumericalError(
      'NOT_POSITIVE_DEFINITE',
      `${what} is not positive definite (smallest eigenvalue ${min.toPrecision(3)}, largest ${max.toPrecision(3)})`,
      { expected: 'a positive-definite matrix' },
    );
  }
}

/** Lower Cholesky factor L with `a = L L'`; throws `NOT_POSITIVE_DEFINITE`. */
export function cholesky(a: Dense, what = 'matrix'): number[][] {
  const c = new CholeskyDecomposition(toMatrix(a));
  if (!c.isPositiveDefinite()) {
    throw new NumericalError('NOT_POSITIVE_DEFINITE', `${what} is not positive definite`, { expected: 'a positive-definite matrix' });
  }
  return c.lowerTriangularMatrix.to2DArray();
}

/** Solves `a x = b` for square `a` by LU with partial pivoting; throws `RANK_DEFICIENT` if singular. */
export function solve(a: Dense, b: readonly number[], what = 'matrix'): number[] {
  const lu = new LuDecomposition(toMatrix(a));
  if (lu.isSingular()) throw new NumericalError('RANK_DEFICIENT', `${what} is singular`, { expected: 'a non-singular matrix' });
  return lu.solve(Matrix.columnVector(Array.from(b))).getColumn(0);
}

/** Inverse of a square matrix by LU; throws `RANK_DEFICIENT` if singular. */
export function inverse(a: Dense, what = 'matrix'): number[][] {
  const lu = new LuDecomposition(toMatrix(a));
  if (lu.isSingular()) throw new NumericalError('RANK_DEFICIENT', `${what} is singular`, { expected: 'a non-singular matrix' });
  return lu.solve(Matrix.eye(a.length)).to2DArray();
}
