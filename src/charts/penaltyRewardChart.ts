import { optionKeys } from '../internal/options.js';
import type { KanoClass, PenaltyRewardResult } from '../importance/penaltyReward.js';
import {
  PALETTE,
  formatLevel,
  formatNumber,
  frame,
  listText,
  readChartOptions,
  readLabels,
  requireResult,
  type ChartOptions,
  type ChartSpec,
} from './chartBase.js';

/** Options of {@link penaltyRewardChart}. */
export interface PenaltyRewardChartOptions extends ChartOptions {
  /** Display names of the drivers. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** One bar of {@link penaltyRewardChart}: a driver's penalty or reward. */
export interface PenaltyRewardDatum {
  readonly driver: string;
  readonly label: string;
  /** `'penalty'` (low group, drawn left of zero when negative) or `'reward'` (high group). */
  readonly part: 'penalty' | 'reward';
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly kanoClass: KanoClass;
  /** `'Low group (score <= 2)'`: what the bar contrasts with the middle group. */
  readonly group: string;
}

const PARTS = ['penalty', 'reward'] as const;

/**
 * The penalty-reward chart: per driver, the penalty (the low group's effect on the outcome, a
 * bar left of zero when failing hurts) and the reward (the high group's, right of zero), each
 * with its interval, and the driver's Kano class written beside it. A driver whose left bar is
 * longer is a basic factor, a longer right bar an excitement factor.
 *
 * Method: every number is the {@link loyalty-drivers!penaltyReward} result's: the regression
 * coefficients and their intervals (the bootstrap percentile intervals when the result has a
 * bootstrap, else the t intervals). Drivers are drawn in the result's order; colours are
 * Okabe-Ito (vermillion penalty, blue reward), and the bars' side tells them apart as well.
 *
 * @param result - A {@link loyalty-drivers!penaltyReward} result.
 * @param options - `labels`, and the common `width` (default 420), `height` (default 34 per driver), `title`, `subtitle`, `description`.
 * @returns A Vega-Lite v6 spec; `data.values` holds one {@link PenaltyRewardDatum} per driver and part.
 * @throws InputError `INVALID_OPTION` (not a penaltyReward result, bad options).
 *
 * @example
 * ```ts
 * import { penaltyReward } from 'loyalty-drivers';
 * import { penaltyRewardChart } from 'loyalty-drivers/charts';
 * const rows = [
 *   { y: 1, a: 1, b: 3 }, { y: 2, a: 1, b: 5 }, { y: 6, a: 3, b: 1 }, { y: 7, a: 3, b: 3 },
 *   { y: 8, a: 5, b: 5 }, { y: 7, a: 5, b: 1 }, { y: 5, a: 3, b: 3 }, { y: 6, a: 3, b: 5 },
 *   { y: 1, a: 1, b: 3 }, { y: 7, a: 5, b: 3 }, { y: 6, a: 3, b: 1 }, { y: 7, a: 5, b: 3 },
 * ];
 * const spec = penaltyRewardChart(penaltyReward(rows, { outcome: 'y', drivers: ['a', 'b'] }));
 * spec.data.values.map((d) => d.part); // => ['penalty', 'reward', 'penalty', 'reward']
 * spec.data.values[0].estimate; // => -4.71794...
 * spec.data.values[0].kanoClass; // => 'basic'
 * ```
 */
export function penaltyRewardChart(result: PenaltyRewardResult, options: PenaltyRewardChartOptions = {}): ChartSpec<PenaltyRewardDatum> {
  const common = readChartOptions(options, optionKeys<Omit<PenaltyRewardChartOptions, keyof ChartOptions>>({ labels: true }));
  const r = requireResult<PenaltyRewardResult>(result, 'penalty-reward', 'result', 'penaltyReward()');
  const label = readLabels(options.labels, 'options.labels');
  const boot = r.bootstrap;
  const values: PenaltyRewardDatum[] = r.drivers.flatMap((d) =>
    PARTS.map((part): PenaltyRewardDatum => {
      const ci = boot ? boot.drivers[d.driver]![part].confidenceInterval : d[part].confidenceInterval;
      const g = part === 'penalty' ? d.low : d.high;
      return {
        driver: d.driver,
        label: label(d.driver),
        part,
        estimate: d[part].estimate,
        lower: ci[0],
        upper: ci[1],
        kanoClass: d.kanoClass,
        group: `${part === 'penalty' ? 'Low' : 'High'} group (score ${part === 'penalty' ? '<=' : '>='} ${formatNumber(g.cut, 2).replace(/\.?0+$/, '')})`,
      };
    }),
  );
  const level = boot ? boot.confidenceLevel : r.options.confidenceLevel;
  const intervalText = `${formatLevel(level)} ${boot ? `bootstrap percentile intervals (${formatNumber(boot.replicates)} resamples)` : 't intervals'}`;
  const classes = (['basic', 'performance', 'excitement', 'unclassified'] as const)
    .map((k) => {
      const members = r.drivers.filter((d) => d.kanoClass === k).map((d) => label(d.driver));
      return members.length === 0 ? '' : `${k}: ${listText(members)}`;
    })
    .filter(Boolean);
  const perDriver = r.drivers.map(
    (d) =>
      `${label(d.driver)} penalty ${formatNumber(d.penalty.estimate, 2)}, reward ${formatNumber(d.reward.estimate, 2)} (${d.kanoClass})`,
  );
  const description = `Penalty-reward chart of ${r.drivers.length} drivers of ${r.outcome}: for each driver, the change in ${r.outcome} of its low group (penalty) and its high group (reward) against its middle group, with ${intervalText}. ${perDriver.join('; ')}. Classes: ${classes.join('; ')}.`;
  const y = { field: 'label', type: 'nominal', title: null, sort: null };
  const x = { field: 'estimate', type: 'quantitative', title: `Change in ${r.outcome} against the middle group` };
  const colour = { field: 'part', type: 'nominal', title: null, scale: { domain: [...PARTS], range: [PALETTE.vermillion, PALETTE.blue] } };
  const spec = {
    ...frame(common, {
      chart: 'penalty-reward',
      title: 'Penalty and reward of the drivers',
      subtitle: `${r.outcome}, n = ${formatNumber(r.n)}${r.weighted ? ' (weighted)' : ''}; ${intervalText}`,
      description,
      width: 420,
      height: Math.max(80, 34 * r.drivers.length),
    }),
    data: { values },
    layer: [
      {
        mark: { type: 'bar', height: 12, tooltip: true },
        encoding: {
          y,
          yOffset: { field: 'part', sort: [...PARTS] },
          x,
          color: colour,
          tooltip: [
            { field: 'label', type: 'nominal', title: 'Driver' },
            { field: 'group', type: 'nominal', title: 'Group' },
            { field: 'estimate', type: 'quantitative', title: 'Estimate', format: '.3f' },
            { field: 'lower', type: 'quantitative', title: 'Lower', format: '.3f' },
            { field: 'upper', type: 'quantitative', title: 'Upper', format: '.3f' },
            { field: 'kanoClass', type: 'nominal', title: 'Class' },
          ],
        },
      },
      {
        mark: { type: 'rule', color: PALETTE.ink },
        encoding: { y, yOffset: { field: 'part', sort: [...PARTS] }, x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } },
      },
      {
        data: { values: [{ estimate: 0 }] },
        mark: { type: 'rule', color: PALETTE.muted },
        encoding: { x: { field: 'estimate', type: 'quantitative' } },
      },
      {
        transform: [{ filter: "datum.part === 'reward'" }],
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 11, fontStyle: 'italic', color: PALETTE.muted },
        encoding: { y, x: { aggregate: 'max', field: 'upper', type: 'quantitative' }, text: { field: 'kanoClass', type: 'nominal' } },
      },
    ],
  };
  return spec as ChartSpec<PenaltyRewardDatum>;
}
