/**
 * Reads one side of a two-sample comparison: a plain array of values, or `{ values, weights }`.
 * @internal
 */
import { InputError } from '../errors.js';
import { readVector, type NumericSample } from '../internal/validate.js';
import { checkWeightsOrDesign, readVectorDesign, type SurveyDesign } from '../survey/design.js';
import type { PreparedDesign } from '../survey/linearization.js';
import type { MissingPolicy, ScaleRange } from '../types.js';

/**
 * Raw data for one sample: values, optionally with sampling weights or with the sample's own
 * survey design (arrays aligned with the values; not both).
 */
export type SampleInput =
  | readonly unknown[]
  | { readonly values: readonly unknown[]; readonly weights?: readonly unknown[]; readonly design?: SurveyDesign };

/** A sample read with its design: the design over every value, and which values are answered. */
export interface DesignedSample extends NumericSample {
  readonly design?: { readonly prepared: PreparedDesign; readonly used: Uint8Array; readonly all: Float64Array };
}

export function isSampleInput(x: unknown): x is SampleInput {
  return Array.isArray(x) || ArrayBuffer.isView(x) || (x !== null && typeof x === 'object' && 'values' in x);
}

export function readSample(
  input: SampleInput,
  argument: string,
  options: { scale?: ScaleRange; missing?: MissingPolicy; missingCodes?: readonly number[]; minimum?: number; booleans?: boolean },
): DesignedSample {
  let values: readonly unknown[];
  let weights: readonly unknown[] | undefined;
  let design: unknown;
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
    design = (input as { design?: unknown }).design;
    checkWeightsOrDesign({ weights: o.weights, design });
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
  if (design !== undefined) {
    // The design covers every value; a missing answer stays in it outside the domain (R subset()).
    const prepared = readVectorDesign(design, values.length, `${argument}.design`);
    const read = readVector(values, {
      argument: `${argument}.values`,
      scale: options.scale,
      missing: options.missing,
      missingCodes: options.missingCodes,
      minimum: options.minimum,
    });
    const used = new Uint8Array(values.length);
    const all = new Float64Array(values.length);
    for (let i = 0; i < read.index.length; i++) {
      used[read.index[i]!] = 1;
      all[read.index[i]!] = read.values[i]!;
    }
    return { ...read, design: { prepared, used, all } };
  }
  return readVector(values, {
    argument: weights === undefined ? argument : `${argument}.values`,
    scale: options.scale,
    weights,
    missing: options.missing,
    missingCodes: options.missingCodes,
    minimum: options.minimum,
  });
}
