/**
 * Complex survey designs: the public `SurveyDesign` shape and the reader that validates one
 * (arrays for functions over a vector of values, column names for functions over rows) into the
 * engine's {@link PreparedDesign}.
 *
 * @module survey
 */
import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkOption, requireColumn } from '../internal/validate.js';
import type { Row } from '../types.js';
import { checkLonely, lonelyStrata, type PreparedDesign } from './linearization.js';

/**
 * What to do with a stratum that has a single PSU, whose variance cannot be estimated (R
 * `options(survey.lonely.psu)`): `'fail'` (the default, as R's) throws `TOO_FEW_CASES` naming the
 * stratum; `'remove'` and `'certainty'` let it add no variance (with one sampling stage they are
 * the same); `'adjust'` centres its PSU total at 0 rather than at the stratum mean (conservative);
 * `'average'` gives it the average variance of the other strata.
 */
export type LonelyPsuPolicy = 'fail' | 'remove' | 'adjust' | 'certainty' | 'average';

/**
 * A complex sample design: sampling weights, and optionally strata, first-stage clusters (PSUs)
 * and finite population corrections, as R `survey::svydesign(ids = ~clusters, strata = ~strata,
 * weights = ~weights, fpc = ~fpc)`.
 *
 * `C` follows the library's weights rule: functions over a **vector** of values (`nps`, `csat`,
 * ...) take arrays aligned with the values (`SurveyDesign`), functions over **rows**
 * (`customerLoyaltyIndex`) take column names (`SurveyDesign<string>`).
 *
 * - `weights`: sampling weights, finite and >= 0 (required).
 * - `strata`: stratum labels (strings or numbers). Omitted: one stratum.
 * - `clusters`: first-stage cluster (PSU) labels. They are nested in strata by the library (as R
 *   `nest = TRUE`): cluster "1" of stratum "North" and cluster "1" of "South" are two PSUs.
 *   Omitted: each row is its own PSU.
 * - `fpc`: per row, constant within a stratum: the population size of the stratum, counted in
 *   PSUs (> 1), or the sampling fraction in (0, 1] (all values <= 1 are read as fractions, as R
 *   does). Omitted: sampling with replacement (no correction).
 * - `lonelyPsu`: the single-PSU stratum rule, default `'fail'`.
 *
 * Design variables may not be missing (`MISSING_VALUE` naming the row and column): a respondent
 * without a stratum cannot be placed in the design. A missing answer leaves the row in the design
 * with no contribution to the estimate (a domain estimate, R `na.rm = TRUE`).
 *
 * @example
 * ```ts
 * import { nps } from 'loyalty-drivers';
 * const r = nps([10, 9, 3, 8, 10, 6, 9, 2], {
 *   design: {
 *     weights: [1, 1, 2, 2, 1, 1, 2, 2],
 *     strata: ['N', 'N', 'N', 'N', 'S', 'S', 'S', 'S'],
 *     clusters: [1, 1, 2, 2, 1, 1, 2, 2],
 *     fpc: [10, 10, 10, 10, 20, 20, 20, 20],
 *   },
 * });
 * r.standardError; // => 29.81...  (100 sqrt((1 - 2/10) * 2 * ((2/12)^2 + (2/12)^2)))
 * r.design?.degreesOfFreedom; // => 2  (4 PSUs - 2 strata)
 * ```
 */
export interface SurveyDesign<C = readonly unknown[]> {
  readonly weights: C;
  readonly strata?: C;
  readonly clusters?: C;
  readonly fpc?: C;
  readonly lonelyPsu?: LonelyPsuPolicy;
}

/** What a design-based result reports about its design (the `design` field of the indices). */
export interface DesignSummary {
  /** Number of strata (1 when none were given). */
  readonly strata: number;
  /** Number of first-stage clusters (PSUs); the number of rows when no clusters were given. */
  readonly clusters: number;
  /** Design degrees of freedom, PSUs - strata (R `degf`), for a t interval if wanted. */
  readonly degreesOfFreedom: number;
  /** Whether a finite population correction was applied. */
  readonly finitePopulationCorrection: boolean;
  readonly lonelyPsu: LonelyPsuPolicy;
  /** Strata with a single PSU (handled by `lonelyPsu`). */
  readonly lonelyStrata: readonly string[];
  /**
   * The estimate's design effect: its design variance over the variance under simple random
   * sampling with replacement of the same n (R `deff = "replace"`); `null` where not defined.
   */
  readonly designEffect: number | null;
}

