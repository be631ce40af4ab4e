/**
 * A regression sample (complete cases as typed arrays) built from kept columns instead of row
 * objects, read exactly as `readRegressionSample` reads rows: listwise on the outcome, the
 * predictors and the weight, cells validated by the same `readCell` rules, the same checks and
 * messages (too few cases, a constant column, no positive weight). 8 bytes a row per column.
 * @internal
 */
import { InsufficientDataError } from '../../errors.js';
import { checkVaries, type RegressionSample } from '../../regression/design.js';
import { checkWeightTotal, readCell, type CellRule } from '../../internal/validate.js';
import type { MissingReport, ScaleRange } from '../../types.js';

export function regressionSampleFromColumns(
  outcome: string,
  y: Float64Array,
  predictors: readonly string[],
  xs: readonly Float64Array[],
  weightName: string | undefined,
  weights: Float64Array | undefined,
  missingCodes: readonly number[] | undefined,
  outcomeScale?: ScaleRange,
): RegressionSample {
  const rowsIn = y.length;
  const k = predictors.length + 1;
  const columns = [y, ...xs];
  const names = [outcome, ...predictors];
  const rules: CellRule[] = names.map((column, j) => ({
    argument: 'rows',
    column,
    scale: j === 0 ? outcomeScale : undefined,
    missingCodes,
  }));
  const weightRule: CellRule = { argument: 'options.weights', column: weightName, scale: { min: 0 } };
  const out = columns.map(() => new Float64Array(rowsIn));
  const wOut = weights ? new Float64Array(rowsIn) : undefined;
  const index = new Int32Array(rowsIn);
  const missCount = new Array<number>(k).fill(0);
  let missW = 0;
  const cell = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < rowsIn; i++) {
    let complete = true;
    for (let j = 0; j < k; j++) {
      const raw = columns[j]![i]!;
      const v = readCell(raw === raw ? raw : null, i, rules[j]!);
      if (v === null) {
        missCount[j]!++;
        complete = false;
      } else cell[j] = v;
    }
    let w = 1;
    if (weights) {
      const raw = weights[i]!;
      const wv = readCell(raw === raw ? raw : null, i, weightRule);
      if (wv === null) {
        missW++;
        complete = false;
      } else w = wv;
    }
    if (!complete) continue;
    for (let j = 0; j < k; j++) out[j]![n] = cell[j]!;
    if (wOut) wOut[n] = w;
    index[n] = i;
    n++;
  }
  const byColumn: Record<string, number> = {};
  names.forEach((c, j) => {
    if (missCount[j]! > 0) byColumn[c] = (byColumn[c] ?? 0) + missCount[j]!;
  });
  if (missW > 0) byColumn[weightName!] = missW;
  const missing: MissingReport = { policy: 'omit', rowsIn, rowsUsed: n, rowsDropped: rowsIn - n, byColumn };
  if (n < 1) {
    throw new InsufficientDataError('TOO_FEW_CASES', `rows: 0 complete cases of ${rowsIn} on ${names.join(', ')}; need at least 1`, {
      argument: 'rows',
      expected: 'at least 1 complete cases',
    });
  }
  const w = wOut?.slice(0, n);
  if (w) checkWeightTotal(w, `options.weights ("${weightName}")`, 'options.weights', weightName);
  let positive = n;
  let weightSum = n;
  if (w) {
    positive = 0;
    weightSum = 0;
    for (let i = 0; i < n; i++) {
      if (w[i]! > 0) positive++;
      weightSum += w[i]!;
    }
  }
  const coefficients = predictors.length + 1;
  if (positive <= coefficients) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${positive} complete case${positive === 1 ? '' : 's'}${w ? ' with a positive weight' : ''} for ${coefficients} coefficients ((Intercept), ${predictors.join(', ')}): need at least ${coefficients + 1} (n must exceed the number of coefficients)`,
      { argument: 'rows', value: positive, expected: `at least ${coefficients + 1} complete cases` },
    );
  }
  const [yc, ...xc] = out.map((c) => c.slice(0, n));
  checkVaries(yc!, w, outcome, 'options.outcome');
  xc.forEach((col, j) => checkVaries(col, w, predictors[j]!, 'options.predictors'));
  return { outcome, predictors: [...predictors], y: yc!, x: xc, weights: w, index: index.slice(0, n), n: positive, weightSum, missing };
}
