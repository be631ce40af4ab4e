import { checkOption, type ReadOptions } from '../internal/validate.js';
import type { MatrixInput, StatisticsSource } from '../summary/matrixInput.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import type { CovarianceMissingPolicy, MissingReport, Row, Warning } from '../types.js';
import { normalizeScales } from './normalizeScales.js';
import { oneFactorModel } from './oneFactorModel.js';
import { readItems, type ItemData } from './readItems.js';
import type { ScaleDefinitions } from './types.js';

/** Options of {@link htmt}. */
export interface HtmtOptions extends Omit<ReadOptions, 'missing'> {
  /** `'omit'` (listwise, default), `'fail'`, `'pairwise'` or `'fiml'` (see docs/guides/missing-data.md). */
  readonly missing?: CovarianceMissingPolicy;
  /**
   * `'htmt'` (default): arithmetic means of the correlations (Henseler, Ringle & Sarstedt 2015);
   * `'htmt2'`: geometric means (Roemer, Schuberth & Henseler 2021), consistent for congeneric
   * (unequal-loading) scales.
   */
  readonly method?: 'htmt' | 'htmt2';
}

/** HTMT of one pair of scales. */
export interface HtmtPair {
  readonly first: string;
  readonly second: string;
  /** The ratio; null when a scale's items are uncorrelated among themselves (the ratio is undefined). */
  readonly value: number | null;
  /** Above the conservative threshold 0.85 (Kline; Henseler et al. 2015). */
  readonly overConservativeThreshold: boolean;
  /** Above the liberal threshold 0.90 (Gold, Malhotra & Segars 2001; Henseler et al. 2015). */
  readonly overLiberalThreshold: boolean;
}

/** Fornell-Larcker check of one scale. */
export interface FornellLarckerScale {
  /** Average variance extracted of its one-factor model (null for a two-item scale). */
  readonly averageVarianceExtracted: number | null;
  readonly squareRootAve: number | null;
  /** The largest absolute correlation of its score with another driver's score, and with which. */
  readonly largestCorrelation: number;
  readonly largestCorrelationWith: string;
  /** `sqrt(AVE)` above every correlation with another driver; null without an AVE. */
  readonly satisfied: boolean | null;
}

const HTMT_KEYS = optionKeys<HtmtOptions>({ method: true, missing: true, missingCodes: true });

/** Result of {@link htmt}. */
export interface HtmtResult {
  readonly method: 'htmt' | 'htmt2';
  readonly scaleNames: readonly string[];
  readonly n: number;
  /** Symmetric matrix of HTMT values in `scaleNames` order, null on the diagonal. */
  readonly matrix: readonly (readonly (number | null)[])[];
  /** Every pair, in matrix order (row-major upper triangle). */
  readonly pairs: readonly HtmtPair[];
  readonly thresholds: { readonly conservative: 0.85; readonly liberal: 0.9 };
  readonly fornellLarcker: {
    /** Correlations of the mean scores, in `scaleNames` order. */
    readonly correlation: readonly (readonly number[])[];
    readonly scales: Readonly<Record<string, FornellLarckerScale>>;
  };
  readonly source: StatisticsSource;
  readonly missing: MissingReport;
  /**
   * Verdicts: `HTMT_ABOVE_THRESHOLD` (a pair over 0.85), `HTMT_UNDEFINED` (a scale's items do not
   * correlate), `FORNELL_LARCKER_VIOLATED`.
   */
  readonly warnings: readonly Warning[];
}

function meanOf(values: readonly number[], geometric: boolean): number {
  if (geometric) return Math.exp(values.reduce((a, v) => a + Math.log(v), 0) / values.length);
  return values.reduce((a, v) => a + v, 0) / values.length;
}

/** Absolute item correlations within scale a (a = b, pairs i < j) or between scales a and b. */
function block(data: ItemData, r: readonly (readonly number[])[], a: number, b: number): number[] {
  const out: number[] = [];
  const ka = data.scales[a]!.items.length;
  const kb = data.scales[b]!.items.length;
  const oa = data.offsets[a]!;
  const ob = data.offsets[b]!;
  for (let i = 0; i < ka; i++) for (let j = a === b ? i + 1 : 0; j < kb; j++) out.push(Math.abs(r[oa + i]![ob + j]!));
  return out;
}

/**
 * Discriminant validity of the driver scales: the heterotrait-monotrait ratio (HTMT) of every
 * pair, flagged against the 0.85 and 0.90 thresholds, and the Fornell-Larcker criterion.
 *
 * Method: from the item correlation matrix of the complete cases (reverse-worded items recoded
 * first), `HTMT_AB = mean|r(a, b)| / sqrt(mean|r(a, a')| mean|r(b, b')|)`: the mean
 * heterotrait-heteromethod correlation over the geometric mean of the two mean monotrait
 * correlations (Henseler, Ringle & Sarstedt 2015), on absolute correlations as R semTools::htmt
 * and seminr do; HTMT2 uses geometric means throughout (Roemer, Schuberth & Henseler 2021).
 * Fornell & Larcker (1981): a scale discriminates when the square root of its AVE (one-factor
 * ML model, see {@link reliability}) exceeds its correlation with every other driver (here the
 * correlation of mean scores). HTMT is the better criterion (Henseler et al. 2015 show
 * Fornell-Larcker misses most validity problems); both are reported.
 * Reference: loyalty-survey.json `htmt` (1e-9); HTMT2 by its formula in R.
 *
 * @param data - Rows, or a summary (`{ covariance | correlation, variables, n }`) of the items.
 * @param scales - {@link ScaleDefinitions}: at least two scales of at least two items.
 * @param options - `method` ('htmt' | 'htmt2'), `missing`, `missingCodes`. Unknown keys are refused.
 * @returns An {@link HtmtResult}: `matrix`, `pairs` with threshold flags, `fornellLarcker`, `n`.
 * @throws Everything {@link reliability} throws for its scales; `INVALID_OPTION` with fewer than two scales.
 *
 * @example
 * ```ts
 * import { htmt } from 'loyalty-drivers';
 * const rows = [
 *   { a1: 1, a2: 2, b1: 2, b2: 1 }, { a1: 2, a2: 2, b1: 1, b2: 2 }, { a1: 3, a2: 4, b1: 3, b2: 3 },
 *   { a1: 4, a2: 4, b1: 5, b2: 4 }, { a1: 5, a2: 5, b1: 4, b2: 5 }, { a1: 2, a2: 1, b1: 4, b2: 4 },
 * ];
 * const h = htmt(rows, { attitude: ['a1', 'a2'], behaviour: ['b1', 'b2'] });
 * h.pairs[0]; // => { first: 'attitude', second: 'behaviour', value: 0.7309256195276166, overConservativeThreshold: false, overLiberalThreshold: false }
 * ```
 */
