/**
 * The rows of a binary outcome's importance, compressed: every distinct (outcome, driver scores)
 * pattern once, with the total weight of its rows (their count when unweighted) as a frequency
 * weight. A logistic fit's weighted log-likelihood is a sum over rows, so rows that agree in every
 * fitted column add up exactly: each subset's fit and McFadden R2 are the same (to rounding) on the
 * patterns as on the rows, in memory that grows with the distinct patterns (a few thousand for
 * 4 scores of three 1-7 items), not with the rows. The importance results' row bookkeeping (n,
 * weighted, weightSum, the missing report, the weights option) is then set back to the rows'.
 * @internal
 */
import type { DominanceAnalysisResult } from '../../importance/dominanceAnalysis.js';
import type { RelativeImportanceResult } from '../../importance/relativeImportance.js';
import type { MissingReport, Row } from '../../types.js';

/** The frequency-weight column of the pattern rows. */
export const FREQUENCY = '__frequency';

/** Patterns beyond this many and the rows are used as they are. */
export const PATTERN_CAP = 1 << 17;

export interface PatternRows {
  readonly rows: Row[];
  readonly n: number;
  readonly weightSum: number;
  readonly missing: MissingReport;
}

/** The distinct complete patterns of the columns, with their frequency; undefined past the cap. */
export function patternRows(
  outcome: Float64Array,
  drivers: readonly string[],
  scores: readonly Float64Array[],
  weights: Float64Array | undefined,
  /** Codes that mean missing in the outcome and weight columns (the scores are already NaN there). */
  missingCodes: readonly number[] = [],
): PatternRows | undefined {
  const rowsIn = outcome.length;
  const codes = new Set(missingCodes);
  const p = drivers.length;
  const index = new Map<string, number>();
  const rows: Record<string, number>[] = [];
  const byColumn = new Map<string, number>();
  let n = 0;
  let ws = 0;
  let wc = 0;
  const key = new Array<number>(p + 1);
  for (let i = 0; i < rowsIn; i++) {
    const y = outcome[i]!;
    let complete = y === y && !codes.has(y);
    if (!complete) byColumn.set('y', (byColumn.get('y') ?? 0) + 1);
    for (let j = 0; j < p; j++) {
      const x = scores[j]![i]!;
      key[j + 1] = x;
      if (x !== x) {
        complete = false;
        byColumn.set(drivers[j]!, (byColumn.get(drivers[j]!) ?? 0) + 1);
      }
    }
    const w = weights ? weights[i]! : 1;
    if (w !== w || codes.has(w)) {
      complete = false;
      byColumn.set('w', (byColumn.get('w') ?? 0) + 1);
    }
    if (!complete) continue;
    n++;
    const t = ws + w;
    wc += Math.abs(ws) >= Math.abs(w) ? ws - t + w : w - t + ws;
    ws = t;
    key[0] = y;
    const k = key.join(',');
    const at = index.get(k);
    if (at !== undefined) {
      rows[at]![FREQUENCY]! += w;
      continue;
    }
    if (rows.length >= PATTERN_CAP) return undefined;
    index.set(k, rows.length);
    const row: Record<string, number> = { [FREQUENCY]: w };
    row['y'] = y;
    for (let j = 0; j < p; j++) row[drivers[j]!] = scores[j]![i]!;
    rows.push(row);
  }
  const report: Record<string, number> = {};
  for (const [c, k] of byColumn) report[c] = k;
  return {
    rows,
    n,
    weightSum: ws + wc,
    missing: { policy: 'omit', rowsIn, rowsUsed: n, rowsDropped: rowsIn - n, byColumn: report },
  };
}

/** A pattern-fitted result with the rows' bookkeeping. */
export function withRows<T extends RelativeImportanceResult | DominanceAnalysisResult>(
  result: T,
  patterns: PatternRows,
  outcome: string,
  drivers: readonly string[],
  weights: string | undefined,
): T {
  // The rows' report names the columns in the order it reads them: the drivers, the outcome, the weight.
  const counted = new Map(Object.entries(patterns.missing.byColumn).map(([c, k]) => [c === 'y' ? outcome : c === 'w' ? weights! : c, k]));
  const byColumn: Record<string, number> = {};
  for (const c of [...drivers, outcome, ...(weights === undefined ? [] : [weights])]) {
    const k = counted.get(c);
    if (k !== undefined) byColumn[c] = k;
  }
  const options = { ...(result.options as object) } as Record<string, unknown>;
  options['weights'] = weights ?? null;
  return {
    ...result,
    n: patterns.n,
    weightSum: weights === undefined ? patterns.n : patterns.weightSum,
    weighted: weights !== undefined,
    options,
    missing: { ...patterns.missing, byColumn },
  };
}
