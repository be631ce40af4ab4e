import { InputError } from '../errors.js';
import { checkNumberOption, checkOption, isMissing, readCell, requireColumn, requireRows, type CellRule } from '../internal/validate.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { scaleScores } from '../measurement/scaleScores.js';
import type { ScaleDefinition } from '../measurement/types.js';
import type { MissingPolicy, MissingReport, Row, ScaleRange } from '../types.js';

/**
 * A per-respondent measure, described as JSON so model files and the command-line tool can pass it:
 *
 * - `'recommend'` or `{ column: 'recommend' }`: a numeric column;
 * - `{ mean: ['recommend', 'repurchase_intent', 'upsell_intent'] }`: the mean of several columns
 *   (the per-respondent Customer Loyalty Index, a driver score from its items); by default every
 *   item must be answered, `minimumAnswered` allows the mean of the answered ones;
 * - `{ ratio: ['spend_12m', 'category_spend_12m'] }`: numerator / denominator (share of wallet);
 *   a zero denominator gives no value for that row (reported, never Infinity);
 * - `{ driver: { items: ['eng1', 'eng2', 'eng3'], reverse: ['eng3'], min: 1, max: 7 } }` (or a list
 *   of items): a driver score by `scaleScores` (reverse-worded items recoded `min + max - x`, every
 *   item answered unless `minimumAnswered` says otherwise);
 * - `{ values: [...] }`: values computed elsewhere, one per row.
 *
 * Every form takes an optional `name` (used in results and messages), `scale` (the declared range
 * of the column(s) read; a value outside it is `OUT_OF_RANGE`) and `missingCodes`.
 */
export type MeasureSpec = string | ColumnMeasure | MeanMeasure | RatioMeasure | DriverMeasure | ValuesMeasure;

interface MeasureCommon {
  /** Display name; defaults to the column or a description such as `mean(a, b, c)`. */
  readonly name?: string;
  /** Declared range of the column(s) read. */
  readonly scale?: ScaleRange;
  /** Numbers that code a missing answer, e.g. `[-99]`. */
  readonly missingCodes?: readonly number[];
}

/** One numeric column. */
export interface ColumnMeasure extends MeasureCommon {
  readonly column: string;
}

/** The mean of several numeric columns, per row. */
export interface MeanMeasure extends MeasureCommon {
  readonly mean: readonly string[];
  /** Least number of answered columns for a value (default: all of them). */
  readonly minimumAnswered?: number;
}

/** `numerator / denominator`, per row; a zero denominator gives no value. */
export interface RatioMeasure extends MeasureCommon {
  readonly ratio: readonly [string, string];
}

/** A driver score from its items (a scale definition as `scaleScores` takes it). */
export interface DriverMeasure extends MeasureCommon {
  readonly driver: readonly string[] | ScaleDefinition;
  /** Least number of answered items for a score (default: all of them). */
  readonly minimumAnswered?: number;
}

/** Precomputed values, one per row (`null` for missing). */
export interface ValuesMeasure extends MeasureCommon {
  readonly values: readonly unknown[];
}

/** A measure's JSON-describable definition, as echoed in results (`values` are summarised). */
export type MeasureDefinition =
  | { readonly kind: 'column'; readonly column: string }
  | { readonly kind: 'mean'; readonly columns: readonly string[]; readonly minimumAnswered: number }
  | { readonly kind: 'ratio'; readonly numerator: string; readonly denominator: string }
  | { readonly kind: 'driver'; readonly items: readonly string[]; readonly reversed: readonly string[]; readonly minimumAnswered: number }
  | { readonly kind: 'values'; readonly length: number };

/** Result of {@link resolveMeasure}. */
export interface ResolvedMeasure {
  readonly name: string;
  readonly definition: MeasureDefinition;
  /** One value per row, `null` where the measure is undefined. */
  readonly values: readonly (number | null)[];
  /** Why each row has no value (`null` where it has one), e.g. `'category_spend_12m is 0'`. */
  readonly reasons: readonly (string | null)[];
  /** Rows in, rows with a value, and the count of missing cells per column read. */
  readonly missing: MissingReport;
}

function invalidSpec(argument: string, message: string): InputError {
  return new InputError('INVALID_OPTION', `${argument}: ${message}`, {
    argument,
    expected:
      'a column name, or { column }, { mean: [...] }, { ratio: [numerator, denominator] }, { driver: { items, ... } } or { values: [...] }',
  });
}

