import { InputError, InsufficientDataError } from '../errors.js';
import { centredCrossProducts } from '../internal/sums.js';
import { checkOption, isMissing, readCell, readColumns, requireRows, type ColumnRequest } from '../internal/validate.js';
import { emSaturated, patternStatistics, type PatternData } from '../missing/em.js';
import { assertPairwisePositiveDefinite, pairwiseMoments } from '../missing/pairwise.js';
import { isMatrixInput, toSufficientStatistics, type MatrixInput, type StatisticsSource } from '../summary/matrixInput.js';
import type { CovarianceMissingPolicy, MissingReport, Row } from '../types.js';
import { requireItems } from './requireItems.js';
import type { NormalizedScale } from './types.js';

/** One analysed variable: an item of a scale (already reverse-coded when reverse-worded). @internal */
export interface ItemVariable {
  /** Index of the scale in `scales`. */
  readonly scale: number;
  readonly item: string;
  readonly reversed: boolean;
}

/**
 * Complete-case item moments of a set of scales: the common input of alpha, the factor model,
 * HTMT and driver correlations. @internal
 */
export interface ItemData {
  readonly scales: readonly NormalizedScale[];
  /** Scale by scale, item by item (`offsets[s]` is the first variable of scale s). */
  readonly variables: readonly ItemVariable[];
  readonly offsets: readonly number[];
  /** Complete cases (or the summary's n). */
  readonly n: number;
  /** Reverse-coded complete-case columns, one per variable (rows input only). */
  readonly columns: readonly Float64Array[] | null;
  /** Positions in the input rows of the complete cases (rows input only). */
  readonly index: Int32Array | null;
  /** Item means after reverse coding; null when the input was a correlation matrix. */
  readonly means: readonly number[] | null;
  /** Item covariance matrix, denominator n - 1, after reverse coding (correlation input: the correlations). */
  readonly covariance: readonly (readonly number[])[];
  readonly source: StatisticsSource;
  readonly missing: MissingReport;
  /** Under `missing: 'fiml'`, the per-pattern statistics the EM fit used (reverse-coded), for a structured FIML fit. */
  readonly patterns?: PatternData;
}

/** Options of {@link readItems}. @internal */
export interface ReadItemsOptions {
  readonly argument?: string;
  readonly missing?: CovarianceMissingPolicy;
  readonly missingCodes?: readonly number[];
  /** Fewest complete cases accepted (default 2). */
  readonly minimum?: number;
}

function listVariables(scales: readonly NormalizedScale[]): { variables: ItemVariable[]; offsets: number[] } {
  const variables: ItemVariable[] = [];
  const offsets: number[] = [];
  scales.forEach((s, si) => {
    offsets.push(variables.length);
    s.items.forEach((item, j) => variables.push({ scale: si, item, reversed: s.reversed[j]! }));
  });
  return { variables, offsets };
}

function missingCodeSet(codes: readonly number[] | undefined): (v: unknown) => boolean {
  return (v) => isMissing(v) || (codes !== undefined && typeof v === 'number' && codes.includes(v));
}

/** After listwise deletion left too few cases: name the scale (and its most-missed item) at fault. */
function explainTooFew(
  rows: readonly Row[],
  scales: readonly NormalizedScale[],
  n: number,
  minimum: number,
  missingCodes: readonly number[] | undefined,
  argument: string,
): InsufficientDataError {
  const missing = missingCodeSet(missingCodes);
  for (const s of scales) {
    let complete = 0;
    const byItem = new Array<number>(s.items.length).fill(0);
    for (const row of rows) {
      let ok = true;
      s.items.forEach((item, j) => {
        if (missing(row[item])) {
          byItem[j]!++;
          ok = false;
        }
      });
      if (ok) complete++;
    }
    if (complete < minimum) {
      const worst = byItem.indexOf(Math.max(...byItem));
      const detail = s.items.map((item, j) => `${item} missing in ${byItem[j]}`).join(', ');
      const who =
        complete === 0 ? 'nobody answered every item' : `only ${complete} respondent${complete === 1 ? '' : 's'} answered every item`;
      return new InsufficientDataError(
        'TOO_FEW_CASES',
        `scale "${s.name}": ${who} of ${rows.length} rows (${detail}); need at least ${minimum} complete cases`,
        { argument, column: s.items[worst], expected: `at least ${minimum} complete cases` },
      );
    }
  }
  const names = scales.map((s) => `"${s.name}"`).join(', ');
  return new InsufficientDataError(
    'TOO_FEW_CASES',
    `${argument}: only ${n} of ${rows.length} rows answered every item of scales ${names} together; need at least ${minimum} (each scale alone has enough: use options.listwise = "per-scale")`,
    { argument, expected: `at least ${minimum} complete cases` },
  );
}

