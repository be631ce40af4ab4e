/**
 * Input validation at the public boundary: turns plain data (arrays of numbers, or rows of
 * plain objects) into dense `Float64Array` columns, applying the missing-value policy once.
 *
 * Missing values are `null`, `undefined`, the empty string, `NaN`, and any number the caller
 * declares in `missingCodes` (e.g. -99). Everything else must be a finite number: a non-empty
 * string is `NOT_NUMERIC` (parse first; `loyalty-drivers/io` does), a number outside the
 * declared scale is `OUT_OF_RANGE`.
 */
import { InputError, InsufficientDataError } from '../errors.js';
import type { MissingPolicy, MissingReport, Row, ScaleRange } from '../types.js';

/** True for the values the library treats as missing: null, undefined, '', NaN. */
export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value));
}

function describe(value: unknown): string | number | boolean | null {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return Object.prototype.toString.call(value);
}

function where(argument: string, column: string | undefined, row: number): string {
  return column === undefined ? `${argument}[${row}]` : `column "${column}", row ${row}`;
}

/** What a numeric cell must satisfy, and what counts as missing in it. */
export interface CellRule {
  /** Argument name for messages, e.g. "values" or "rows". */
  readonly argument: string;
  /** Column name for messages (omit for plain arrays). */
  readonly column?: string;
  readonly scale?: ScaleRange;
  readonly missingCodes?: readonly number[];
}

/** A short description of a scale, for messages: "an integer from 0 to 10". */
export function describeScale(scale: ScaleRange | undefined): string {
  if (!scale) return 'a finite number';
  const kind = scale.integer ? 'an integer' : 'a number';
  if (scale.min !== undefined && scale.max !== undefined) return `${kind} from ${scale.min} to ${scale.max}`;
  if (scale.min !== undefined) return `${kind} >= ${scale.min}`;
  if (scale.max !== undefined) return `${kind} <= ${scale.max}`;
  return kind;
}

/**
 * Reads one cell: returns the number, or `null` when missing (including declared missing codes).
 * Throws `NOT_NUMERIC` or `OUT_OF_RANGE` naming the column and row.
 */
export function readCell(value: unknown, row: number, rule: CellRule): number | null {
  // Fast path first: a finite number inside the scale (the common case on large data).
  if (typeof value === 'number' && value - value === 0) {
    if (rule.missingCodes !== undefined && rule.missingCodes.length > 0 && rule.missingCodes.includes(value)) return null;
    const s = rule.scale;
    if (
      s === undefined ||
      ((s.min === undefined || value >= s.min) &&
        (s.max === undefined || value <= s.max) &&
        (s.integer !== true || Number.isInteger(value)))
    ) {
      return value;
    }
    const hint = rule.missingCodes === undefined ? ' (declare it in missingCodes if it codes a missing answer)' : '';
    throw new InputError('OUT_OF_RANGE', `${where(rule.argument, rule.column, row)}: expected ${describeScale(s)}, got ${value}${hint}`, {
      argument: rule.argument,
      column: rule.column,
      row,
      value,
      expected: describeScale(s),
    });
  }
  if (isMissing(value)) return null;
  if (typeof value === 'number') {
    throw new InputError('NOT_NUMERIC', `${where(rule.argument, rule.column, row)}: expected a finite number, got ${value}`, {
      argument: rule.argument,
      column: rule.column,
      row,
      value: String(value),
      expected: 'a finite number',
    });
  }
  throw new InputError(
    'NOT_NUMERIC',
    `${where(rule.argument, rule.column, row)}: expected ${describeScale(rule.scale)}, got ${typeof value} ${JSON.stringify(describe(value))}`,
    { argument: rule.argument, column: rule.column, row, value: describe(value), expected: describeScale(rule.scale) },
  );
}

/** Options shared by every function that reads data. */
export interface ReadOptions {
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** A dense numeric sample after the missing-value policy. */
export interface NumericSample {
  /** Complete values, in input order. */
  readonly values: Float64Array;
  /** Sampling weights aligned with `values` (all 1 when none were given). */
  readonly weights: Float64Array | undefined;
  /** Position in the input of each kept value. */
  readonly index: Int32Array;
  readonly missing: MissingReport;
}

/** Checks an option is one of the allowed values; throws `INVALID_OPTION` naming it. */
export function checkOption<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InputError(
      'INVALID_OPTION',
      `${name}: expected one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${JSON.stringify(describe(value))}`,
      {
        argument: name,
        value: describe(value),
        expected: allowed.join(' | '),
      },
    );
  }
  return value as T;
}

