/**
 * The `paths` section of {@link analyze}: the model file's path model (`model.paths`) estimated
 * by PLS, with the bootstrap of the analysis (paths, effects, mediation) and the
 * importance-performance map of the target.
 * @internal
 */
import type { BootstrapPlan } from '../internal/options.js';
import type { LoyaltyModel } from '../model/types.js';
import { importancePerformanceOfFit } from '../pls/importancePerformanceOfFit.js';
import { plsPathModel } from '../pls/plsPathModel.js';
import type { PlsImportancePerformanceResult, PlsPathModelResult } from '../pls/types.js';
import type { SufficientStatistics } from '../summary/sufficientStatistics.js';
import type { Row, Warning } from '../types.js';
import type { SkippedSection } from './analyze.js';
import { attempt } from './sections.js';

/** The path model of an analysis: the PLS estimates and, with a `target`, the importance-performance map. */
export interface PathsAnalysis {
  /**
   * The `plsPathModel` result, without the per-respondent construct scores (`scores: null`, so a
   * large survey's analysis stays small; `plsPathModel` on the rows gives them).
   */
  readonly model: PlsPathModelResult;
  readonly importancePerformance?: PlsImportancePerformanceResult;
}

/** Rows with the reverse-worded items recoded `min + max - x` (missing codes and non-numbers left as they are). */
function recoded(rows: readonly Row[], model: LoyaltyModel, missingCodes: readonly number[] | undefined): readonly Row[] {
  const flips = Object.values(model.paths!.constructs).flatMap((k) => k.reverse.map((item) => [item, k.min! + k.max!] as const));
  if (flips.length === 0) return rows;
  const codes = new Set(missingCodes ?? []);
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const [item, top] of flips) {
      const v = row[item];
      if (typeof v === 'number' && !codes.has(v)) out[item] = top - v;
    }
    return out;
  });
}

/**
 * Sufficient statistics with the reverse-worded items recoded `min + max - x`: the mean becomes
 * `min + max - mean`, and the item's cross-products with every other item change sign (exact:
 * the variance is unchanged).
 */
function recodedStatistics(s: SufficientStatistics, model: LoyaltyModel): SufficientStatistics {
  const top = new Map(Object.values(model.paths!.constructs).flatMap((k) => k.reverse.map((item) => [item, k.min! + k.max!] as const)));
  if (top.size === 0) return s;
  const sign = s.variables.map((v) => (top.has(v) ? -1 : 1));
  return {
    ...s,
    means: s.means.map((m, j) => (top.has(s.variables[j]!) ? top.get(s.variables[j]!)! - m : m)),
    sscp: s.sscp.map((row, j) => row.map((x, l) => x * sign[j]! * sign[l]!)),
  };
}

/** The file columns `model.paths` reads (the constructs' items), in order. */
export function pathItems(model: LoyaltyModel): string[] {
  return [...new Set(Object.values(model.paths?.constructs ?? {}).flatMap((k) => k.items))];
}

/**
 * Estimates `model.paths` on `rows`, or on the listwise sufficient statistics of its items
 * (unweighted; the streaming analyze: the same estimates, no bootstrap); a data-dependent failure is a skipped section (`paths`,
 * `paths-ipma`). PLS is unweighted: with `model.weight` a `PLS_UNWEIGHTED` warning says so.
 */
export function pathsSection(
  rows: readonly Row[] | SufficientStatistics,
  model: LoyaltyModel,
  run: {
    readonly bootstrap: BootstrapPlan | null;
    readonly missingCodes: readonly number[] | undefined;
    readonly progress: (step: string, completed?: number, total?: number) => void;
    /** Throw a data-dependent failure instead of skipping the section (the command-line tool's `paths`). */
    readonly strict?: boolean;
  },
  skipped: SkippedSection[],
  warnings: Warning[],
): PathsAnalysis | undefined {
  const p = model.paths;
  if (p === undefined) return undefined;
  run.progress('path model');
  const fromStatistics = !Array.isArray(rows);
  const data = fromStatistics
    ? recodedStatistics(rows as SufficientStatistics, model)
    : recoded(rows as readonly Row[], model, run.missingCodes);
  const missing = model.missing ?? 'omit';
  const incomplete = missing === 'pairwise' || missing === 'fiml';
  if (model.weight !== undefined) {
    warnings.push({
      code: 'PLS_UNWEIGHTED',
      message: `paths: the PLS path model is estimated unweighted (model.weight "${model.weight}" is not used)`,
    });
  }
  if (run.bootstrap && fromStatistics) {
    warnings.push({
      code: 'BOOTSTRAP_NOT_RUN',
      message:
        'paths: no bootstrap of the path model when analyze streams a file (it resamples rows): run `loyalty-drivers paths` for its intervals',
    });
  } else if (run.bootstrap && incomplete) {
    warnings.push({
      code: 'BOOTSTRAP_NOT_RUN',
      message: `paths: no bootstrap of the path model under model.missing "${missing}" (the bootstrap resamples complete rows)`,
    });
  }
  const constructs = Object.fromEntries(
    Object.entries(p.constructs).map(([name, k]) => [name, { items: k.items, mode: k.mode, type: k.type }]),
  );
  const spec = {
    constructs,
    paths: p.relationships.map((r) => [r.from, r.to] as const),
    scheme: p.scheme,
    ...(fromStatistics ? {} : { missing, missingCodes: run.missingCodes }),
  };
  const b = run.bootstrap;
  const guard = <T>(section: string, f: () => T): T | undefined => (run.strict ? f() : attempt(skipped, section, undefined, f));
  const fit = guard('paths', () =>
    plsPathModel(data, {
      ...spec,
      bootstrap:
        b && !incomplete && !fromStatistics
          ? {
              replicates: b.replicates,
              seed: b.seed,
              confidenceLevel: b.confidenceLevel,
              onProgress: b.onProgress ?? ((done, total) => run.progress('bootstrap', done, total)),
            }
          : false,
      intervalMethod: p.intervalMethod,
    }),
  );
  if (fit === undefined) return undefined;
  const target = p.target;
  const ipma =
    target === undefined
      ? undefined
      : guard('paths-ipma', () =>
          // The map of the model just estimated (its point estimates do not depend on the bootstrap).
          importancePerformanceOfFit(data, fit, {
            target,
            scale: Object.fromEntries(Object.entries(p.constructs).map(([name, k]) => [name, { min: k.min!, max: k.max! }])),
            ...(fromStatistics ? {} : { missingCodes: run.missingCodes }),
          }),
        );
  return { model: { ...fit, scores: null }, ...(ipma === undefined ? {} : { importancePerformance: ipma }) };
}
