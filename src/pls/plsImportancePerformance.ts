import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkNumberOption, checkOption } from '../internal/validate.js';
import { readItems } from '../measurement/readItems.js';
import type { NormalizedScale } from '../measurement/types.js';
import type { MatrixInput } from '../summary/matrixInput.js';
import type { Row, Warning } from '../types.js';
import { plsPathModel } from './plsPathModel.js';
import type {
  PlsImportancePerformanceConstruct,
  PlsImportancePerformanceItem,
  PlsImportancePerformanceOptions,
  PlsImportancePerformanceResult,
  PlsItemScale,
} from './types.js';

const KEYS = optionKeys<PlsImportancePerformanceOptions>({
  constructs: true,
  paths: true,
  scheme: true,
  maxIterations: true,
  tolerance: true,
  missing: true,
  missingCodes: true,
  target: true,
  scale: true,
  importanceCut: true,
  performanceCut: true,
});

type Quadrant = PlsImportancePerformanceConstruct['quadrant'];
const QUADRANT_ORDER: readonly Quadrant[] = ['concentrate here', 'keep up the good work', 'low priority', 'possible overkill'];

function isScale(s: unknown): s is PlsItemScale {
  return (
    s !== null &&
    typeof s === 'object' &&
    typeof (s as PlsItemScale).min === 'number' &&
    typeof (s as PlsItemScale).max === 'number' &&
    Number.isFinite((s as PlsItemScale).min) &&
    Number.isFinite((s as PlsItemScale).max) &&
    (s as PlsItemScale).max > (s as PlsItemScale).min
  );
}

