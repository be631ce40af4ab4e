import type { ReliabilityResult } from './reliability.js';

function fixed(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined ? '-' : v.toFixed(digits);
}

function table(rows: readonly (readonly string[])[], rightAligned: readonly boolean[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * A plain-text report of a {@link reliability} result: one line per scale (alpha, its interval,
 * omega, AVE, model fit), then the item analysis (mean, SD, corrected item-total, alpha if
 * deleted, standardized loading), then any warnings. For consoles and logs; the result object
 * itself is the data.
 *
 * @param result - A {@link ReliabilityResult}.
 * @returns Lines joined by `\n`.
 *
 * @example
 * ```ts
 * import { formatReliability, reliability } from 'loyalty-drivers';
 * const rows = [
 *   { a1: 1, a2: 2, a3: 2 }, { a1: 1, a2: 1, a3: 1 }, { a1: 1, a2: 1, a3: 3 },
 *   { a1: 3, a2: 3, a3: 2 }, { a1: 2, a2: 4, a3: 4 }, { a1: 5, a2: 3, a3: 5 },
 * ];
 * const text = formatReliability(reliability(rows, { attitude: ['a1', 'a2', 'a3'] }));
 * text.split('\n')[2]; // => 'attitude      3  0.829      0.833  [0.277, 0.974] feldt  0.836  0.630  just-identified'
 * ```
 */
export function formatReliability(result: ReliabilityResult): string {
  const level = Object.values(result.scales)[0]?.confidenceLevel ?? 0.95;
  const head = `Reliability of ${result.scaleNames.length} scale${result.scaleNames.length === 1 ? '' : 's'} (${
    result.n === null
      ? 'each scale on its own complete cases'
      : result.missing?.policy === 'fiml'
        ? `n = ${result.n}, FIML (EM) on every answer`
        : result.missing?.policy === 'pairwise'
          ? `n = ${result.n}, pairwise deletion`
          : `n = ${result.n}, complete cases on every item`
  }, from ${result.source})`;
  const summary: string[][] = [['scale', 'items', 'alpha', 'std.alpha', `${Math.round(level * 100)}% CI`, 'omega', 'AVE', 'model fit']];
  const items: string[][] = [['scale', 'item', 'mean', 'sd', 'r.drop', 'alpha if deleted', 'loading']];
  for (const name of result.scaleNames) {
    const s = result.scales[name]!;
    const m = s.factorModel;
    const fit =
      m === null
        ? '-'
        : m.fit.degreesOfFreedom === 0
          ? 'just-identified'
          : `chi2(${m.fit.degreesOfFreedom}) = ${m.fit.chiSquare.toFixed(2)}, p = ${fixed(m.fit.pValue, 4)}, CFI ${fixed(m.fit.cfi)}, RMSEA ${fixed(m.fit.rmsea)}, SRMR ${fixed(m.fit.srmr)}`;
    summary.push([
      name,
      String(s.items.length),
      fixed(s.estimate),
      fixed(s.standardizedAlpha),
      `[${fixed(s.confidenceInterval[0])}, ${fixed(s.confidenceInterval[1])}] ${s.intervalMethod}`,
      fixed(s.omegaTotal),
      fixed(s.averageVarianceExtracted),
      fit,
    ]);
    for (const item of s.items) {
      items.push([
        name,
        item + (s.reversed.includes(item) ? ' (R)' : ''),
        fixed(s.itemMeans?.[item], 2),
        fixed(s.itemStandardDeviations?.[item], 2),
        fixed(s.correctedItemTotal[item]),
        fixed(s.alphaIfDeleted[item]),
        fixed(m?.standardizedLoadings[item]),
      ]);
    }
  }
  const lines = [
    head,
    ...table(summary, [false, true, true, true, false, true, true, false]),
    '',
    'Item analysis ((R) = reverse-coded)',
    ...table(items, [false, false, true, true, true, true, true]),
  ];
  if (result.warnings.length > 0) lines.push('', 'Warnings:', ...result.warnings.map((w) => `- ${w.message}`));
  return lines.join('\n');
}