/** Checks a numeric option lies in [min, max] (or the open interval); throws `INVALID_OPTION`. */
export function checkNumberOption(
  name: string,
  value: unknown,
  range: { min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean; integer?: boolean } = {},
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.min === undefined || (range.exclusiveMin ? value > range.min : value >= range.min)) &&
    (range.max === undefined || (range.exclusiveMax ? value < range.max : value <= range.max)) &&
    (!range.integer || Number.isInteger(value));
  if (!ok) {
    const lo = range.min === undefined ? '' : `${range.exclusiveMin ? '>' : '>='} ${range.min}`;
    const hi = range.max === undefined ? '' : `${range.exclusiveMax ? '<' : '<='} ${range.max}`;
    const expected = [range.integer ? 'an integer' : 'a number', lo, hi].filter(Boolean).join(' ');
    throw new InputError('INVALID_OPTION', `${name}: expected ${expected}, got ${JSON.stringify(describe(value))}`, {
      argument: name,
      value: describe(value),
      expected,
    });
  }
  return value;
}

/** Checks the confidence level option (default 0.95). */
export function checkConfidenceLevel(value: unknown, name = 'options.confidenceLevel'): number {
  if (value === undefined) return 0.95;
  return checkNumberOption(name, value, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
}

function requireArray(argument: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    throw new InputError('EMPTY_INPUT', `${argument}: expected an array, got ${value === null ? 'null' : typeof value}`, {
      argument,
      expected: 'an array',
    });
  }
  const arr = value as readonly unknown[];
  if (arr.length === 0) {
    throw new InputError('EMPTY_INPUT', `${argument}: expected at least one value, got an empty array`, {
      argument,
      expected: 'a non-empty array',
    });
  }
  return arr;
}

/**
 * Reads a weights cell: a finite number >= 0. Missing weights follow the missing policy.
 */
const WEIGHT_RULE: CellRule = { argument: 'options.weights', scale: { min: 0 } };

/**
 * Validates a plain array of values (and optional aligned weights) and drops missing entries
 * under the policy. Throws `EMPTY_INPUT` for an empty array, `TOO_FEW_CASES` when fewer than
 * `minimum` complete values remain.
 */
