import type { RelativeImportanceResult } from './relativeImportance.js';
import { warningLines } from '../internal/warningLines.js';
import { UNIQUE_PART_METRICS } from './importanceCollinearity.js';
import { textTable } from './textTable.js';

function num(x: number): string {
  return Math.abs(x) >= 1e-4 || x === 0 ? x.toFixed(4) : x.toExponential(2);
}

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

/**
 * Formats a {@link RelativeImportanceResult} as plain text: R2, then one row per driver with each
 * metric's raw value, the share of each metric (summing to 100%) and the lmg rank; with a
 * bootstrap, the percentile intervals of the first metric and its share, and how often each
 * driver ranked first.
 *
 * @param result - The result of `relativeImportance`.
 * @returns Multi-line text (no trailing newline).
 *
 * @example
 * ```ts
 * import { relativeImportance, formatRelativeImportance } from 'loyalty-drivers';
 * const r = relativeImportance(
 *   { correlation: [[1, 0.5, 0.6], [0.5, 1, 0.4], [0.6, 0.4, 1]], variables: ['y', 'a', 'b'], n: 100 },
 *   { outcome: 'y', predictors: ['a', 'b'], metrics: ['lmg', 'first', 'last'] },
 * );
 * const text = formatRelativeImportance(r);
 * text.split('\n')[0]; // => 'Relative importance for y (n = 100, from correlation): R-squared 0.4405'
 * console.log(text);
 * // Relative importance for y (n = 100, from correlation): R-squared 0.4405
 * // driver     lmg   first    last  rank
 * // a       0.1652  0.2500  0.0805     2
 * // b       0.2752  0.3600  0.1905     1
 * // shares    lmg  first   last
 * // a       37.5%  41.0%  29.7%
 * // b       62.5%  59.0%  70.3%
 * // lmg exact over all 4 subsets
 * ```
 */
export function formatRelativeImportance(result: RelativeImportanceResult): string {
  const metrics = result.metrics;
  const rankMetric = metrics[0]!;
  const weights = result.options.weights ? `, weights ${result.options.weights}` : '';
  // Metrics the result marks as noise (UNRELIABLE_METRICS) carry "(noise)" in their headings.
  const noise = result.warnings.some((w) => w.code === 'UNRELIABLE_METRICS')
    ? metrics.filter((m) => (UNIQUE_PART_METRICS as readonly string[]).includes(m))
    : [];
  const head = (m: string): string => (noise.includes(m as never) ? `${m} (noise)` : m);
  const lines = [
    `Relative importance for ${result.outcome} (n = ${result.n}${weights}, from ${result.source}): ${fitIndexLabel(result.fitIndex, result.family)} ${num(result.rSquared)}`,
  ];
  lines.push(
    textTable(
      ['driver', ...metrics.map(head), rankMetric === 'lmg' ? 'rank' : `rank (${rankMetric})`],
      result.predictors.map((d) => [d, ...metrics.map((m) => num(result.importance[m]![d]!)), String(result.ranks[rankMetric]![d])]),
    ),
  );
  lines.push(
    textTable(
      ['shares', ...metrics.map(head)],
      result.predictors.map((d) => [d, ...metrics.map((m) => percent(result.shares[m]![d]!))]),
    ),
  );
  const model = result.model;
  if (model) {
    for (const [column, c] of Object.entries(model.categorical)) {
      lines.push(`${column}: ${c.dummies.length} dummies against the reference level ${JSON.stringify(c.reference)}`);
    }
    const sets = Object.entries(model.sets).filter(([name, cols]) => cols.length > 1 || cols[0] !== name);
    if (sets.length > 0) lines.push(`sets: ${sets.map(([name, cols]) => `${name} = ${cols.join(' + ')}`).join('; ')}`);
    if (model.always.columns.length > 0) {
      lines.push(`always in: ${model.always.columns.join(', ')} (their own share ${num(model.always.fitIndex)}, not decomposed)`);
    }
  }
  if (result.signs) lines.push("signed: each importance carries the sign of the driver's full-model coefficient");
  const s = result.shapley;
  if (s?.method === 'exact') lines.push(`lmg exact over all ${s.subsets} subsets`);
  else if (s?.method === 'sampled') {
    lines.push(
      `lmg sampled from ${s.permutations} orderings (seed ${s.seed}): every value within ${num(s.errorBound)} of the exact one with probability ${percent(s.confidenceLevel)}`,
    );
  }
  const b = result.bootstrap;
  if (b) {
    const m = rankMetric;
    const level = percent(b.confidenceLevel).replace('.0%', '%');
    lines.push(
      `Bootstrap: ${b.replicates} replicates${b.method === 'poisson' ? ' (Poisson: each case a Poisson(1) count per replicate)' : ''}, seed ${b.seed}, ${level} percentile intervals${b.redrawn > 0 ? ` (${b.redrawn} singular resamples redrawn)` : ''}`,
    );
    lines.push(
      textTable(
        ['driver', `${m} ${level} CI`, `share ${level} CI`, 'ranked first'],
        result.predictors.map((d) => {
          const ci = b.intervals[m]![d]!;
          const sh = b.shareIntervals[m]![d]!;
          return [
            d,
            `[${num(ci.confidenceInterval[0])}, ${num(ci.confidenceInterval[1])}]`,
            `[${percent(sh.confidenceInterval[0])}, ${percent(sh.confidenceInterval[1])}]`,
            percent(b.rankFrequencies[m]![d]![0]!),
          ];
        }),
      ),
    );
  }
  if (result.missing.rowsDropped > 0)
    lines.push(`${result.missing.rowsDropped} of ${result.missing.rowsIn} rows dropped for missing values`);
  if (noise.length > 0) lines.push(`(noise) ${noise.join(', ')}: rounding noise under severe collinearity; see the warning`);
  lines.push(...warningLines(result.warnings));
  return lines.join('\n');
}

/**
 * How a result names its fit index: `R-squared`, or e.g. `McFadden pseudo-R-squared (binomial)`.
 *
 * @internal
 */
export function fitIndexLabel(fitIndex: string, family: string): string {
  if (fitIndex === 'r-squared') return 'R-squared';
  const name = { mcfadden: 'McFadden', 'cox-snell': 'Cox-Snell', nagelkerke: 'Nagelkerke', estrella: 'Estrella' }[fitIndex] ?? fitIndex;
  return `${name} pseudo-R-squared (${family})`;
}