function zeroVarianceCheck(data: ItemData, argument: string): void {
  data.variables.forEach((v, j) => {
    const variance = data.covariance[j]![j]!;
    if (!(variance > 0)) {
      const scale = data.scales[v.scale]!.name;
      const value = data.columns ? ` (every one of the ${data.n} complete cases answered ${data.columns[j]![0]})` : '';
      throw new InsufficientDataError(
        'ZERO_VARIANCE',
        `scale "${scale}", item "${v.item}": zero variance${value}; an item that does not vary says nothing about the scale, so drop it`,
        { argument, column: v.item, expected: 'an item whose answers vary' },
      );
    }
  });
  // A scale whose items sum to the same total for everybody has a constant score: alpha divides
  // by that total's variance (-Infinity), and the scale can be neither scored nor correlated.
  data.scales.forEach((scale, s) => {
    const start = data.offsets[s]!;
    const k = scale.items.length;
    if (k < 2) return;
    let total = 0;
    let trace = 0;
    for (let j = start; j < start + k; j++) {
      trace += data.covariance[j]![j]!;
      for (let l = start; l < start + k; l++) total += data.covariance[j]![l]!;
    }
    if (total <= 1e-10 * trace) {
      const items = scale.items.map((i) => `"${i}"`).join(', ');
      throw new InsufficientDataError(
        'ZERO_VARIANCE',
        `scale "${scale.name}": items ${items} add up to the same total for every one of the ${data.n} cases (after reverse coding), so the scale score does not vary and alpha is undefined; is an item reverse-worded and not declared in reverse, or the other way round?`,
        { argument, column: scale.items[0], expected: 'items whose total varies' },
      );
    }
  });
}

function fromSummary(data: MatrixInput, scales: readonly NormalizedScale[], argument: string, minimum: number): ItemData {
  const { stats, source, hasMeans } = toSufficientStatistics(data, argument);
  if (stats.weighted) {
    throw new InputError(
      'INVALID_OPTION',
      `${argument}: weighted sufficient statistics are not supported by the measurement functions (reliability and validity are unweighted)`,
      {
        argument,
        expected: 'unweighted statistics',
      },
    );
  }
  const { variables, offsets } = listVariables(scales);
  const position = variables.map((v) => {
    const p = stats.variables.indexOf(v.item);
    if (p < 0) {
      const scale = scales[v.scale]!.name;
      throw new InputError(
        'COLUMN_NOT_FOUND',
        `scale "${scale}": item "${v.item}" is not among ${argument}.variables (${stats.variables.join(', ')})`,
        {
          argument: `${argument}.variables`,
          column: v.item,
          expected: 'a variable of the summary',
        },
      );
    }
    return p;
  });
  if (stats.n < minimum) {
    throw new InsufficientDataError('TOO_FEW_CASES', `${argument}: n = ${stats.n}; need at least ${minimum} cases`, {
      argument,
      expected: `n >= ${minimum}`,
    });
  }
  const sign = variables.map((v) => (v.reversed ? -1 : 1));
  const divisor = stats.n - 1;
  const covariance = position.map((p, j) => position.map((q, l) => (stats.sscp[p]![q]! / divisor) * sign[j]! * sign[l]!));
  const means = hasMeans
    ? position.map((p, j) => {
        const s = scales[variables[j]!.scale]!;
        const m = stats.means[p]!;
        return variables[j]!.reversed ? s.min! + s.max! - m : m;
      })
    : null;
  const result: ItemData = {
    scales,
    variables,
    offsets,
    n: stats.n,
    columns: null,
    index: null,
    means,
    covariance,
    source,
    missing: { policy: 'omit', rowsIn: stats.n, rowsUsed: stats.n, rowsDropped: 0, byColumn: {} },
  };
  zeroVarianceCheck(result, argument);
  return result;
}

