/**
 * The keys of a {@link ScaleRange} option, shared by the indices that take `options.scale`.
 * @internal
 */
import { checkOptions, optionKeys } from '../internal/options.js';
import type { ScaleRange } from '../types.js';

const SCALE_KEYS = optionKeys<ScaleRange>({ min: true, max: true, integer: true });

/** Refuses unknown keys in a `scale` option (`options.scale.maximum`), naming the nearest valid one. */
export function checkScaleKeys(scale: unknown, argument = 'options.scale'): void {
  checkOptions(scale, SCALE_KEYS, argument);
}
