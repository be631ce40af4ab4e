/**
 * What the streaming reducer reads for each case: the data columns it needs (variables, scale
 * items, weight), how each variable is made from them (a column, a driver score from its items,
 * or a user `derive` function), and the per-case computation with listwise deletion.
 * @internal
 */
import { InputError } from '../errors.js';
import { normalizeScales } from '../measurement/normalizeScales.js';
import { scaleScore, scaleScoreRule, type ScaleScoreRule } from '../measurement/scaleScore.js';
import type { ScaleDefinitions } from '../measurement/types.js';
import { suggestion } from '../model/problems.js';
import type { ColumnDeclaration, ScoringDeclaration } from '../model/types.js';
import { rowFactory } from '../internal/rowShape.js';
import type { Row } from '../types.js';
import { cellError, columnRules, notNumeric, parseNumber, type CellPlace, type ColumnRule } from './cells.js';
import type { StatisticsAccumulator } from './statisticsAccumulator.js';

type VariablePlan =
  | { readonly kind: 'column'; readonly cell: number }
  | { readonly kind: 'scale'; readonly name: string; readonly minimum: number; readonly rule: ScaleScoreRule }
  | { readonly kind: 'derived'; readonly name: string };

/** Options that shape the plan. */
export interface PlanOptions {
  readonly variables: readonly string[];
  readonly weights: string | undefined;
  readonly scales: ScaleDefinitions | undefined;
  readonly scoring: ScoringDeclaration | undefined;
  readonly derive: ((row: Row) => Readonly<Record<string, unknown>>) | undefined;
  readonly declarations: Readonly<Record<string, ColumnDeclaration>>;
  readonly missingCodes: readonly number[];
  readonly naStrings: readonly string[];
  readonly decimalComma: boolean;
}

/** The resolved plan for one file. */
export class StatisticsPlan {
  /** Names of the data columns read, in `cells` order. */
  readonly needed: string[] = [];
  readonly rules: ColumnRule[];
  /** `header` index of each needed column. */
  readonly headerIndex: number[];
  private readonly plans: VariablePlan[];
  private readonly weightCell: number;
  private readonly cells: Float64Array;
  private readonly values: Float64Array;
  private readonly naSet: ReadonlySet<string>;
  private deriveChecked = false;
  private headerCodes: (readonly number[])[] | undefined;
  private newRow: (() => Record<string, unknown>) | undefined;

  constructor(
    readonly header: readonly string[],
    private readonly options: PlanOptions,
    private readonly file: string,
    headerLine: number,
  ) {
    const need = (column: string): number => {
      const at = this.needed.indexOf(column);
      if (at >= 0) return at;
      this.needed.push(column);
      return this.needed.length - 1;
    };
    const place = (column?: string): CellPlace => ({ file, line: headerLine, row: -1, field: -1, column });
    const scales = options.scales === undefined ? [] : normalizeScales(options.scales, 'options.scales', 1);
    const scaleRanges: Record<string, ColumnDeclaration> = {};
    this.plans = options.variables.map((name): VariablePlan => {
      if (header.includes(name)) return { kind: 'column', cell: need(name) };
      const scale = scales.find((s) => s.name === name);
      if (scale !== undefined) {
        const cells = scale.items.map((item) => {
          if (!header.includes(item)) {
            throw cellError(
              'COLUMN_NOT_FOUND',
              place(item),
              `no column "${item}" (an item of scale "${name}") in the header${suggestion(item, header)}`,
              { expected: 'a column of the file' },
            );
          }
          scaleRanges[item] = { type: 'number', min: scale.min, max: scale.max, integer: scale.integer };
          return need(item);
        });
        const m = options.scoring?.minimumAnswered;
        const minimum = Math.min(
          scale.items.length,
          m === undefined ? scale.items.length : typeof m === 'number' ? m : (m[name] ?? scale.items.length),
        );
        const rescale = options.scoring?.rescale === '0-100';
        if (rescale && (scale.min === undefined || scale.max === undefined)) {
          throw new InputError('INVALID_OPTION', `options.scoring.rescale: scale "${name}" needs min and max to be rescaled to 0-100`, {
            argument: 'options.scoring.rescale',
            expected: 'scales with min and max',
          });
        }
        return { kind: 'scale', name, minimum, rule: scaleScoreRule(scale, minimum, options.scoring?.statistic ?? 'mean', rescale, cells) };
      }
      if (options.derive !== undefined) return { kind: 'derived', name };
      throw cellError(
        'COLUMN_NOT_FOUND',
        place(name),
        `"${name}" is neither a column of the file${suggestion(name, [...header, ...scales.map((s) => s.name)])} nor a scale${scales.length ? ` (scales: ${scales.map((s) => s.name).join(', ')})` : ''}`,
        { expected: 'a column or a scale' },
      );
    });
    if (options.weights !== undefined) {
      if (!header.includes(options.weights)) {
        throw cellError(
          'COLUMN_NOT_FOUND',
          place(options.weights),
          `no weight column "${options.weights}" in the header${suggestion(options.weights, header)}`,
          { expected: 'a column of the file' },
        );
      }
    }
    this.weightCell = options.weights === undefined ? -1 : need(options.weights);
    const declarations: Record<string, ColumnDeclaration> = {};
    for (const column of this.needed) {
      declarations[column] = { ...scaleRanges[column], ...options.declarations[column], type: 'number' };
    }
    if (options.weights !== undefined) declarations[options.weights] = { min: 0, ...declarations[options.weights], type: 'number' };
    this.rules = columnRules(this.needed, declarations, options.missingCodes);
    this.headerIndex = this.needed.map((c) => header.indexOf(c));
    this.cells = new Float64Array(this.needed.length);
    this.values = new Float64Array(options.variables.length);
    this.naSet = new Set(options.naStrings);
  }

