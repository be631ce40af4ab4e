/**
 * Turns a model file's measure (a column, a scale name, `"loyaltyIndex"`, a mean or a ratio)
 * into the segmentation module's measure spec.
 * @internal
 */
import type { LoyaltyModel, ModelMeasure } from '../model/types.js';
import type { MeasureSpec } from '../segmentation/resolveMeasure.js';

export function modelMeasure(model: LoyaltyModel, measure: ModelMeasure): MeasureSpec {
  if (typeof measure === 'string') {
    if (measure === 'loyaltyIndex' && model.loyaltyIndex) {
      const li = model.loyaltyIndex;
      return { mean: li.items, name: 'loyaltyIndex', scale: { min: li.min, max: li.max } };
    }
    const scale = model.scales[measure];
    if (scale) return { driver: scale, name: measure };
    return measure;
  }
  return measure as MeasureSpec;
}
