/**
 * Reads one side of a two-sample comparison: a plain array of values, or `{ values, weights }`.
 * @internal
 */
import { InputError } from '../errors.js';
import { readVector, type NumericSample } from '../internal/validate.js';
import type { MissingPolicy, ScaleRange } from '../types.js';

/** Raw data for one sample: values, optionally with sampling weights. */
export type SampleInput = readonly unknown[] | { readonly values: readonly unknown[]; readonly weights?: readonly unknown[] };

export function isSampleInput(x: unknown): x is SampleInput {
  return Array.isArray(x) || ArrayBuffer.isView(x) || (x !== null && typeof x === 'object' && 'values' in x);
}

export function readSample(
  input: SampleInput,
  argument: string,
  options: { scale?: ScaleRange; missing?: MissingPolicy; missingCodes?: readonly number[]; minimum?: number; booleans?: boolean },
): NumericSample {
  let values: readonly unknown[];
  let weights: readonly unknown[] | undefined;
  if (Array.isArray(input) || ArrayBuffer.isView(input)) values = input as readonly unknown[];
  else {
    const o = input as { values?: unknown; weights?: unknown };
    if (!Array.isArray(o.values) && !ArrayBuffer.isView(o.values)) {
      throw new InputError('EMPTY_INPUT', `${argument}.values: expected an array`, {
        argument: `${argument}.values`,
        expected: 'an array',
      });
    }
    values = o.values as readonly unknown[];
    if (o.weights !== undefined) {
      weights = o.weights as readonly unknown[];
      if (!Array.isArray(weights) || weights.length !== values.length) {
        throw new InputError(
          'LENGTH_MISMATCH',
          `${argument}.weights: expected ${values.length} weights (one per value), got ${Array.isArray(weights) ? weights.length : typeof weights}`,
          {
            argument: `${argument}.weights`,
            expected: `${values.length} weights`,
          },
        );
      }
    }
  }
  if (options.booleans) values = values.map((v) => (v === true ? 1 : v === false ? 0 : v));
  return readVector(values, {
    argument: weights === undefined ? argument : `${argument}.values`,
    scale: options.scale,
    weights,
    missing: options.missing,
    missingCodes: options.missingCodes,
    minimum: options.minimum,
  });
}
