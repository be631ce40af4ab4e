/**
 * Turns the inputs of {@link trendChart} (a compareWaves result, or per-wave index results) into
 * chart rows, taking every number from the results.
 * @internal
 */
import { InputError } from '../errors.js';
import type { CsatResult } from '../indices/csat.js';
import type { CustomerLoyaltyIndexResult } from '../indices/customerLoyaltyIndex.js';
import type { NpsResult } from '../indices/nps.js';
import type { RepeatPurchaseResult } from '../indices/repeatPurchaseRate.js';
import type { RetentionResult } from '../indices/retentionRate.js';
import { normalQuantile, tQuantile } from '../internal/distributions.js';
import type { CompareWavesResult, WaveComparison, WaveSummary } from '../monitoring/waveTypes.js';
import type { Interval } from '../types.js';

/** A measure of a compareWaves result that {@link trendChart} can draw. */
export type TrendMeasure = 'nps' | 'csat' | 'customerLoyaltyIndex' | 'retention' | 'drivers' | 'importance';

/** An estimate computed elsewhere (a published figure, or any of the library's `{ estimate, confidenceInterval }` results). */
export interface TrendEstimate {
  readonly estimate: number;
  readonly confidenceInterval?: Interval;
  readonly n?: number;
}

/** An index result {@link trendChart} reads: nps, csat, customerLoyaltyIndex, retentionRate/churnRate or repeatPurchaseRate. */
export type TrendIndexResult = NpsResult | CsatResult | CustomerLoyaltyIndexResult | RetentionResult | RepeatPurchaseResult;

/** One wave's value of one series, for {@link trendChart}. */
export interface TrendPoint {
  readonly wave: string | number;
  /** Series name when several lines share the chart (default: one series). */
  readonly series?: string;
  readonly result: TrendIndexResult | TrendEstimate;
}

/** One point of {@link trendChart}. */
export interface TrendDatum {
  /** The wave as a label (numbers become strings), in wave order. */
  readonly wave: string;
  readonly waveOrder: number;
  readonly series: string;
  readonly estimate: number;
  readonly lower?: number;
  readonly upper?: number;
  readonly n?: number;
  /** Change from `changeFrom` (compareWaves input), in the estimate's units, with its interval and p-value (absent for bootstrap differences). */
  readonly changeFrom?: string;
  readonly change?: number;
  readonly changeLower?: number;
  readonly changeUpper?: number;
  readonly pValue?: number;
}

/** What the y axis shows. @internal */
export interface TrendUnits {
  /** Axis title. */
  readonly title: string;
  /** What the chart shows, in a sentence: 'NPS', 'the retention rate'. */
  readonly noun: string;
  /** 'percent' for proportions (0-1), else the number of decimals shown. */
  readonly format: 'percent' | number;
  /** Noun of a change, e.g. 'points'. */
  readonly changeUnit: string;
  readonly confidenceLevel: number | null;
  /** Whether the intervals are bootstrap percentile intervals. */
  readonly bootstrap?: boolean;
}

const UNITS: Readonly<Record<string, Omit<TrendUnits, 'confidenceLevel'>>> = {
  nps: { title: 'NPS', noun: 'NPS', format: 1, changeUnit: ' points' },
  csat: { title: 'CSAT (% satisfied)', noun: 'CSAT', format: 1, changeUnit: ' points' },
  customerLoyaltyIndex: { title: 'Customer Loyalty Index', noun: 'the Customer Loyalty Index', format: 1, changeUnit: ' points' },
  retention: { title: 'Retention rate', noun: 'the retention rate', format: 'percent', changeUnit: ' percentage points' },
  // Keyed by the `method` of an index result (kebab-case) as well as by trend measure.
  'customer-loyalty-index': { title: 'Customer Loyalty Index', noun: 'the Customer Loyalty Index', format: 1, changeUnit: ' points' },
  'retention-rate': { title: 'Retention rate', noun: 'the retention rate', format: 'percent', changeUnit: ' percentage points' },
  'churn-rate': { title: 'Churn rate', noun: 'the churn rate', format: 'percent', changeUnit: ' percentage points' },
  'repeat-purchase-rate': {
    title: 'Repeat purchase rate',
    noun: 'the repeat purchase rate',
    format: 'percent',
    changeUnit: ' percentage points',
  },
  drivers: { title: 'Driver mean', noun: 'driver means', format: 2, changeUnit: '' },
  importance: { title: 'Importance', noun: 'driver importance', format: 3, changeUnit: '' },
};

