import type { DominanceAnalysisResult, DominanceMatrix } from './dominanceAnalysis.js';
import { fitIndexLabel } from './formatRelativeImportance.js';
import { warningLines } from '../internal/warningLines.js';
import { textTable } from './textTable.js';

function num(x: number): string {
  return Math.abs(x) >= 1e-4 || x === 0 ? x.toFixed(4) : x.toExponential(2);
}

function matrix(title: string, m: DominanceMatrix, names: readonly string[]): string {
  const symbol = (v: number): string => (v === 1 ? '>' : v === 0 ? '<' : '?');
  const body = names.map((row, i) => [row, ...names.map((_, j) => (i === j ? '.' : symbol(m[i]![j]!)))]);
  return `${title}\n${textTable(['', ...names], body)}`;
}

/**
 * Formats a {@link DominanceAnalysisResult} as plain text: the average R2 gain of each driver at
 * each subset size and its general contribution, then the complete, conditional and general
 * dominance matrices with `>` (row dominates column), `<` (column dominates row) and `?`
 * (undetermined).
 *
 * @param result - The result of `dominanceAnalysis`.
 * @returns Multi-line text (no trailing newline).
 *
 * @example
 * ```ts
 * import { dominanceAnalysis, formatDominanceAnalysis } from 'loyalty-drivers';
 * const d = dominanceAnalysis(
 *   { correlation: [[1, 0.5, 0.6], [0.5, 1, 0.4], [0.6, 0.4, 1]], variables: ['y', 'a', 'b'], n: 100 },
 *   { outcome: 'y', predictors: ['a', 'b'] },
 * );
 * const text = formatDominanceAnalysis(d);
 * text.split('\n')[0]; // => 'Dominance analysis of y (n = 100, from correlation): R-squared 0.4405, 4 subset models'
 * console.log(text);
 * // Dominance analysis of y (n = 100, from correlation): R-squared 0.4405, 4 subset models
 * // average R2 gain by number of other drivers already in the model
 * // driver     k=0     k=1  general  share
 * // a       0.2500  0.0805   0.1652  37.5%
 * // b       0.3600  0.1905   0.2752  62.5%
 * // complete dominance (> row dominates column, < column dominates row, ? undetermined)
 * //    a  b
 * // a  .  <
 * // b  >  .
 * // ...
 * ```
 */
export function formatDominanceAnalysis(result: DominanceAnalysisResult): string {
  const names = result.predictors;
  const levels = result.contributionByLevel;
  const weights = result.options.weights ? `, weights ${result.options.weights}` : '';
  const lines = [
    `Dominance analysis of ${result.outcome} (n = ${result.n}${weights}, from ${result.source}): ${fitIndexLabel(result.fitIndex, result.family)} ${num(result.rSquared)}, ${result.subsets} subset models`,
    `average ${result.fitIndex === 'r-squared' ? 'R2' : 'pseudo-R2'} gain by number of other drivers already in the model`,
    textTable(
      ['driver', ...levels.map((_, k) => `k=${k}`), 'general', 'share'],
      names.map((d) => [
        d,
        ...levels.map((level) => num(level[d]!)),
        num(result.generalContribution[d]!),
        `${(100 * result.generalShares[d]!).toFixed(1)}%`,
      ]),
    ),
  ];
  const legend = '(> row dominates column, < column dominates row, ? undetermined)';
  if (result.complete) lines.push(matrix(`complete dominance ${legend}`, result.complete, names));
  else lines.push('complete dominance not computed (complete: false)');
  lines.push(matrix('conditional dominance', result.conditional, names));
  lines.push(matrix('general dominance', result.general, names));
  if (result.missing.rowsDropped > 0)
    lines.push(`${result.missing.rowsDropped} of ${result.missing.rowsIn} rows dropped for missing values`);
  lines.push(...warningLines(result.warnings));
  return lines.join('\n');
}
