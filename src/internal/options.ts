/**
 * Strict options: every public function refuses an option key it does not know, naming the key
 * and the nearest valid one, so a typo (`weight` for `weights`) never silently changes an
 * analysis. One checker for the whole library; each function lists its keys once with
 * {@link optionKeys}, which the compiler holds to the options interface.
 * @internal
 */
import { InputError } from '../errors.js';
import type { BootstrapOptions } from '../types.js';
import { nearest } from './suggest.js';
import { checkConfidenceLevel, checkNumberOption, checkOption } from './validate.js';

/** The valid keys of an options object, as a frozen list. */
export type OptionKeys = readonly string[];

/**
 * The keys of an options interface `T`, checked by the compiler both ways: a key of `T` missing
 * from `keys` or a key in `keys` that `T` lacks is a type error.
 *
 * ```ts
 * const NPS_KEYS = optionKeys<NpsOptions>({ promoterMin: true, detractorMax: true, ... });
 * ```
 */
export function optionKeys<T extends object>(keys: { readonly [K in keyof Required<T>]: true }): OptionKeys {
  return Object.freeze(Object.keys(keys));
}

/**
 * Throws `INVALID_OPTION` unless `options` is `undefined` or a plain object whose own keys are
 * all in `allowed`. The message names the key by its path and suggests the nearest valid key:
 * `options.wieghts: unknown option; did you mean "weights"?`.
 *
 * @param options - What the caller passed.
 * @param allowed - The valid keys (from {@link optionKeys}).
 * @param argument - The path of the object in messages (`options`, `options.bootstrap`).
 */
export function checkOptions(options: unknown, allowed: OptionKeys, argument = 'options'): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InputError(
      'INVALID_OPTION',
      `${argument}: expected an object of options, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`,
      {
        argument,
        expected: 'an object',
      },
    );
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const best = nearest(key, allowed);
    const hint =
      best === undefined
        ? allowed.length === 0
          ? 'this function takes no options'
          : `valid options: ${allowed.map((k) => `"${k}"`).join(', ')}`
        : `did you mean "${best}"?`;
    throw new InputError('INVALID_OPTION', `${argument}.${key}: unknown option; ${hint}`, {
      argument: `${argument}.${key}`,
      value: key,
      expected: best === undefined ? allowed.join(' | ') : best,
    });
  }
}

/** The keys of {@link BootstrapOptions}. */
const BOOTSTRAP_KEYS = optionKeys<Exclude<BootstrapOptions, false>>({
  replicates: true,
  seed: true,
  confidenceLevel: true,
  onProgress: true,
  method: true,
});

/** Smallest number of bootstrap replicates accepted: fewer cannot place a 95% percentile limit. */
export const MIN_REPLICATES = 50;
/** Largest number of bootstrap replicates accepted (more buys no visible precision, and costs memory). */
export const MAX_REPLICATES = 1_000_000;

/** A validated bootstrap request: every field filled in. */
export interface BootstrapPlan {
  readonly replicates: number;
  readonly seed: number;
  readonly confidenceLevel: number;
  readonly onProgress?: (completed: number, total: number) => void;
  /** Present only when asked for: `'row-resampling'` (the default) or `'poisson'`. */
  readonly method?: 'row-resampling' | 'poisson';
}

/**
 * Validates the one {@link BootstrapOptions} shape: `false` (or `undefined`) for none, or
 * `{ replicates, seed, confidenceLevel?, onProgress? }`. Returns `null` for none. The confidence
 * level defaults to the analysis's own.
 *
 * @param value - What the caller passed.
 * @param argument - Its path in messages, e.g. `options.bootstrap`.
 * @param defaultLevel - The confidence level when the bootstrap names none.
 */
export function checkBootstrap(value: unknown, argument: string, defaultLevel = 0.95): BootstrapPlan | null {
  if (value === undefined || value === false) return null;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(
      'INVALID_OPTION',
      `${argument}: expected false or { replicates, seed, confidenceLevel? }, got ${value === null ? 'null' : JSON.stringify(value)}`,
      {
        argument,
        expected: 'false or { replicates, seed, confidenceLevel? }',
      },
    );
  }
  checkOptions(value, BOOTSTRAP_KEYS, argument);
  const b = value as Exclude<BootstrapOptions, false>;
  if (b.replicates === undefined || b.seed === undefined) {
    const absent = b.replicates === undefined ? 'replicates' : 'seed';
    throw new InputError(
      'INVALID_OPTION',
      `${argument}.${absent}: required (a bootstrap names its replicates and its seed, so it reproduces)`,
      {
        argument: `${argument}.${absent}`,
        expected: absent === 'replicates' ? `an integer from ${MIN_REPLICATES} to ${MAX_REPLICATES}` : 'an integer',
      },
    );
  }
  const replicates = checkNumberOption(`${argument}.replicates`, b.replicates, { min: MIN_REPLICATES, max: MAX_REPLICATES, integer: true });
  const seed = checkNumberOption(`${argument}.seed`, b.seed, { integer: true });
  const confidenceLevel =
    b.confidenceLevel === undefined ? defaultLevel : checkConfidenceLevel(b.confidenceLevel, `${argument}.confidenceLevel`);
  if (b.onProgress !== undefined && typeof b.onProgress !== 'function') {
    throw new InputError('INVALID_OPTION', `${argument}.onProgress: expected a function`, {
      argument: `${argument}.onProgress`,
      expected: 'a function',
    });
  }
  const method = b.method === undefined ? undefined : checkOption(`${argument}.method`, b.method, ['row-resampling', 'poisson'] as const);
  return {
    replicates,
    seed,
    confidenceLevel,
    ...(b.onProgress === undefined ? {} : { onProgress: b.onProgress }),
    ...(method === undefined ? {} : { method }),
  };
}

/** Refuses `method: 'poisson'` where only row resampling is implemented (waves, alpha). */
export function rowResamplingOnly(plan: BootstrapPlan | null, argument: string): BootstrapPlan | null {
  if (plan?.method === 'poisson') {
    throw new InputError(
      'INVALID_OPTION',
      `${argument}.method: 'poisson' is implemented for importance only; this bootstrap resamples rows`,
      {
        argument: `${argument}.method`,
        value: 'poisson',
        expected: "'row-resampling'",
      },
    );
  }
  return plan;
}
