/**
 * The loyalty indices of a survey from named columns: what `analyze` and the tool's `indices`
 * command both compute. Errors from an index that knows only `values[i]` are re-raised naming the
 * column, so callers (and the tool, which adds the file's line) can point at the cell.
 * @internal
 */
import { InputError, InsufficientDataError, LoyaltyError } from '../errors.js';
import { csat } from '../indices/csat.js';
import { customerLoyaltyIndex } from '../indices/customerLoyaltyIndex.js';
import { nps, type NpsIntervalMethod } from '../indices/nps.js';
import { retentionRate } from '../indices/retentionRate.js';
import type { SurveyDesign } from '../survey/design.js';
import type { Row } from '../types.js';
import type { Analysis } from './analyze.js';

/** Which columns hold which question, and how to read them. */
export interface IndexColumns {
  readonly recommend?: {
    readonly column: string;
    readonly promoterMin?: number;
    readonly detractorMax?: number;
    readonly intervalMethod?: NpsIntervalMethod;
  };
  readonly csat?: { readonly column: string; readonly satisfiedMin?: number };
  readonly loyaltyIndex?: {
    readonly items: readonly string[];
    readonly method?: 'mean' | 'net';
    readonly min?: number;
    readonly max?: number;
  };
  readonly retained?: string;
  readonly weights?: string;
  /** A survey design of column names (with its weights), instead of `weights`: design-based SEs. */
  readonly design?: SurveyDesign<string>;
  readonly missingCodes?: readonly number[];
  readonly confidenceLevel: number;
}

/** Runs an index on one column's values; a rejected value is re-raised naming the column. */
function forColumn<T>(column: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LoyaltyError && e.location.column === undefined && e.location.row !== undefined) {
      const message = e.message.replace(/^[\w.]+\[\d+\]:\s*/, '');
      const location = { ...e.location, column, argument: 'rows' };
      const text = `column "${column}", row ${e.location.row}: ${message}`;
      if (e instanceof InputError) throw new InputError(e.code, text, location);
      if (e instanceof InsufficientDataError) throw new InsufficientDataError(e.code, text, location);
    }
    throw e;
  }
}

/** NPS (unweighted, and weighted when a weight column is named), CSAT, CLI and retention. */
export function loyaltyIndices(rows: readonly Row[], c: IndexColumns): Analysis['indices'] {
  const column = (name: string) => rows.map((r) => r[name]);
  const d = c.design;
  // The weighted indices take either the weights or, with a design, the design as arrays.
  const w = d ? undefined : c.weights ? column(c.weights) : undefined;
  const design = d
    ? {
        weights: column(d.weights),
        ...(d.strata !== undefined ? { strata: column(d.strata) } : {}),
        ...(d.clusters !== undefined ? { clusters: column(d.clusters) } : {}),
        ...(d.fpc !== undefined ? { fpc: column(d.fpc) } : {}),
        ...(d.lonelyPsu !== undefined ? { lonelyPsu: d.lonelyPsu } : {}),
      }
    : undefined;
  const weighting = design ? { design } : { weights: w };
  const common = { missingCodes: c.missingCodes, confidenceLevel: c.confidenceLevel };
  const indices: { -readonly [K in keyof Analysis['indices']]: Analysis['indices'][K] } = {};
  const r = c.recommend;
  if (r) {
    const cuts = { promoterMin: r.promoterMin, detractorMax: r.detractorMax };
    indices.nps = forColumn(r.column, () => nps(column(r.column), { ...cuts, intervalMethod: r.intervalMethod, ...common }));
    if (w || design) indices.npsWeighted = forColumn(r.column, () => nps(column(r.column), { ...cuts, ...common, ...weighting }));
  }
  const s = c.csat;
  if (s) indices.csat = forColumn(s.column, () => csat(column(s.column), { satisfiedMin: s.satisfiedMin, ...common, ...weighting }));
  const li = c.loyaltyIndex;
  if (li) {
    indices.customerLoyaltyIndex = customerLoyaltyIndex(rows, {
      items: li.items,
      method: li.method,
      scale: li.min !== undefined && li.max !== undefined ? { min: li.min, max: li.max, integer: true } : undefined,
      ...common,
      ...(d ? { design: d } : { weights: c.weights }),
    });
  }
  const retained = c.retained;
  if (retained) indices.retention = forColumn(retained, () => retentionRate(column(retained), { ...common, ...weighting }));
  return indices;
}