export function htmt(data: readonly Row[] | MatrixInput, scales: ScaleDefinitions, options: HtmtOptions = {}): HtmtResult {
  checkOptions(options, HTMT_KEYS);
  const list = normalizeScales(scales, 'scales', 2, 2);
  const method = checkOption('options.method', options.method ?? 'htmt', ['htmt', 'htmt2'] as const);
  const items = readItems(data, list, { argument: 'rows', missing: options.missing, missingCodes: options.missingCodes, minimum: 2 });
  const sd = items.covariance.map((row, j) => Math.sqrt(row[j]!));
  const r = items.covariance.map((row, i) => row.map((v, j) => (i === j ? 1 : v / (sd[i]! * sd[j]!))));
  const geometric = method === 'htmt2';
  const m = list.length;
  const mono = list.map((_, a) => meanOf(block(items, r, a, a), geometric));
  const matrix: (number | null)[][] = list.map(() => new Array<number | null>(m).fill(null));
  const pairs: HtmtPair[] = [];
  const warnings: Warning[] = [];
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const denominator = Math.sqrt(mono[a]! * mono[b]!);
      if (!(denominator > 0)) {
        const flat = mono[a]! > 0 ? list[b]! : list[a]!;
        warnings.push({
          code: 'HTMT_UNDEFINED',
          message: `HTMT of "${list[a]!.name}" and "${list[b]!.name}" is undefined: the items of "${flat.name}" do not correlate with each other.`,
        });
        pairs.push({
          first: list[a]!.name,
          second: list[b]!.name,
          value: null,
          overConservativeThreshold: false,
          overLiberalThreshold: false,
        });
        continue;
      }
      const value = meanOf(block(items, r, a, b), geometric) / denominator;
      matrix[a]![b] = value;
      matrix[b]![a] = value;
      pairs.push({
        first: list[a]!.name,
        second: list[b]!.name,
        value,
        overConservativeThreshold: value > 0.85,
        overLiberalThreshold: value > 0.9,
      });
      if (value > 0.85) {
        warnings.push({
          code: 'HTMT_ABOVE_THRESHOLD',
          message: `HTMT of "${list[a]!.name}" and "${list[b]!.name}" is ${value.toFixed(3)} (> ${value > 0.9 ? '0.90' : '0.85'}): the two scales may not measure distinct drivers.`,
        });
      }
    }
  }
  // Fornell-Larcker: correlations of mean scores from the item covariances.
  const blockSum = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < list[a]!.items.length; i++) {
      for (let j = 0; j < list[b]!.items.length; j++) s += items.covariance[items.offsets[a]! + i]![items.offsets[b]! + j]!;
    }
    return s;
  };
  const selfSum = list.map((_, a) => blockSum(a, a));
  const correlation = list.map((_, a) => list.map((__, b) => (a === b ? 1 : blockSum(a, b) / Math.sqrt(selfSum[a]! * selfSum[b]!))));
  const fl: Record<string, FornellLarckerScale> = {};
  list.forEach((s, a) => {
    let largest = -1;
    let withScale = '';
    for (let b = 0; b < m; b++) {
      if (b !== a && Math.abs(correlation[a]![b]!) > largest) {
        largest = Math.abs(correlation[a]![b]!);
        withScale = list[b]!.name;
      }
    }
    const ave = s.items.length >= 3 ? oneFactorModel(items, a, { maxIterations: 500, tolerance: 1e-12 }).averageVarianceExtracted : null;
    const root = ave === null ? null : Math.sqrt(ave);
    const satisfied = root === null ? null : root > largest;
    if (satisfied === false) {
      warnings.push({
        code: 'FORNELL_LARCKER_VIOLATED',
        message: `Fornell-Larcker: sqrt(AVE) of "${s.name}" (${root!.toFixed(3)}) does not exceed its correlation with "${withScale}" (${largest.toFixed(3)}).`,
      });
    }
    fl[s.name] = {
      averageVarianceExtracted: ave,
      squareRootAve: root,
      largestCorrelation: largest,
      largestCorrelationWith: withScale,
      satisfied,
    };
  });
  return {
    method,
    scaleNames: list.map((s) => s.name),
    n: items.n,
    matrix,
    pairs,
    thresholds: { conservative: 0.85, liberal: 0.9 },
    fornellLarcker: { correlation, scales: fl },
    source: items.source,
    missing: items.missing,
    warnings,
  };
}
