/**
 * The part of a design an estimate uses, summarized (its strata, PSUs and degrees of freedom);
 * the covariance of several totals is `designCovariance` in linearization.ts.
 * @module survey/designCovariance
 * @internal
 */
import type { DesignSummary } from './design.js';
import { lonelyStrata, type PreparedDesign } from './linearization.js';

/**
 * The {@link DesignSummary} of the part of a design an estimate uses (rows with `inDomain(row)`
 * and a positive weight): its strata and PSUs, and `degreesOfFreedom` = PSUs - strata among them,
 * as R `degf` of the design subset to those rows.
 */
export function domainDesignSummary(d: PreparedDesign, inDomain: (row: number) => boolean, designEffect: number | null): DesignSummary {
  const psus = new Set<number>();
  const strata = new Set<number>();
  for (let i = 0; i < d.n; i++) {
    if (!(d.weights[i]! > 0) || !inDomain(i)) continue;
    psus.add(d.psu[i]!);
    strata.add(d.psuStratum[d.psu[i]!]!);
  }
  return {
    strata: strata.size,
    clusters: psus.size,
    degreesOfFreedom: psus.size - strata.size,
    finitePopulationCorrection: d.hasFpc,
    lonelyPsu: d.lonelyPsu,
    lonelyStrata: lonelyStrata(d),
    designEffect,
  };
}