const DESIGN_KEYS = optionKeys<SurveyDesign>({ weights: true, strata: true, clusters: true, fpc: true, lonelyPsu: true });

type Cell = (i: number) => unknown;

function isAbsent(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

function missingDesign(where: string, argument: string, column: string | undefined, row: number): InputError {
  return new InputError(
    'MISSING_VALUE',
    `${where}: missing design value; every row needs its weight, stratum, cluster and fpc (design variables cannot be omitted)`,
    {
      argument,
      column,
      row,
      expected: 'a value',
    },
  );
}

/** Reads a label (stratum or cluster): a non-empty string or a finite number. */
function readLabels(cell: Cell, n: number, argument: string, column: string | undefined): string[] {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const v = cell(i);
    const where = column === undefined ? `${argument}[${i}]` : `column "${column}", row ${i}`;
    if (isAbsent(v)) throw missingDesign(where, argument, column, i);
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') out[i] = String(v);
    else {
      throw new InputError('NOT_NUMERIC', `${where}: expected a label (string or number), got ${typeof v}`, {
        argument,
        column,
        row: i,
        expected: 'a string or number',
      });
    }
  }
  return out;
}

function readNumbers(cell: Cell, n: number, argument: string, column: string | undefined, positive: boolean): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = cell(i);
    const where = column === undefined ? `${argument}[${i}]` : `column "${column}", row ${i}`;
    if (isAbsent(v)) throw missingDesign(where, argument, column, i);
    if (typeof v !== 'number' || !Number.isFinite(v) || (positive ? !(v > 0) : !(v >= 0))) {
      const expected = positive ? 'a finite number > 0' : 'a finite number >= 0';
      throw new InputError(
        typeof v === 'number' ? 'OUT_OF_RANGE' : 'NOT_NUMERIC',
        `${where}: expected ${expected}, got ${typeof v === 'number' ? v : typeof v}`,
        {
          argument,
          column,
          row: i,
          expected,
          value: typeof v === 'number' ? v : String(v),
        },
      );
    }
    out[i] = v;
  }
  return out;
}

interface Source {
  readonly n: number;
  /** The cell reader of a field, or undefined when the field is not given. */
  readonly field: (
    name: 'weights' | 'strata' | 'clusters' | 'fpc',
  ) => { cell: Cell; column: string | undefined; argument: string } | undefined;
}