const waveLabel = (w: string | number) => String(w);

function intervalOf(ci: unknown): { lower: number; upper: number } | undefined {
  if (ci === undefined) return undefined;
  if (!Array.isArray(ci) || ci.length !== 2 || !ci.every((v) => typeof v === 'number' && Number.isFinite(v))) return undefined;
  return { lower: ci[0] as number, upper: ci[1] as number };
}

/** Rows from per-wave index results. @internal */
export function pointsFromResults(points: readonly TrendPoint[]): { rows: TrendDatum[]; units: TrendUnits } {
  if (points.length === 0) {
    throw new InputError('EMPTY_INPUT', 'points: expected at least one { wave, result }', {
      argument: 'points',
      expected: 'a non-empty array',
    });
  }
  const order = new Map<string, number>();
  const kinds = new Set<string>();
  const levels = new Set<number>();
  const rows = points.map((p, i): TrendDatum => {
    const where = `points[${i}]`;
    if (
      p === null ||
      typeof p !== 'object' ||
      (typeof p.wave !== 'string' && typeof p.wave !== 'number') ||
      p.result === null ||
      typeof p.result !== 'object'
    ) {
      throw new InputError('INVALID_OPTION', `${where}: expected { wave, series?, result } with a wave label and a result`, {
        argument: where,
        expected: '{ wave, result }',
      });
    }
    if (p.series !== undefined && typeof p.series !== 'string') {
      throw new InputError('INVALID_OPTION', `${where}.series: expected a string`, { argument: `${where}.series`, expected: 'a string' });
    }
    const r = p.result as unknown as Record<string, unknown>;
    const method = typeof r['method'] === 'string' ? (r['method'] as string) : 'estimate';
    const estimate = r['estimate'];
    if (typeof estimate !== 'number' || !Number.isFinite(estimate)) {
      throw new InputError(
        'INVALID_OPTION',
        `${where}.result: expected an nps, csat, customerLoyaltyIndex, retentionRate, churnRate or repeatPurchaseRate result, or { estimate, confidenceInterval? }`,
        {
          argument: `${where}.result`,
          expected: 'an index result or { estimate }',
        },
      );
    }
    const interval = intervalOf(r['confidenceInterval']);
    if (r['confidenceInterval'] !== undefined && interval === undefined) {
      throw new InputError('INVALID_OPTION', `${where}.result.confidenceInterval: expected [lower, upper]`, {
        argument: `${where}.result.confidenceInterval`,
        expected: '[lower, upper]',
      });
    }
    kinds.add(method);
    if (typeof r['confidenceLevel'] === 'number') levels.add(r['confidenceLevel']);
    const wave = waveLabel(p.wave);
    if (!order.has(wave)) order.set(wave, order.size);
    const n = typeof r['n'] === 'number' ? r['n'] : undefined;
    return { wave, waveOrder: order.get(wave)!, series: p.series ?? '', estimate, ...(interval ?? {}), ...(n === undefined ? {} : { n }) };
  });
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.series}\u0000${row.wave}`;
    if (seen.has(key)) {
      throw new InputError('INVALID_OPTION', `points: wave "${row.wave}"${row.series ? ` of series "${row.series}"` : ''} appears twice`, {
        argument: 'points',
        expected: 'one point per wave and series',
      });
    }
    seen.add(key);
  }
  const kind = kinds.size === 1 ? [...kinds][0]! : 'estimate';
  const base = UNITS[kind] ?? { title: 'Estimate', noun: 'the estimate', format: 2, changeUnit: '' };
  return { rows, units: { ...base, confidenceLevel: levels.size === 1 ? [...levels][0]! : null } };
}

function changeOf(comparison: WaveComparison | undefined, measure: TrendMeasure, driver: string): Partial<TrendDatum> {
  if (comparison === undefined) return {};
  const from = { changeFrom: waveLabel(comparison.from) };
  const test = (c: { estimate: number; confidenceInterval: Interval; pValue: number } | null | undefined, scale = 1) =>
    c
      ? {
          ...from,
          change: scale * c.estimate,
          changeLower: scale * c.confidenceInterval[0],
          changeUpper: scale * c.confidenceInterval[1],
          pValue: c.pValue,
        }
      : {};
  switch (measure) {
    case 'nps':
      return test(comparison.nps);
    // compareProportions works in proportion units; the CSAT estimates are in points (x 100).
    case 'csat':
      return test(comparison.csat, 100);
    case 'retention':
      return test(comparison.retention);
    case 'customerLoyaltyIndex':
      return test(comparison.customerLoyaltyIndex);
    case 'drivers':
      return test(comparison.drivers?.[driver]);
    case 'importance': {
      const d = comparison.importance?.drivers[driver];
      return d ? { ...from, change: d.estimate, changeLower: d.confidenceInterval[0], changeUpper: d.confidenceInterval[1] } : {};
    }
  }
}

/** Rows of one measure of a compareWaves result. @internal */
export function pointsFromWaves(
  result: CompareWavesResult,
  measure: TrendMeasure,
  drivers: readonly string[] | undefined,
): { rows: TrendDatum[]; units: TrendUnits } {
  const level = result.confidenceLevel;
  const byTo = new Map(result.comparisons.map((c) => [waveLabel(c.to), c]));
  const rows: TrendDatum[] = [];
  const available = (w: WaveSummary) => (measure === 'drivers' ? w.drivers : measure === 'importance' ? w.importance : w[measure]);
  if (result.waves.every((w) => available(w) === null)) {
    throw new InputError(
      'INVALID_OPTION',
      `options.measure: the compareWaves result has no ${measure}; run compareWaves with options.${measure}`,
      {
        argument: 'options.measure',
        value: measure,
        expected: 'a measure the result holds',
      },
    );
  }
  result.waves.forEach((w, order) => {
    const wave = waveLabel(w.wave);
    const comparison = byTo.get(wave);
    if (measure === 'drivers' || measure === 'importance') {
      const names = measure === 'drivers' ? Object.keys(w.drivers?.means ?? {}) : Object.keys(w.importance?.importance ?? {});
      for (const driver of names) {
        if (drivers !== undefined && !drivers.includes(driver)) continue;
        if (measure === 'drivers') {
          const m = w.drivers!.means[driver]!;
          const n = w.drivers!.n;
          // Unweighted: t on n - 1 df (R t.test); weighted: normal (survey's confint of svymean).
          const q = m.standardDeviation === null ? normalQuantile(0.5 + level / 2) : tQuantile(0.5 + level / 2, n - 1);
          rows.push({
            wave,
            waveOrder: order,
            series: driver,
            estimate: m.mean,
            lower: m.mean - q * m.standardError,
            upper: m.mean + q * m.standardError,
            n,
            ...changeOf(comparison, measure, driver),
          });
        } else {
          const imp = w.importance!;
          const band = imp.intervals?.[driver];
          rows.push({
            wave,
            waveOrder: order,
            series: driver,
            estimate: imp.importance[driver]!,
            ...(band ? { lower: band.confidenceInterval[0], upper: band.confidenceInterval[1] } : {}),
            n: imp.n,
            ...changeOf(comparison, measure, driver),
          });
        }
      }
      return;
    }
    const e = w[measure];
    if (e === null) return;
    rows.push({
      wave,
      waveOrder: order,
      series: '',
      estimate: e.estimate,
      lower: e.confidenceInterval[0],
      upper: e.confidenceInterval[1],
      n: e.n,
      ...changeOf(comparison, measure, ''),
    });
  });
  if (rows.length === 0) {
    throw new InputError('INVALID_OPTION', `options.drivers: none of ${JSON.stringify(drivers)} is a driver of the result`, {
      argument: 'options.drivers',
      expected: 'driver names of the result',
    });
  }
  const base = UNITS[measure]!;
  const importanceLevel = result.bootstrap?.confidenceLevel ?? null;
  const title =
    measure === 'importance' && result.importance
      ? `Importance (${result.importance.metric}) for ${result.importance.outcome}`
      : base.title;
  return {
    rows,
    units: { ...base, title, confidenceLevel: measure === 'importance' ? importanceLevel : level, bootstrap: measure === 'importance' },
  };
}