function columnList(argument: string, value: unknown, minimum: number, exact?: number): string[] {
  if (
    !Array.isArray(value) ||
    value.length < minimum ||
    (exact !== undefined && value.length !== exact) ||
    value.some((c) => typeof c !== 'string' || c === '')
  ) {
    throw invalidSpec(
      argument,
      `expected ${exact !== undefined ? `exactly ${exact}` : `at least ${minimum}`} column name${minimum === 1 && exact === undefined ? '' : 's'}`,
    );
  }
  return value as string[];
}

/** Options of {@link resolveMeasure}. */
export interface ResolveMeasureOptions {
  /** The argument named in messages (default `"measure"`). */
  readonly argument?: string;
  readonly missing?: MissingPolicy;
}

const RESOLVE_KEYS = optionKeys<ResolveMeasureOptions>({ argument: true, missing: true });

/**
 * Evaluates a per-respondent measure ({@link MeasureSpec}) on rows: a column, the mean of
 * columns, a ratio of two columns, or precomputed values. Missing cells (`null`, `undefined`,
 * `''`, `NaN`, declared `missingCodes`) give `null` with a reason; nothing is dropped silently.
 *
 * Method: a mean is the plain mean of the answered columns when at least `minimumAnswered` are
 * answered (default all, the listwise rule of driver scores); a ratio is `numerator / denominator`,
 * undefined (null, reason given) when the denominator is 0.
 *
 * @param rows - Plain objects keyed by column name.
 * @param spec - The measure (see {@link MeasureSpec}).
 * @param options - `argument`: the option's name in messages (default `"measure"`); `missing`:
 *   `'omit'` (default) gives `null` with a reason, `'fail'` throws `MISSING_VALUE` at the first row
 *   without a value (a zero denominator included).
 * @returns Values and reasons aligned with `rows`, the definition used and a missing-value report.
 * @throws InputError `EMPTY_INPUT`, `COLUMN_NOT_FOUND`, `NOT_NUMERIC`, `OUT_OF_RANGE` (naming column
 *   and row), `INVALID_OPTION` (malformed spec), `LENGTH_MISMATCH` (`values` not one per row),
 *   `MISSING_VALUE` (with `missing: 'fail'`).
 *
 * @example
 * ```ts
 * import { resolveMeasure } from 'loyalty-drivers';
 * const rows = [{ spend: 30, category: 60 }, { spend: 10, category: 0 }];
 * const sow = resolveMeasure(rows, { ratio: ['spend', 'category'], name: 'shareOfWallet' });
 * sow.values[0]; // => 0.5
 * sow.reasons[1]; // => 'category is 0'
 * sow.missing; // => { rowsIn: 2, rowsUsed: 1, rowsDropped: 1, ... }
 * ```
 */