/** Each item's range: the item's own entry, else its construct's, else the one scale for all. */
function itemScales(scale: unknown, constructs: Readonly<Record<string, readonly string[]>>): Record<string, PlsItemScale> {
  const out: Record<string, PlsItemScale> = {};
  const all = isScale(scale) ? scale : undefined;
  if (all === undefined && (scale === null || typeof scale !== 'object' || Array.isArray(scale))) {
    throw new InputError('INVALID_OPTION', 'options.scale: expected { min, max } or a record of them by construct or item', {
      argument: 'options.scale',
      expected: '{ min, max }',
    });
  }
  const per = (all === undefined ? scale : {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(per)) {
    if (!isScale(value)) {
      throw new InputError('INVALID_OPTION', `options.scale.${key}: expected { min, max } with max > min`, {
        argument: `options.scale.${key}`,
        expected: '{ min, max }',
      });
    }
  }
  for (const [name, items] of Object.entries(constructs)) {
    for (const item of items) {
      const s = all ?? (per[item] as PlsItemScale | undefined) ?? (per[name] as PlsItemScale | undefined);
      if (s === undefined) {
        throw new InputError(
          'INVALID_OPTION',
          `options.scale: no { min, max } for item "${item}" of "${name}" (give one for the item or for "${name}")`,
          {
            argument: 'options.scale',
            column: item,
            expected: `options.scale.${name} or options.scale.${item}`,
          },
        );
      }
      out[item] = { min: s.min, max: s.max };
    }
  }
  return out;
}

function resolveCut(rule: unknown, values: readonly number[], name: string, range: { min?: number; max?: number }) {
  if (typeof rule === 'number') return { value: checkNumberOption(name, rule, range), rule: 'fixed' as const };
  const kind = checkOption(name, rule ?? 'mean', ['mean', 'median'] as const);
  if (kind === 'mean') return { value: values.reduce((a, b) => a + b, 0) / values.length, rule: 'mean' as const };
  const s = [...values].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return { value: s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2, rule: 'median' as const };
}

/**
 * Importance-performance map analysis (IPMA) of a PLS path model (Ringle & Sarstedt 2016): for
 * each construct with an effect on the `target`, its importance (the unstandardized total
 * effect on the target) against its performance (the mean construct score on 0-100), the
 * quadrant and a priority order; and the same per item.
 *
 * Method (the rescaled-weights approach of Ringle & Sarstedt 2016): the model is estimated as
 * {@link plsPathModel}; every item is rescaled to 0-100 from its scale, `100 (x - min) / (max -
 * min)`; the standardized outer weights are unstandardized (divided by the rescaled item's SD)
 * and rescaled to sum 1 per construct, so each construct score is a weighted mean of its
 * rescaled items; performance is the mean of that score. Unstandardized paths are the OLS
 * regressions of the rescaled scores along the paths, total effects their sums of products
 * along every chain. Everything follows from the item means and covariances (a rescaled score
 * is a linear map of the standardized one: path `b = beta U_from / U_to`, with `U` the sum of a
 * construct's unstandardized weights), so a covariance matrix with means or sufficient
 * statistics give the same map as the rows. With reflective constructs the consistent (PLSc)
 * paths are unstandardized the same way. Item importance = rescaled weight x its construct's
 * importance. Quadrants as {@link importancePerformance}: cuts at the mean importance and
 * performance of the drivers by default. Reference: the paper's steps in plain R on R seminr
 * 2.3.4 weights (test/fixtures/r/plsIpma.R), 1e-9 relative.
 *
 * @param data - Rows, or a summary of the items with their means (covariance with `means`, or sufficient statistics).
 * @param options - The path model (`constructs`, `paths`, `scheme`, `maxIterations`, `tolerance`,
 *   `missing`, `missingCodes`), `target`, `scale` (item ranges), `importanceCut`, `performanceCut`.
 * @returns A {@link PlsImportancePerformanceResult}.
 * @throws InputError `INVALID_OPTION` (a target that is not an endogenous construct, an item
 *   without a range, a correlation matrix: IPMA needs means), `OUT_OF_RANGE` (an answer outside
 *   its scale), and whatever {@link plsPathModel} throws.
 *
 * @example
 * ```ts
 * import { plsImportancePerformance } from 'loyalty-drivers';
 * const rows = [
 *   { q1: 3, q2: 4, s1: 3, s2: 3 }, { q1: 5, q2: 4, s1: 5, s2: 4 }, { q1: 2, q2: 1, s1: 1, s2: 2 },
 *   { q1: 4, q2: 5, s1: 4, s2: 5 }, { q1: 1, q2: 2, s1: 2, s2: 1 }, { q1: 4, q2: 3, s1: 5, s2: 4 },
 * ];
 * const ipma = plsImportancePerformance(rows, {
 *   constructs: { quality: ['q1', 'q2'], satisfaction: ['s1', 's2'] },
 *   paths: [['quality', 'satisfaction']],
 *   target: 'satisfaction',
 *   scale: { min: 1, max: 5 },
 * });
 * ipma.constructs[0]?.construct; // => 'quality'
 * ipma.constructs[0]?.performance.toFixed(1); // => '54.2'
 * ```
 */
export function plsImportancePerformance(
  data: readonly Row[] | MatrixInput,
  options: PlsImportancePerformanceOptions,
): PlsImportancePerformanceResult {
  checkOptions(options, KEYS);
  const { target, scale, importanceCut, performanceCut, ...model } = options;
  const fit = plsPathModel(data, model);
  const names = fit.constructNames;
  if (typeof target !== 'string' || !names.includes(target)) {
    throw new InputError(
      'INVALID_OPTION',
      `options.target: expected a construct (${names.map((n) => `"${n}"`).join(', ')}), got ${JSON.stringify(target)}`,
      {
        argument: 'options.target',
        expected: names.join(' | '),
      },
    );
  }
  const drivers = names.filter((c) => fit.effects.some((e) => e.from === c && e.to === target));
  if (drivers.length === 0) {
    throw new InputError('INVALID_OPTION', `options.target: "${target}" has no path into it; the target must be an endogenous construct`, {
      argument: 'options.target',
      expected: 'a construct with predecessors',
    });
  }
  const itemsOf = Object.fromEntries(names.map((c) => [c, fit.constructs[c]!.items]));
  const ranges = itemScales(scale, itemsOf);
  // One scale per item, so readItems checks each answer against its own range.
  const scales: NormalizedScale[] = names.flatMap((c) =>
    itemsOf[c]!.map((item) => ({
      name: item,
      items: [item],
      reversed: [false],
      min: ranges[item]!.min,
      max: ranges[item]!.max,
      integer: false,
    })),
  );
  const moments = readItems(data, scales, { argument: 'rows', missing: fit.options.missing, missingCodes: options.missingCodes });
  if (moments.means === null) {
    throw new InputError(
      'INVALID_OPTION',
      'data: IPMA needs the item means; give a covariance matrix with means, or sufficient statistics, or rows',
      {
        argument: 'data',
        expected: 'item means',
      },
    );
  }
  const position = new Map(moments.variables.map((v, i) => [v.item, i]));
  const warnings: Warning[] = fit.warnings.filter((w) => w.code === 'NOT_CONVERGED');
  // U: sum of the construct's weights unstandardized to the rescaled items; the rescaled score is (standardized score + constant) / U.
  const sums: Record<string, number> = {};
  const rescaledWeights: Record<string, Record<string, number>> = {};
  const performance: Record<string, number> = {};
  const itemPerformance: Record<string, number> = {};
  for (const c of names) {
    const items = itemsOf[c]!;
    const raw = items.map((item) => {
      const i = position.get(item)!;
      const { min, max } = ranges[item]!;
      const stretch = 100 / (max - min);
      itemPerformance[item] = stretch * (moments.means![i]! - min);
      return fit.constructs[c]!.weights[item]! / (stretch * Math.sqrt(moments.covariance[i]![i]!));
    });
    const u = raw.reduce((a, b) => a + b, 0);
    sums[c] = u;
    const weights: Record<string, number> = {};
    let perf = 0;
    items.forEach((item, k) => {
      weights[item] = raw[k]! / u;
      perf += weights[item]! * itemPerformance[item]!;
    });
    rescaledWeights[c] = weights;
    performance[c] = perf;
    const negative = items.filter((item) => weights[item]! < 0);
    if (negative.length > 0) {
      warnings.push({
        code: 'NEGATIVE_WEIGHT',
        message: `"${c}": the rescaled weight of ${negative.map((i) => `"${i}"`).join(', ')} is negative, so its score can leave 0-100; IPMA assumes positive weights (Ringle & Sarstedt 2016)`,
      });
    }
  }
  const unstandardize = (from: string, to: string, beta: number): number => (beta * sums[from]!) / sums[to]!;
  const standardized = drivers.map((c) => fit.effects.find((e) => e.from === c && e.to === target)!.total);
  const importance = drivers.map((c, k) => unstandardize(c, target, standardized[k]!));
  const perf = drivers.map((c) => performance[c]!);
  const iCut = resolveCut(importanceCut, importance, 'options.importanceCut', {});
  const pCut = resolveCut(performanceCut, perf, 'options.performanceCut', { min: 0, max: 100 });
  const quadrants = drivers.map((_, k): Quadrant => {
    const important = importance[k]! >= iCut.value;
    const performing = perf[k]! >= pCut.value;
    if (important) return performing ? 'keep up the good work' : 'concentrate here';
    return performing ? 'possible overkill' : 'low priority';
  });
  const order = drivers
    .map((_, k) => k)
    .sort(
      (a, b) => QUADRANT_ORDER.indexOf(quadrants[a]!) - QUADRANT_ORDER.indexOf(quadrants[b]!) || importance[b]! - importance[a]! || a - b,
    );
  const priority = new Array<number>(drivers.length).fill(0);
  order.forEach((k, p) => {
    priority[k] = p + 1;
  });
  const items: PlsImportancePerformanceItem[] = drivers.flatMap((c, k) =>
    itemsOf[c]!.map((item) => ({
      item,
      construct: c,
      weight: rescaledWeights[c]![item]!,
      importance: rescaledWeights[c]![item]! * importance[k]!,
      performance: itemPerformance[item]!,
    })),
  );
  return {
    method: 'pls-importance-performance',
    target,
    n: fit.n,
    source: fit.source,
    constructs: drivers.map((construct, k) => ({
      construct,
      importance: importance[k]!,
      standardizedImportance: standardized[k]!,
      performance: perf[k]!,
      quadrant: quadrants[k]!,
      priority: priority[k]!,
    })),
    items,
    performance,
    paths: fit.paths.map((p) => ({ from: p.from, to: p.to, estimate: unstandardize(p.from, p.to, p.estimate), standardized: p.estimate })),
    rescaledWeights,
    cuts: { importance: iCut.value, performance: pCut.value, importanceRule: iCut.rule, performanceRule: pCut.rule },
    priorityOrder: order.map((k) => drivers[k]!),
    options: {
      scheme: fit.options.scheme,
      maxIterations: fit.options.maxIterations,
      tolerance: fit.options.tolerance,
      missing: fit.options.missing,
      scale: ranges,
    },
    missing: fit.missing,
    warnings,
  };
}