/** Pairwise or FIML moments of the items of `scales` (rows with no item answered are dropped). */
function incomplete(
  rows: readonly Row[],
  scales: readonly NormalizedScale[],
  variables: readonly ItemVariable[],
  offsets: readonly number[],
  policy: 'pairwise' | 'fiml',
  options: ReadItemsOptions,
  argument: string,
  minimum: number,
): ItemData {
  const k = variables.length;
  const names = variables.map((v) => v.item);
  const raw = variables.map(() => new Float64Array(rows.length));
  const byColumn: Record<string, number> = {};
  const rules = variables.map((v) => {
    const s = scales[v.scale]!;
    return { argument, column: v.item, scale: { min: s.min, max: s.max, integer: s.integer }, missingCodes: options.missingCodes };
  });
  const keep: number[] = [];
  rows.forEach((row, i) => {
    let any = false;
    for (let j = 0; j < k; j++) {
      const v = readCell(row[variables[j]!.item], i, rules[j]!);
      if (v === null) {
        raw[j]![i] = Number.NaN;
        byColumn[names[j]!] = (byColumn[names[j]!] ?? 0) + 1;
      } else {
        const s = scales[variables[j]!.scale]!;
        raw[j]![i] = variables[j]!.reversed ? s.min! + s.max! - v : v;
        any = true;
      }
    }
    if (any) keep.push(i);
  });
  const n = keep.length;
  if (n < minimum) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${argument}: only ${n} of ${rows.length} rows answered any item; need at least ${minimum}`,
      { argument, expected: `at least ${minimum} cases` },
    );
  }
  const columns = raw.map((c) => Float64Array.from(keep, (i) => c[i]!));
  const report = { policy, rowsIn: rows.length, rowsUsed: n, rowsDropped: rows.length - n, byColumn };
  let result: ItemData;
  if (policy === 'pairwise') {
    const m = pairwiseMoments(columns, names, argument);
    assertPairwisePositiveDefinite(m, names, argument);
    const off = m.counts.flatMap((row, j) => row.filter((_, l) => l !== j));
    const counts = off.length > 0 ? off : [m.counts[0]![0]!];
    result = {
      scales,
      variables,
      offsets,
      n,
      columns: null,
      index: null,
      means: m.means,
      covariance: m.covariance,
      source: 'rows',
      missing: { ...report, pairwise: { items: names, counts: m.counts, min: Math.min(...counts), max: Math.max(...counts) } },
    };
  } else {
    const patterns = patternStatistics(columns);
    const fit = emSaturated(patterns, names);
    // Stored with divisor n - 1 like every ItemData, so consumers that use divisor n (the factor model) get the ML matrix back.
    const covariance = names.map((_, j) => names.map((__, l) => (fit.covariance[j * k + l]! * n) / (n - 1)));
    result = {
      scales,
      variables,
      offsets,
      n,
      columns: null,
      index: null,
      means: Array.from(fit.means),
      covariance,
      source: 'rows',
      patterns,
      missing: {
        ...report,
        fiml: {
          method: 'em',
          iterations: fit.iterations,
          maxChange: fit.maxChange,
          tolerance: fit.tolerance,
          logLikelihood: fit.logLikelihood,
          patterns: fit.patterns,
        },
      },
    };
  }
  zeroVarianceCheck(result, argument);
  return result;
}

/**
 * Reads the items of `scales` from rows (listwise over all of them) or from a summary
 * ({@link MatrixInput}), applies reverse coding and returns means and the covariance matrix.
 *
 * @throws InputError `COLUMN_NOT_FOUND` naming scale and item, `OUT_OF_RANGE`, `NOT_NUMERIC`,
 *   `MISSING_VALUE`; InsufficientDataError `TOO_FEW_CASES` naming the scale nobody completed,
 *   `ZERO_VARIANCE` naming scale and item (or the scale, when its items sum to a constant).
 * @internal
 */
export function readItems(data: unknown, scales: readonly NormalizedScale[], options: ReadItemsOptions = {}): ItemData {
  const argument = options.argument ?? 'rows';
  const minimum = options.minimum ?? 2;
  const policy = checkOption('options.missing', options.missing ?? 'omit', ['omit', 'fail', 'pairwise', 'fiml'] as const);
  if (isMatrixInput(data)) {
    if (policy === 'pairwise' || policy === 'fiml') {
      throw new InputError('INVALID_OPTION', `options.missing: "${policy}" needs rows (a summary matrix has no missing answers)`, {
        argument: 'options.missing',
        expected: '"omit" or "fail" with a summary',
      });
    }
    return fromSummary(data, scales, 'data', minimum);
  }
  const rows = requireRows(data, argument);
  requireItems(rows, scales, argument);
  const { variables, offsets } = listVariables(scales);
  if (policy === 'pairwise' || policy === 'fiml') return incomplete(rows, scales, variables, offsets, policy, options, argument, minimum);
  // Read each distinct column once, with its scale's declared range.
  const columnOf = new Map<string, number>();
  const requests: ColumnRequest[] = [];
  for (const v of variables) {
    if (columnOf.has(v.item)) continue;
    const s = scales[v.scale]!;
    columnOf.set(v.item, requests.length);
    requests.push({ column: v.item, scale: { min: s.min, max: s.max, integer: s.integer } });
  }
  const sample = readColumns(rows, requests, {
    argument,
    missing: policy as 'omit' | 'fail',
    missingCodes: options.missingCodes,
    minimum: 0,
  });
  const n = sample.index.length;
  if (n < minimum) throw explainTooFew(rows, scales, n, minimum, options.missingCodes, argument);
  const columns = variables.map((v) => {
    const source = sample.columns[columnOf.get(v.item)!]!;
    if (!v.reversed) return source;
    const s = scales[v.scale]!;
    const top = s.min! + s.max!;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = top - source[i]!;
    return out;
  });
  const { means, sscp } = centredCrossProducts(columns);
  const covariance = sscp.map((row) => row.map((v) => v / (n - 1)));
  const result: ItemData = {
    scales,
    variables,
    offsets,
    n,
    columns,
    index: sample.index,
    means,
    covariance,
    source: 'rows',
    missing: sample.missing,
  };
  zeroVarianceCheck(result, argument);
  return result;
}
