/**
 * Numeric columns read from rows with missing answers kept as NaN (for the pairwise and FIML
 * policies, which use every answer), rows with no answer at all dropped and counted.
 * @internal
 */
import { InsufficientDataError } from '../errors.js';
import { readCell, requireColumn, requireRows, type CellRule } from '../internal/validate.js';
import type { CovarianceMissingPolicy, MissingReport } from '../types.js';

/** Columns aligned row by row (NaN = missing), and the report. */
export interface IncompleteColumns {
  readonly columns: Float64Array[];
  /** Rows with at least one answer. */
  readonly n: number;
  readonly missing: MissingReport;
}

/**
 * Reads `names` from `rows` (numbers, or missing: null, undefined, '', NaN, `missingCodes`);
 * throws `NOT_NUMERIC` naming column and row, `TOO_FEW_CASES` below `minimum` answering rows.
 */
export function readIncompleteColumns(
  rows: unknown,
  names: readonly string[],
  policy: CovarianceMissingPolicy,
  options: { readonly missingCodes?: readonly number[]; readonly argument?: string; readonly minimum?: number } = {},
): IncompleteColumns {
  const argument = options.argument ?? 'rows';
  const data = requireRows(rows, argument);
  for (const c of names) requireColumn(data, c, argument);
  const rules: CellRule[] = names.map((column) => ({ argument, column, missingCodes: options.missingCodes }));
  const k = names.length;
  const raw = names.map(() => new Float64Array(data.length));
  const missingCount = new Array<number>(k).fill(0);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const row = data[i]!;
    let any = false;
    for (let j = 0; j < k; j++) {
      const v = readCell(row[names[j]!], i, rules[j]!);
      if (v === null) {
        raw[j]![n] = Number.NaN;
        missingCount[j]!++;
      } else {
        raw[j]![n] = v;
        any = true;
      }
    }
    if (any) n++;
    else for (let j = 0; j < k; j++) missingCount[j]!--;
  }
  const minimum = options.minimum ?? 2;
  if (n < minimum) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${argument}: only ${n} of ${data.length} rows answered any of ${names.join(', ')}; need at least ${minimum}`,
      {
        argument,
        expected: `at least ${minimum} cases`,
      },
    );
  }
  const byColumn: Record<string, number> = {};
  names.forEach((c, j) => {
    // Rows with no answer at all are dropped whole; they count against every column.
    const m = missingCount[j]! + (data.length - n);
    if (m > 0) byColumn[c] = m;
  });
  return {
    columns: raw.map((c) => c.slice(0, n)),
    n,
    missing: { policy, rowsIn: data.length, rowsUsed: n, rowsDropped: data.length - n, byColumn },
  };
}
