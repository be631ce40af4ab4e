/**
 * The `compareWaves` options a model file implies, shared by `analyze` and the tool's `compare`.
 * @internal
 */
import type { BootstrapPlan } from '../internal/options.js';
import type { LoyaltyModel } from '../model/types.js';
import type { CompareWavesOptions, WaveValue } from '../monitoring/waveTypes.js';
import { modelMeasure } from './modelMeasure.js';

/** The NPS settings of the model's recommend question, as the index functions take them. */
export function recommendOptions(model: LoyaltyModel): { column: string; promoterMin: number; detractorMax: number } | undefined {
  const r = model.recommend;
  return r ? { column: r.column, promoterMin: r.promoterMin, detractorMax: r.detractorMax } : undefined;
}

export interface WaveSettings {
  readonly wave: string;
  readonly baseline?: WaveValue;
  /** A checked bootstrap request (`checkBootstrap`), or null for none. */
  readonly bootstrap: BootstrapPlan | null;
  readonly confidenceLevel: number;
  readonly weights?: string;
  readonly missingCodes?: readonly number[];
}

/**
 * Indices, driver means and (with two or more drivers and a continuous outcome) importance per
 * wave; with the model's `id` and `segmentation`, the segment transitions of a panel.
 */
export function waveOptions(model: LoyaltyModel, s: WaveSettings): CompareWavesOptions {
  const drivers = model.drivers;
  const continuous = model.outcomes.find((o) => o.kind === 'continuous');
  const li = model.loyaltyIndex;
  const segmentation = model.segmentation;
  return {
    wave: s.wave,
    baseline: s.baseline,
    nps: recommendOptions(model),
    csat: model.csat ? { column: model.csat.column, satisfiedMin: model.csat.satisfiedMin } : undefined,
    retention: model.retained,
    customerLoyaltyIndex: li ? { items: li.items, scale: { min: li.min, max: li.max } } : undefined,
    drivers: drivers.length > 0 ? Object.fromEntries(drivers.map((d) => [d, model.scales[d]!])) : undefined,
    importance:
      continuous && drivers.length >= 2
        ? {
            outcome: continuous.column,
            bootstrap: s.bootstrap
              ? { replicates: s.bootstrap.replicates, seed: s.bootstrap.seed, confidenceLevel: s.bootstrap.confidenceLevel }
              : false,
          }
        : undefined,
    weights: s.weights,
    confidenceLevel: s.confidenceLevel,
    missingCodes: s.missingCodes,
    ...(model.id !== undefined && segmentation
      ? {
          id: model.id,
          segments: {
            attitude: modelMeasure(model, segmentation.attitude),
            behaviour: modelMeasure(model, segmentation.behaviour),
            attitudeCut: segmentation.attitudeCut,
            behaviourCut: segmentation.behaviourCut,
            revenue: typeof segmentation.revenue === 'string' ? segmentation.revenue : undefined,
          },
        }
      : {}),
  };
}
