import { InputError } from '../errors.js';
import type { SufficientStatistics } from './sufficientStatistics.js';

/** A correlation matrix with its variable names and sample size, as published in papers. */
export interface CorrelationInput {
  readonly correlation: readonly (readonly number[])[];
  readonly variables: readonly string[];
  readonly n: number;
}

/** A covariance matrix (denominator n - 1) with names, sample size and optional means. */
export interface CovarianceInput {
  readonly covariance: readonly (readonly number[])[];
  readonly variables: readonly string[];
  readonly n: number;
  readonly means?: readonly number[];
}

/** Summary data accepted instead of rows by regression and importance. */
export type MatrixInput = SufficientStatistics | CorrelationInput | CovarianceInput;

/** Where a fit's statistics came from. */
export type StatisticsSource = 'rows' | 'sufficient-statistics' | 'correlation' | 'covariance';

/**
 * True when `data` is summary input (sufficient statistics, a correlation or a covariance
 * matrix) rather than rows; regression and importance use it to pick their path.
 *
 * @param data - Anything a regression or importance function accepts as data.
 * @returns Whether it is a {@link MatrixInput}.
 *
 * @example
 * ```ts
 * import { isMatrixInput } from 'loyalty-drivers';
 * isMatrixInput({ correlation: [[1, 0.3], [0.3, 1]], variables: ['x', 'y'], n: 50 }); // => true
 * isMatrixInput([{ x: 1, y: 2 }]); // => false
 * ```
 */
export function isMatrixInput(data: unknown): data is MatrixInput {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  const d = data as Record<string, unknown>;
  return d['kind'] === 'sufficient-statistics' || Array.isArray(d['correlation']) || Array.isArray(d['covariance']);
}

function checkSquare(m: unknown, k: number, name: string): readonly (readonly number[])[] {
  if (!Array.isArray(m) || m.length !== k) {
    throw new InputError('LENGTH_MISMATCH', `${name}: expected a ${k} x ${k} matrix (one row per variable)`, {
      argument: name,
      expected: `${k} x ${k}`,
    });
  }
  m.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== k) {
      throw new InputError('LENGTH_MISMATCH', `${name}[${i}]: expected ${k} entries`, { argument: name, row: i, expected: `${k} entries` });
    }
    row.forEach((v: unknown, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InputError('NOT_NUMERIC', `${name}[${i}][${j}]: expected a finite number, got ${String(v)}`, {
          argument: name,
          row: i,
          expected: 'a finite number',
        });
      }
    });
  });
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const a = m[i][j] as number;
      const b = m[j][i] as number;
      if (Math.abs(a - b) > 1e-10 * Math.max(1, Math.abs(a))) {
        throw new InputError('OUT_OF_RANGE', `${name}: not symmetric at [${i}][${j}] (${a} vs ${b})`, {
          argument: name,
          row: i,
          expected: 'a symmetric matrix',
        });
      }
    }
  }
  return m as readonly (readonly number[])[];
}

/**
 * Normalises summary input to {@link SufficientStatistics}. A correlation matrix becomes the
 * SSCP of standardized variables (`R (n - 1)`, means 0), so fits on it give standardized
 * coefficients; a covariance matrix becomes `C (n - 1)` with its means (0 when not given).
 * @internal
 */
export function toSufficientStatistics(
  data: MatrixInput,
  argument = 'data',
): { stats: SufficientStatistics; source: StatisticsSource; hasMeans: boolean } {
  if ((data as SufficientStatistics).kind === 'sufficient-statistics') {
    const s = data as SufficientStatistics;
    checkSquare(s.sscp, s.variables.length, `${argument}.sscp`);
    return { stats: s, source: 'sufficient-statistics', hasMeans: true };
  }
  const d = data as Partial<CorrelationInput & CovarianceInput>;
  if (!Array.isArray(d.variables) || d.variables.some((v) => typeof v !== 'string')) {
    throw new InputError('INVALID_OPTION', `${argument}.variables: expected an array of variable names`, {
      argument: `${argument}.variables`,
      expected: 'variable names',
    });
  }
  const k = d.variables.length;
  if (typeof d.n !== 'number' || !Number.isInteger(d.n) || d.n < 2) {
    throw new InputError('INVALID_OPTION', `${argument}.n: expected the sample size, an integer >= 2, got ${String(d.n)}`, {
      argument: `${argument}.n`,
      expected: 'an integer >= 2',
    });
  }
  const isCorrelation = Array.isArray(d.correlation);
  const name = `${argument}.${isCorrelation ? 'correlation' : 'covariance'}`;
  const m = checkSquare(isCorrelation ? d.correlation : d.covariance, k, name);
  for (let i = 0; i < k; i++) {
    const diag = m[i]![i]!;
    if (isCorrelation ? Math.abs(diag - 1) > 1e-10 : !(diag > 0)) {
      throw new InputError(
        'OUT_OF_RANGE',
        `${name}[${i}][${i}] (${d.variables[i]}): expected ${isCorrelation ? '1 on the diagonal' : 'a positive variance'}, got ${diag}`,
        {
          argument: name,
          row: i,
          column: d.variables[i],
          value: diag,
          expected: isCorrelation ? '1' : '> 0',
        },
      );
    }
    if (isCorrelation) {
      for (let j = 0; j < k; j++) {
        if (Math.abs(m[i]![j]!) > 1 + 1e-12) {
          throw new InputError('OUT_OF_RANGE', `${name}[${i}][${j}]: a correlation must lie in [-1, 1], got ${m[i]![j]}`, {
            argument: name,
            row: i,
            value: m[i]![j]!,
            expected: 'a value in [-1, 1]',
          });
        }
      }
    }
  }
  let means: readonly number[] = new Array<number>(k).fill(0);
  if (!isCorrelation && d.means !== undefined) {
    if (!Array.isArray(d.means) || d.means.length !== k || d.means.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
      throw new InputError('LENGTH_MISMATCH', `${argument}.means: expected ${k} finite numbers`, {
        argument: `${argument}.means`,
        expected: `${k} numbers`,
      });
    }
    means = d.means;
  }
  const stats: SufficientStatistics = {
    kind: 'sufficient-statistics',
    variables: d.variables,
    n: d.n,
    weightSum: d.n,
    weighted: false,
    means,
    sscp: m.map((row) => row.map((v) => v * (d.n! - 1))),
    missing: { policy: 'omit', rowsIn: d.n, rowsUsed: d.n, rowsDropped: 0, byColumn: {} },
  };
  return { stats, source: isCorrelation ? 'correlation' : 'covariance', hasMeans: !isCorrelation && d.means !== undefined };
}