  /** Whether the plan needs whole row objects (a `derive` function). */
  get needsRows(): boolean {
    return this.plans.some((p) => p.kind === 'derived');
  }

  /** Reads a CSV cell of needed column `c` as a number (NaN when missing). */
  readText(text: string, c: number, line: number, row: number): number {
    const x = parseNumber(text, this.options.decimalComma);
    if (x !== x) {
      const t = text.trim();
      if (t === '' || this.naSet.has(t)) return NaN;
      throw notNumeric(
        this.rules[c]!,
        this.place(line, row, c),
        text,
        `is a variable of the statistics (${this.options.variables.join(', ')})`,
      );
    }
    return this.check(x, c, line, row);
  }

  /** Reads a typed (JSON) value of needed column `c`. */
  readValue(value: unknown, c: number, line: number, row: number): number {
    if (value === null || value === undefined) return NaN;
    if (typeof value === 'number') return this.check(value, c, line, row);
    return this.readText(String(value), c, line, row);
  }

  private check(x: number, c: number, line: number, row: number): number {
    const rule = this.rules[c]!;
    for (let i = 0; i < rule.codes.length; i++) if (rule.codes[i] === x) return NaN;
    if ((rule.min !== undefined && x < rule.min) || (rule.max !== undefined && x > rule.max) || (rule.integer && !Number.isInteger(x))) {
      const range = `${rule.integer ? 'an integer' : 'a number'}${rule.min !== undefined ? ` from ${rule.min}` : ''}${rule.max !== undefined ? ` to ${rule.max}` : ''}`;
      throw cellError(
        'OUT_OF_RANGE',
        this.place(line, row, c),
        `expected ${range}, got ${x} (if it codes a missing answer, declare it in missingCodes)`,
        { value: x, expected: range },
      );
    }
    return x;
  }

  private place(line: number, row: number, c: number): CellPlace {
    const field = this.headerIndex[c]!;
    return { file: this.file, line, row, field: line > 0 || field >= 0 ? field : -1, column: this.needed[c] };
  }

  /** Needed cells of the current case, to be filled by the caller before {@link addCase}. */
  get caseCells(): Float64Array {
    return this.cells;
  }

