/**
 * Validation of the `shapley` option shared by the functions that compute lmg.
 *
 * @internal
 */
import { checkOptions, optionKeys } from '../internal/options.js';
import { InputError } from '../errors.js';
import { checkConfidenceLevel, checkNumberOption, checkOption } from '../internal/validate.js';
import { DEFAULT_EXACT_LIMIT, MAX_EXACT_LIMIT } from './importanceMetrics.js';
import type { ShapleyOptions } from './relativeImportance.js';

const SHAPLEY_KEYS = optionKeys<ShapleyOptions>({
  method: true,
  maxExactPredictors: true,
  permutations: true,
  seed: true,
  confidenceLevel: true,
});

/** Validates `options.shapley` against p; throws `LIMIT_EXCEEDED` beyond the exact limit. */
export function resolveShapley(
  value: ShapleyOptions | undefined,
  p: number,
  what: string,
  defaultLimit = DEFAULT_EXACT_LIMIT,
): { method: 'exact'; limit: number } | { method: 'sampled'; pairs: number; seed: number; confidenceLevel: number } {
  const o = value ?? {};
  if (o === null || typeof o !== 'object') {
    throw new InputError('INVALID_OPTION', 'options.shapley: expected an object such as { method: "sampled" }', {
      argument: 'options.shapley',
      expected: 'an object',
    });
  }
  checkOptions(o, SHAPLEY_KEYS, 'options.shapley');
  const method = checkOption('options.shapley.method', o.method ?? 'exact', ['exact', 'sampled'] as const);
  if (method === 'sampled') {
    const permutations =
      o.permutations === undefined ? 2000 : checkNumberOption('options.shapley.permutations', o.permutations, { min: 4, integer: true });
    if (permutations % 2 !== 0) {
      throw new InputError(
        'INVALID_OPTION',
        `options.shapley.permutations: expected an even number (orderings are drawn with their reverses), got ${permutations}`,
        {
          argument: 'options.shapley.permutations',
          value: permutations,
          expected: 'an even integer >= 4',
        },
      );
    }
    const seed = o.seed === undefined ? 1 : checkNumberOption('options.shapley.seed', o.seed, { min: 0, max: 4294967295, integer: true });
    return {
      method,
      pairs: permutations / 2,
      seed,
      confidenceLevel: checkConfidenceLevel(o.confidenceLevel, 'options.shapley.confidenceLevel'),
    };
  }
  const limit =
    o.maxExactPredictors === undefined
      ? defaultLimit
      : checkNumberOption('options.shapley.maxExactPredictors', o.maxExactPredictors, { min: 2, max: MAX_EXACT_LIMIT, integer: true });
  if (p > limit) {
    throw new InputError(
      'LIMIT_EXCEEDED',
      `${what}: ${p} predictors exceed the exact limit of ${limit} (2^${limit} subsets); pass shapley: { method: 'sampled' } for a permutation-sampling estimate with an error bound, or raise shapley.maxExactPredictors (at most ${MAX_EXACT_LIMIT}; each extra predictor doubles the time)`,
      { argument: 'options.predictors', value: p, expected: `at most ${limit} predictors for exact lmg` },
    );
  }
  return { method, limit };
}