function prepare(src: Source, lonelyPsu: LonelyPsuPolicy, argument: string): PreparedDesign {
  const n = src.n;
  const wf = src.field('weights')!;
  const weights = readNumbers(wf.cell, n, wf.argument, wf.column, false);
  if (!weights.some((w) => w > 0)) {
    throw new InputError('OUT_OF_RANGE', `${wf.argument}: every weight is zero; expected at least one positive weight`, {
      argument: wf.argument,
      column: wf.column,
      expected: 'at least one positive weight',
    });
  }
  const sf = src.field('strata');
  const strataOf = sf ? readLabels(sf.cell, n, sf.argument, sf.column) : undefined;
  const cf = src.field('clusters');
  const clusterOf = cf ? readLabels(cf.cell, n, cf.argument, cf.column) : undefined;
  const strataIndex = new Map<string, number>();
  const strataLabels: string[] = [];
  const rowStratum = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = strataOf ? strataOf[i]! : '1';
    let h = strataIndex.get(label);
    if (h === undefined) {
      h = strataLabels.length;
      strataIndex.set(label, h);
      strataLabels.push(label);
    }
    rowStratum[i] = h;
  }
  // PSUs nested in strata: the key is (stratum, cluster).
  const psuIndex = new Map<string, number>();
  const psuStratumList: number[] = [];
  const psu = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!clusterOf) {
      psu[i] = i;
      psuStratumList.push(rowStratum[i]!);
      continue;
    }
    const key = `${rowStratum[i]}\u0000${clusterOf[i]}`;
    let p = psuIndex.get(key);
    if (p === undefined) {
      p = psuStratumList.length;
      psuIndex.set(key, p);
      psuStratumList.push(rowStratum[i]!);
    }
    psu[i] = p;
  }
  const H = strataLabels.length;
  const strataPsus = new Int32Array(H);
  for (const h of psuStratumList) strataPsus[h]!++;
  const finiteFactor = new Float64Array(H).fill(1);
  const ff = src.field('fpc');
  if (ff) {
    const fpc = readNumbers(ff.cell, n, ff.argument, ff.column, true);
    const perStratum = new Float64Array(H).fill(Number.NaN);
    let fractions = 0;
    for (let i = 0; i < n; i++) {
      const h = rowStratum[i]!;
      const where = ff.column === undefined ? `${ff.argument}[${i}]` : `column "${ff.column}", row ${i}`;
      if (Number.isNaN(perStratum[h]!)) perStratum[h] = fpc[i]!;
      else if (perStratum[h] !== fpc[i]) {
        throw new InputError(
          'OUT_OF_RANGE',
          `${where}: fpc ${fpc[i]} differs from ${perStratum[h]} earlier in stratum "${strataLabels[h]}"; expected one value per stratum`,
          {
            argument: ff.argument,
            column: ff.column,
            row: i,
            value: fpc[i]!,
            expected: `${perStratum[h]} (constant within the stratum)`,
          },
        );
      }
      if (fpc[i]! <= 1) fractions++;
    }
    if (fractions > 0 && fractions < n) {
      throw new InputError(
        'OUT_OF_RANGE',
        `${ff.argument}: mixes sampling fractions (<= 1) and population sizes (> 1); expected one or the other`,
        {
          argument: ff.argument,
          column: ff.column,
          expected: 'all values <= 1 (fractions) or all > 1 (population sizes)',
        },
      );
    }
    for (let h = 0; h < H; h++) {
      const v = perStratum[h]!;
      if (fractions > 0) finiteFactor[h] = 1 - v;
      else {
        if (v < strataPsus[h]!) {
          throw new InputError(
            'OUT_OF_RANGE',
            `${ff.argument}: stratum "${strataLabels[h]}" has ${strataPsus[h]} PSUs in the sample but a population of ${v}; expected a population of at least the sample`,
            {
              argument: ff.argument,
              column: ff.column,
              value: v,
              expected: `>= ${strataPsus[h]}`,
            },
          );
        }
        finiteFactor[h] = (v - strataPsus[h]!) / v;
      }
    }
  }
  const d: PreparedDesign = {
    n,
    weights,
    psu,
    psuStratum: Int32Array.from(psuStratumList),
    strataLabels,
    strataPsus,
    finiteFactor,
    hasFpc: ff !== undefined,
    lonelyPsu,
  };
  checkLonely(d, argument);
  return d;
}

function checkShape(design: unknown, argument: string): SurveyDesign<unknown> {
  if (design === null || typeof design !== 'object' || Array.isArray(design)) {
    throw new InputError(
      'INVALID_OPTION',
      `${argument}: expected { weights, strata?, clusters?, fpc?, lonelyPsu? }, got ${design === null ? 'null' : Array.isArray(design) ? 'an array' : typeof design}`,
      {
        argument,
        expected: '{ weights, strata?, clusters?, fpc?, lonelyPsu? }',
      },
    );
  }
  checkOptions(design, DESIGN_KEYS, argument);
  const d = design as SurveyDesign<unknown>;
  if (d.weights === undefined) {
    throw new InputError(
      'INVALID_OPTION',
      `${argument}.weights: required (a design carries its sampling weights; use all 1 for a self-weighting sample)`,
      {
        argument: `${argument}.weights`,
        expected: 'the sampling weights',
      },
    );
  }
  return d;
}

function lonelyRule(d: SurveyDesign<unknown>, argument: string): LonelyPsuPolicy {
  return checkOption(`${argument}.lonelyPsu`, d.lonelyPsu ?? 'fail', ['fail', 'remove', 'adjust', 'certainty', 'average'] as const);
}

/**
 * Validates a design of arrays aligned with a vector of `length` values.
 * @internal
 */
