/**
 * The importance-performance map (IPMA) of an estimated PLS path model: the steps of
 * `plsImportancePerformance` after the estimation, so `analyze` maps the model it estimated.
 * @internal
 */
import { InputError } from '../errors.js';
import { checkNumberOption, checkOption } from '../internal/validate.js';
import { readItems } from '../measurement/readItems.js';
import type { NormalizedScale } from '../measurement/types.js';
import type { MatrixInput } from '../summary/matrixInput.js';
import type { Row, Warning } from '../types.js';
import type {
  PlsImportancePerformanceConstruct,
  PlsImportancePerformanceItem,
  PlsImportancePerformanceOptions,
  PlsImportancePerformanceResult,
  PlsItemScale,
  PlsPathModelResult,
} from './types.js';

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
 * The importance-performance map of an estimated path model `fit` (its weights, paths and
 * effects) on the `data` it was estimated from. `analyze` calls it with the model it already
 * bootstrapped, so the model is estimated once.
 * @internal
 */
export function importancePerformanceOfFit(
  data: readonly Row[] | MatrixInput,
  fit: PlsPathModelResult,
  options: Pick<PlsImportancePerformanceOptions, 'target' | 'scale' | 'importanceCut' | 'performanceCut' | 'missingCodes'>,
): PlsImportancePerformanceResult {
  const { target, scale, importanceCut, performanceCut } = options;
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
