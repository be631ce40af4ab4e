/**
 * Turns a model file's measure (a column, a scale name, `"loyaltyIndex"`, a mean or a ratio)
 * into the segmentation module's measure spec, with the model's missing codes (a cell with one
 * is a missing answer, as everywhere else in the analysis; a measure's own codes win).
 * @internal
 */
import type { LoyaltyModel, ModelMeasure } from '../model/types.js';
import type { MeasureSpec } from '../segmentation/resolveMeasure.js';

export function modelMeasure(model: LoyaltyModel, measure: ModelMeasure): MeasureSpec {
  const codes = model.missingCodes.length > 0 ? { missingCodes: model.missingCodes } : {};
  if (typeof measure === 'string') {
    if (measure === 'loyaltyIndex' && model.loyaltyIndex) {
      const li = model.loyaltyIndex;
      return { mean: li.items, name: 'loyaltyIndex', scale: { min: li.min, max: li.max }, ...codes };
    }
    const scale = model.scales[measure];
    if (scale) return { driver: scale, name: measure, ...codes };
    return model.missingCodes.length > 0 ? { column: measure, ...codes } : measure;
  }
  return { ...codes, ...(measure as object) } as MeasureSpec;
}

/** A profile variable or revenue column with the model's missing codes (the column as is without them). */
export function modelColumnMeasure(
  model: LoyaltyModel,
  column: string,
): string | { readonly column: string; readonly missingCodes: readonly number[] } {
  return model.missingCodes.length > 0 ? { column, missingCodes: model.missingCodes } : column;
}