export function readVector(
  values: unknown,
  options: ReadOptions & { argument?: string; scale?: ScaleRange; weights?: unknown; minimum?: number } = {},
): NumericSample {
  const argument = options.argument ?? 'values';
  const arr = requireArray(argument, values);
  const policy = checkOption('options.missing', options.missing ?? 'omit', ['omit', 'fail'] as const);
  let wArr: readonly unknown[] | undefined;
  if (options.weights !== undefined) {
    wArr = requireArray('options.weights', options.weights);
    if (wArr.length !== arr.length) {
      throw new InputError('LENGTH_MISMATCH', `options.weights: expected ${arr.length} weights (one per value), got ${wArr.length}`, {
        argument: 'options.weights',
        expected: `${arr.length} weights`,
      });
    }
  }
  const rule: CellRule = { argument, scale: options.scale, missingCodes: options.missingCodes };
  const out = new Float64Array(arr.length);
  const wOut = wArr ? new Float64Array(arr.length) : undefined;
  const index = new Int32Array(arr.length);
  let n = 0;
  let missingValues = 0;
  let missingWeights = 0;
  for (let i = 0; i < arr.length; i++) {
    const v = readCell(arr[i], i, rule);
    const w = wArr ? readCell(wArr[i], i, WEIGHT_RULE) : 1;
    if (v === null || w === null) {
      if (policy === 'fail') {
        const arg = v === null ? argument : 'options.weights';
        throw new InputError('MISSING_VALUE', `${arg}[${i}]: missing value and options.missing is "fail"`, {
          argument: arg,
          row: i,
          expected: 'a value',
        });
      }
      if (v === null) missingValues++;
      if (w === null) missingWeights++;
      continue;
    }
    out[n] = v;
    if (wOut) wOut[n] = w;
    index[n] = i;
    n++;
  }
  const byColumn: Record<string, number> = {};
  if (missingValues > 0) byColumn[argument] = missingValues;
  if (missingWeights > 0) byColumn['weights'] = missingWeights;
  const missing: MissingReport = { policy, rowsIn: arr.length, rowsUsed: n, rowsDropped: arr.length - n, byColumn };
  const minimum = options.minimum ?? 1;
  if (n < minimum) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${argument}: ${n} non-missing value${n === 1 ? '' : 's'} of ${arr.length}; need at least ${minimum}`,
      { argument, expected: `at least ${minimum} non-missing values` },
    );
  }
  if (wOut) checkWeightTotal(wOut.subarray(0, n), 'options.weights');
  return { values: out.slice(0, n), weights: wOut?.slice(0, n), index: index.slice(0, n), missing };
}

/** Throws OUT_OF_RANGE when no weight is positive. @internal */
export function checkWeightTotal(w: Float64Array, name: string, argument = name, column?: string, cases = w.length): void {
  for (let i = 0; i < w.length; i++) if (w[i]! > 0) return;
  throw new InputError(
    'OUT_OF_RANGE',
    `${name}: every weight is zero${column === undefined ? '' : ` in the ${cases} complete cases`}; expected at least one positive weight`,
    {
      argument,
      ...(column === undefined ? {} : { column }),
      expected: 'at least one positive weight',
    },
  );
}

/** A numeric column request: the column name plus its declared scale and missing codes. */
export interface ColumnRequest {
  readonly column: string;
  readonly scale?: ScaleRange;
  readonly missingCodes?: readonly number[];
}

/** Dense complete-case columns read from rows. */
export interface ColumnSample {
  /** One array per requested column, complete cases only, aligned. */
  readonly columns: readonly Float64Array[];
  readonly weights: Float64Array | undefined;
  /** Position in `rows` of each kept case. */
  readonly index: Int32Array;
  readonly missing: MissingReport;
}

/** Throws `EMPTY_INPUT` unless `rows` is a non-empty array of plain objects. */
export function requireRows(rows: unknown, argument = 'rows'): readonly Row[] {
  const arr = requireArray(argument, rows);
  const first = arr[0];
  if (first === null || typeof first !== 'object' || Array.isArray(first)) {
    throw new InputError('NOT_NUMERIC', `${argument}[0]: expected a plain object (one row keyed by column name)`, {
      argument,
      row: 0,
      expected: 'a plain object',
    });
  }
  return arr as readonly Row[];
}

/** Throws `COLUMN_NOT_FOUND` if no row has the column (checks the first row, then all). */
export function requireColumn(rows: readonly Row[], column: string, argument: string): void {
  if (typeof column !== 'string' || column.length === 0) {
    throw new InputError('INVALID_OPTION', `${argument}: expected a column name, got ${JSON.stringify(describe(column))}`, {
      argument,
      expected: 'a column name',
    });
  }
  if (Object.prototype.hasOwnProperty.call(rows[0], column)) return;
  for (const r of rows) if (r !== null && typeof r === 'object' && Object.prototype.hasOwnProperty.call(r, column)) return;
  const known = Object.keys(rows[0] ?? {})
    .slice(0, 12)
    .join(', ');
  throw new InputError('COLUMN_NOT_FOUND', `${argument}: column "${column}" not found in rows (columns: ${known})`, {
    argument,
    column,
    expected: 'a column present in the rows',
  });
}

/**
 * Reads several numeric columns from rows with listwise deletion (a row missing any requested
 * column, or its weight, is dropped and counted per column). `missing: 'fail'` throws
 * `MISSING_VALUE` at the first missing cell instead.
 */
export function readColumns(
  rows: unknown,
  requests: readonly ColumnRequest[],
  options: ReadOptions & { argument?: string; weights?: string; minimum?: number } = {},
): ColumnSample {
  const argument = options.argument ?? 'rows';
  const data = requireRows(rows, argument);
  const policy = checkOption('options.missing', options.missing ?? 'omit', ['omit', 'fail'] as const);
  for (const r of requests) requireColumn(data, r.column, argument);
  if (options.weights !== undefined) requireColumn(data, options.weights, 'options.weights');
  const k = requests.length;
  const weightRule: CellRule = { argument: 'options.weights', column: options.weights, scale: { min: 0 } };
  const rules: CellRule[] = requests.map((r) => ({
    argument,
    column: r.column,
    scale: r.scale,
    missingCodes: r.missingCodes ?? options.missingCodes,
  }));
  const cols = requests.map(() => new Float64Array(data.length));
  const wOut = options.weights !== undefined ? new Float64Array(data.length) : undefined;
  const index = new Int32Array(data.length);
  const missCount = new Array<number>(k).fill(0);
  let missW = 0;
  const cell = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (row === null || typeof row !== 'object') {
      throw new InputError('NOT_NUMERIC', `${argument}[${i}]: expected a plain object, got ${row === null ? 'null' : typeof row}`, {
        argument,
        row: i,
        expected: 'a plain object',
      });
    }
    let complete = true;
    for (let j = 0; j < k; j++) {
      const v = readCell(row[requests[j]!.column], i, rules[j]!);
      if (v === null) {
        if (policy === 'fail') throw missingError(argument, requests[j]!.column, i);
        missCount[j]!++;
        complete = false;
      } else cell[j] = v;
    }
    let w = 1;
    if (wOut) {
      const wv = readCell(row[options.weights!], i, weightRule);
      if (wv === null) {
        if (policy === 'fail') throw missingError('options.weights', options.weights!, i);
        missW++;
        complete = false;
      } else w = wv;
    }
    if (!complete) continue;
    for (let j = 0; j < k; j++) cols[j]![n] = cell[j]!;
    if (wOut) wOut[n] = w;
    index[n] = i;
    n++;
  }
  const byColumn: Record<string, number> = {};
  requests.forEach((r, j) => {
    if (missCount[j]! > 0) byColumn[r.column] = (byColumn[r.column] ?? 0) + missCount[j]!;
  });
  if (missW > 0) byColumn[options.weights!] = missW;
  const missing: MissingReport = { policy, rowsIn: data.length, rowsUsed: n, rowsDropped: data.length - n, byColumn };
  const minimum = options.minimum ?? 1;
  if (n < minimum) {
    const columns = requests.map((r) => r.column);
    throw tooFewCases(argument, n, data.length, minimum, columns, [...missCount, missW], options.weights);
  }
  if (wOut) checkWeightTotal(wOut.subarray(0, n), `options.weights ("${options.weights}")`, 'options.weights', options.weights);
  return {
    columns: cols.map((c) => c.slice(0, n)),
    weights: wOut?.slice(0, n),
    index: index.slice(0, n),
    missing,
  };
}

/**
 * `TOO_FEW_CASES` for `n` complete cases of `rowsIn` on `columns` (and the weight column), naming
 * the columns with no value at all, the usual cause of 0 complete cases: `missing` holds each
 * column's missing count, then the weight's. @internal
 */
export function tooFewCases(
  argument: string,
  n: number,
  rowsIn: number,
  minimum: number,
  columns: readonly string[],
  missing: readonly number[],
  weights: string | undefined,
): InsufficientDataError {
  const empty = columns.filter((_, j) => missing[j] === rowsIn);
  if (weights !== undefined && missing[columns.length] === rowsIn) empty.push(weights);
  const why =
    empty.length === 0 || rowsIn === 0
      ? ''
      : ` (${[...new Set(empty)].map((c) => `"${c}"`).join(', ')} ${empty.length === 1 ? 'is' : 'are'} missing in every row)`;
  return new InsufficientDataError(
    'TOO_FEW_CASES',
    `${argument}: ${n} complete case${n === 1 ? '' : 's'} of ${rowsIn} on ${columns.join(', ')}; need at least ${minimum}${why}`,
    { argument, expected: `at least ${minimum} complete cases`, ...(empty.length > 0 ? { column: empty[0] } : {}) },
  );
}

function missingError(argument: string, column: string, row: number): InputError {
  return new InputError('MISSING_VALUE', `column "${column}", row ${row}: missing value and options.missing is "fail"`, {
    argument,
    column,
    row,
    expected: 'a value',
  });
}