export function readVectorDesign(design: unknown, length: number, argument = 'options.design'): PreparedDesign {
  const d = checkShape(design, argument);
  const lonelyPsu = lonelyRule(d, argument);
  const fields = ['weights', 'strata', 'clusters', 'fpc'] as const;
  const arrays: Partial<Record<(typeof fields)[number], readonly unknown[]>> = {};
  for (const f of fields) {
    const v = d[f];
    if (v === undefined) continue;
    if (!Array.isArray(v) && !ArrayBuffer.isView(v)) {
      throw new InputError(
        'INVALID_OPTION',
        `${argument}.${f}: expected an array aligned with the values (functions over a vector take arrays), got ${typeof v}`,
        {
          argument: `${argument}.${f}`,
          expected: 'an array',
        },
      );
    }
    const arr = v as readonly unknown[];
    if (arr.length !== length) {
      throw new InputError('LENGTH_MISMATCH', `${argument}.${f}: expected ${length} values (one per value), got ${arr.length}`, {
        argument: `${argument}.${f}`,
        expected: `${length} values`,
      });
    }
    arrays[f] = arr;
  }
  return prepare(
    {
      n: length,
      field: (name) => {
        const arr = arrays[name];
        return arr === undefined ? undefined : { cell: (i) => arr[i], column: undefined, argument: `${argument}.${name}` };
      },
    },
    lonelyPsu,
    argument,
  );
}

/**
 * Validates a design of column names over `rows`.
 * @internal
 */
export function readRowsDesign(rows: readonly Row[], design: unknown, argument = 'options.design'): PreparedDesign {
  const d = checkShape(design, argument);
  const lonelyPsu = lonelyRule(d, argument);
  const fields = ['weights', 'strata', 'clusters', 'fpc'] as const;
  for (const f of fields) {
    const v = d[f];
    if (v === undefined) continue;
    if (typeof v !== 'string') {
      throw new InputError(
        'INVALID_OPTION',
        `${argument}.${f}: expected a column name (functions over rows take column names), got ${Array.isArray(v) ? 'an array' : typeof v}`,
        {
          argument: `${argument}.${f}`,
          expected: 'a column name',
        },
      );
    }
    requireColumn(rows, v, `${argument}.${f}`);
  }
  return prepare(
    {
      n: rows.length,
      field: (name) => {
        const column = d[name] as string | undefined;
        return column === undefined ? undefined : { cell: (i) => rows[i]?.[column], column, argument: `${argument}.${name}` };
      },
    },
    lonelyPsu,
    argument,
  );
}

/** The {@link DesignSummary} of a prepared design, with an estimate's design effect. @internal */
export function designSummary(d: PreparedDesign, designEffect: number | null): DesignSummary {
  return {
    strata: d.strataLabels.length,
    clusters: d.psuStratum.length,
    degreesOfFreedom: d.psuStratum.length - d.strataLabels.length,
    finitePopulationCorrection: d.hasFpc,
    lonelyPsu: d.lonelyPsu,
    lonelyStrata: lonelyStrata(d),
    designEffect,
  };
}

/** Throws `INVALID_OPTION` when both `weights` and `design` are given. @internal */
export function checkWeightsOrDesign(options: { readonly weights?: unknown; readonly design?: unknown }): void {
  if (options.weights !== undefined && options.design !== undefined) {
    throw new InputError(
      'INVALID_OPTION',
      'options.weights and options.design: give one; a design carries its own weights (design.weights)',
      {
        argument: 'options.design',
        expected: 'either weights or design',
      },
    );
  }
}

/**
 * A domain indicator over the design's rows: 1 at the positions `index` (the cases an index
 * kept), 0 elsewhere. @internal
 */
export function domainOf(n: number, index: ArrayLike<number>): Uint8Array {
  const used = new Uint8Array(n);
  for (let i = 0; i < index.length; i++) used[index[i]!] = 1;
  return used;
}

/** Spreads values kept at positions `index` back over `n` design rows (0 elsewhere). @internal */
export function spread(n: number, index: ArrayLike<number>, values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < index.length; i++) out[index[i]!] = values[i]!;
  return out;
}