export function resolveMeasure(rows: readonly Row[], spec: MeasureSpec, options: ResolveMeasureOptions = {}): ResolvedMeasure {
  checkOptions(options, RESOLVE_KEYS);
  const argument = options.argument ?? 'measure';
  const policy = checkOption('options.missing', options.missing ?? 'omit', ['omit', 'fail'] as const);
  const data = requireRows(rows);
  const n = data.length;
  const values: (number | null)[] = new Array(n).fill(null);
  const reasons: (string | null)[] = new Array(n).fill(null);
  const byColumn: Record<string, number> = {};
  const count = (c: string): void => {
    byColumn[c] = (byColumn[c] ?? 0) + 1;
  };
  if (typeof spec === 'string') spec = { column: spec };
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    throw invalidSpec(argument, `got ${spec === null ? 'null' : typeof spec}`);
  const forms = (['column', 'mean', 'ratio', 'driver', 'values'] as const).filter((k) => (spec as object).hasOwnProperty(k));
  if (forms.length !== 1)
    throw invalidSpec(
      argument,
      forms.length === 0 ? 'no column, mean, ratio, driver or values given' : `give one of ${forms.join(', ')}, not several`,
    );
  if (spec.name !== undefined && (typeof spec.name !== 'string' || spec.name === ''))
    throw invalidSpec(`${argument}.name`, 'expected a non-empty string');
  const cell = (column: string): CellRule => ({ argument: 'rows', column, scale: spec.scale, missingCodes: spec.missingCodes });
  let name: string;
  let definition: MeasureDefinition;

  if ('column' in spec) {
    const column = spec.column;
    requireColumn(data, column, `${argument}.column`);
    const rule = cell(column);
    for (let i = 0; i < n; i++) {
      const v = readCell(data[i]![column], i, rule);
      if (v === null) {
        reasons[i] = `${column} missing`;
        count(column);
      } else values[i] = v;
    }
    name = spec.name ?? column;
    definition = { kind: 'column', column };
  } else if ('mean' in spec) {
    const columns = columnList(`${argument}.mean`, spec.mean, 1);
    for (const c of columns) requireColumn(data, c, `${argument}.mean`);
    const k = columns.length;
    const minimumAnswered =
      spec.minimumAnswered === undefined
        ? k
        : checkNumberOption(`${argument}.minimumAnswered`, spec.minimumAnswered, { min: 1, max: k, integer: true });
    const rules = columns.map(cell);
    for (let i = 0; i < n; i++) {
      let total = 0;
      let answered = 0;
      const absent: string[] = [];
      for (let j = 0; j < k; j++) {
        const v = readCell(data[i]![columns[j]!], i, rules[j]!);
        if (v === null) {
          absent.push(columns[j]!);
          count(columns[j]!);
        } else {
          total += v;
          answered++;
        }
      }
      if (answered >= minimumAnswered) values[i] = total / answered;
      else reasons[i] = `${absent.join(', ')} missing`;
    }
    name = spec.name ?? `mean(${columns.join(', ')})`;
    definition = { kind: 'mean', columns, minimumAnswered };
  } else if ('ratio' in spec) {
    const [numerator, denominator] = columnList(`${argument}.ratio`, spec.ratio, 2, 2) as [string, string];
    requireColumn(data, numerator, `${argument}.ratio`);
    requireColumn(data, denominator, `${argument}.ratio`);
    const rn = cell(numerator);
    const rd = cell(denominator);
    for (let i = 0; i < n; i++) {
      const a = readCell(data[i]![numerator], i, rn);
      const b = readCell(data[i]![denominator], i, rd);
      if (a === null) count(numerator);
      if (b === null) count(denominator);
      if (a === null || b === null) {
        reasons[i] = `${[a === null ? numerator : '', b === null ? denominator : ''].filter(Boolean).join(', ')} missing`;
      } else if (b === 0) {
        reasons[i] = `${denominator} is 0`;
        count(denominator);
      } else values[i] = a / b;
    }
    name = spec.name ?? `${numerator} / ${denominator}`;
    definition = { kind: 'ratio', numerator, denominator };
  } else if ('driver' in spec) {
    name = spec.name ?? 'driver';
    const scored = scaleScores(
      data,
      { [name]: spec.driver },
      {
        missingCodes: spec.missingCodes,
        ...(spec.minimumAnswered !== undefined ? { minimumAnswered: spec.minimumAnswered } : {}),
      },
    );
    const report = scored.scales[name]!;
    const isAbsent = (v: unknown) => isMissing(v) || (typeof v === 'number' && (spec.missingCodes?.includes(v) ?? false));
    for (const [item, k] of Object.entries(report.missingByItem)) if (k > 0) byColumn[item] = k;
    scored.scores[name]!.forEach((v, i) => {
      if (v !== null) values[i] = v;
      else reasons[i] = `${report.items.filter((item) => isAbsent(data[i]![item])).join(', ')} missing`;
    });
    definition = { kind: 'driver', items: report.items, reversed: report.reversed, minimumAnswered: report.minimumAnswered };
  } else {
    const given = spec.values;
    if (!Array.isArray(given)) throw invalidSpec(`${argument}.values`, 'expected an array with one value per row');
    if (given.length !== n) {
      throw new InputError('LENGTH_MISMATCH', `${argument}.values: expected ${n} values (one per row), got ${given.length}`, {
        argument: `${argument}.values`,
        expected: `${n} values`,
      });
    }
    name = spec.name ?? argument;
    const rule: CellRule = { argument: `${argument}.values`, scale: spec.scale, missingCodes: spec.missingCodes };
    for (let i = 0; i < n; i++) {
      const v = readCell(given[i], i, rule);
      if (v === null) {
        reasons[i] = `${name} missing`;
        count(name);
      } else values[i] = v;
    }
    definition = { kind: 'values', length: n };
  }
  let used = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] !== null) used++;
    else if (policy === 'fail') {
      throw new InputError('MISSING_VALUE', `${argument} (${name}), row ${i}: no value (${reasons[i]}) and options.missing is "fail"`, {
        argument,
        row: i,
        expected: 'a value',
      });
    }
  }
  return {
    name,
    definition,
    values,
    reasons,
    missing: { policy, rowsIn: n, rowsUsed: used, rowsDropped: n - used, byColumn },
  };
}