  /** Turns the current case's cells (and the row, for `derive`) into variables and adds it. */
  addCase(accumulator: StatisticsAccumulator, line: number, row: number, rowObject: (() => Row) | undefined): void {
    accumulator.rowsIn++;
    const cells = this.cells;
    const values = this.values;
    let derived: Readonly<Record<string, unknown>> | undefined;
    let complete = true;
    for (let j = 0; j < this.plans.length; j++) {
      const p = this.plans[j]!;
      let v: number;
      if (p.kind === 'column') v = cells[p.cell]!;
      else if (p.kind === 'scale') v = scaleScore(p.rule, cells);
      else {
        derived ??= this.derive(rowObject!(), line, row);
        v = this.derivedValue(derived, p.name, line, row);
      }
      values[j] = v;
      if (v !== v) {
        complete = false;
        accumulator.missingByVariable[j]!++;
        if (accumulator.policy === 'fail') this.failMissing(p, j, line, row);
      }
    }
    let w = 1;
    if (this.weightCell >= 0) {
      w = cells[this.weightCell]!;
      if (w !== w) {
        complete = false;
        accumulator.missingWeights++;
        if (accumulator.policy === 'fail')
          throw cellError('MISSING_VALUE', this.place(line, row, this.weightCell), 'missing weight and options.missing is "fail"', {
            expected: 'a value',
          });
      }
    }
    if (complete) accumulator.add(values, w);
    else accumulator.rowsDropped++;
  }

  private derive(row: Row, line: number, index: number): Readonly<Record<string, unknown>> {
    const out = this.options.derive!(row);
    if (out === null || typeof out !== 'object') {
      throw new InputError(
        'INVALID_OPTION',
        `options.derive: expected an object of derived values for ${this.file}, line ${line}, got ${out === null ? 'null' : typeof out}`,
        { argument: 'options.derive', row: index, expected: 'an object' },
      );
    }
    if (!this.deriveChecked) {
      this.deriveChecked = true;
      for (const p of this.plans) {
        if (p.kind === 'derived' && !Object.prototype.hasOwnProperty.call(out, p.name)) {
          throw new InputError(
            'COLUMN_NOT_FOUND',
            `options.variables: "${p.name}" is not a column of ${this.file}, not a scale, and not returned by options.derive (it returned ${Object.keys(out).join(', ') || 'no keys'})`,
            {
              argument: 'options.variables',
              column: p.name,
              expected: 'a column, a scale or a derived value',
            },
          );
        }
      }
    }
    return out;
  }

  private derivedValue(derived: Readonly<Record<string, unknown>>, name: string, line: number, row: number): number {
    const v = derived[name];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return NaN;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw cellError(
        'NOT_NUMERIC',
        { file: this.file, line, row, field: -1, column: name },
        `options.derive returned ${JSON.stringify(v)} for "${name}"; expected a finite number or null`,
        { expected: 'a finite number or null' },
      );
    }
    return v;
  }

  private failMissing(p: VariablePlan, j: number, line: number, row: number): never {
    const name = this.options.variables[j]!;
    if (p.kind === 'column')
      throw cellError('MISSING_VALUE', this.place(line, row, p.cell), 'missing value and options.missing is "fail"', {
        expected: 'a value',
      });
    const why =
      p.kind === 'scale'
        ? `the score of scale "${name}" is missing (fewer than ${p.minimum} of its items answered)`
        : `options.derive gave no value for "${name}"`;
    throw cellError('MISSING_VALUE', { file: this.file, line, row, field: -1, column: name }, `${why} and options.missing is "fail"`, {
      expected: 'a value',
    });
  }

  /** A row object for `derive` from a CSV record: numbers where the cell is one, text otherwise, null when missing. */
  rowFromRecord(record: readonly string[]): Row {
    this.newRow ??= rowFactory(this.header);
    const row = this.newRow();
    this.headerCodes ??= columnRules(this.header, this.options.declarations, this.options.missingCodes).map((r) => r.codes);
    for (let j = 0; j < this.header.length; j++) {
      const text = record[j]!;
      const x = parseNumber(text, this.options.decimalComma);
      if (x === x) row[this.header[j]!] = this.headerCodes[j]!.includes(x) ? null : x;
      else row[this.header[j]!] = text.trim() === '' || this.naSet.has(text.trim()) ? null : text;
    }
    return row;
  }
}
