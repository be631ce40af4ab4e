import type { ColumnDeclaration, LoyaltyModel, ModelMeasure } from './types.js';

function measureColumns(measure: ModelMeasure | undefined, model: LoyaltyModel): string[] {
  if (measure === undefined) return [];
  if (typeof measure === 'string') {
    if (measure === 'loyaltyIndex' || model.scales[measure] !== undefined) return [];
    return [measure];
  }
  if ('column' in measure) return [measure.column];
  if ('mean' in measure) return [...measure.mean];
  return [...measure.ratio];
}

/**
 * Every column a validated model names, with what the model implies about it, for typed
 * reading: scale items are numbers in the scale's range, `recommend` an integer 0-10, the weight
 * a number >= 0, `retained`, binary outcomes and the lock-in flag 0/1, ordinal outcomes integers, the id column text, the
 * wave and profile columns whatever the data hold (no type). The model's own `columns`
 * declarations override these field by field; the model's global `missingCodes` are not copied
 * (readers apply them to every numeric column).
 *
 * @param model - A model from {@link validateModel}.
 * @returns Column name -> declaration, in the order the model names them.
 *
 * @example
 * ```ts
 * import { modelColumns, validateModel } from 'loyalty-drivers';
 * const columns = modelColumns(validateModel({ id: 'respondent_id', scales: { trust: { items: ['tru1', 'tru2'], min: 1, max: 7 } } }));
 * columns.respondent_id; // => { type: 'string' }
 * columns.tru1; // => { type: 'number', min: 1, max: 7 }
 * ```
 */
export function modelColumns(model: LoyaltyModel): Record<string, ColumnDeclaration> {
  const out: Record<string, ColumnDeclaration> = {};
  const add = (column: string | undefined, declaration: ColumnDeclaration): void => {
    if (column === undefined || out[column] !== undefined) return;
    out[column] = declaration;
  };
  const number: ColumnDeclaration = { type: 'number' };
  const flag: ColumnDeclaration = { type: 'number', min: 0, max: 1, integer: true };
  const ordered: ColumnDeclaration = { type: 'number', integer: true };
  add(model.id, { type: 'string' });
  add(model.weight, { type: 'number', min: 0 });
  add(model.wave, {});
  for (const scale of Object.values(model.scales)) {
    const range: ColumnDeclaration = {
      type: 'number',
      ...(scale.min === undefined ? {} : { min: scale.min }),
      ...(scale.max === undefined ? {} : { max: scale.max }),
      ...(scale.integer === undefined ? {} : { integer: scale.integer }),
    };
    for (const item of scale.items) add(item, range);
  }
  for (const outcome of model.outcomes) {
    if (model.scales[outcome.column] !== undefined) continue;
    add(outcome.column, outcome.kind === 'binary' ? flag : outcome.kind === 'ordinal' ? ordered : number);
  }
  if (model.recommend) add(model.recommend.column, { type: 'number', min: 0, max: 10, integer: true });
  if (model.csat) add(model.csat.column, number);
  if (model.loyaltyIndex) {
    for (const item of model.loyaltyIndex.items) add(item, { type: 'number', min: model.loyaltyIndex.min, max: model.loyaltyIndex.max });
  }
  add(model.retained, flag);
  const s = model.segmentation;
  if (s) {
    for (const c of [...measureColumns(s.attitude, model), ...measureColumns(s.behaviour, model)]) add(c, number);
    add(s.lockIn, flag);
    add(s.revenue, number);
    for (const c of s.profile ?? []) add(c, {});
  }
  add(model.design?.strata, {});
  add(model.design?.clusters, {});
  add(model.design?.fpc, { type: 'number', min: 0 });
  for (const c of Object.keys(model.raking?.margins ?? {})) add(c, {});
  for (const k of Object.values(model.paths?.constructs ?? {})) {
    for (const item of k.items)
      add(item, { type: 'number', ...(k.min === undefined ? {} : { min: k.min }), ...(k.max === undefined ? {} : { max: k.max }) });
  }
  for (const [column, declared] of Object.entries(model.columns)) {
    const implied = out[column] ?? {};
    const merged: ColumnDeclaration = { ...implied, ...declared };
    // A declared "string" column drops the implied numeric range.
    out[column] = declared.type === 'string' ? declared : merged;
  }
  return out;
}
