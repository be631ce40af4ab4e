/**
 * Report section: relative importance of the drivers (with bootstrap intervals when present),
 * dominance, and the importance-performance priorities.
 * @internal
 */
import type { OutcomeAnalysis } from '../analysis/analyze.js';
import type { ImportancePerformanceResult } from '../importance/importancePerformance.js';
import type { PenaltyRewardResult } from '../importance/penaltyReward.js';
import type { NecessaryConditionsResult } from '../importance/necessaryConditions.js';
import type { RelativeImportanceResult } from '../importance/relativeImportance.js';
import { at, coded, escapeHtml, LEVEL, messages, name, NONE, num, pText, type Ref, sentenceName, table } from './markup.js';
import { fitIndexName } from '../charts/metricNames.js';
import type { ReportSection, SectionContext } from './section.js';
import { dominanceRows, importanceOf, importanceRows, priorityRows, shareOf } from '../importance/importanceRows.js';
import { reportRows } from './resultCells.js';

const METRIC_LABELS: Readonly<Record<string, string>> = {
  lmg: 'LMG (Shapley)',
  first: 'First',
  last: 'Last',
  betasq: 'Beta squared',
  pratt: 'Pratt',
  car: 'CAR',
  johnson: 'Relative weight',
  genizi: 'Genizi',
};

const DOMINANCE_WORDS = { 1: 'dominates', 0.5: 'neither', 0: 'is dominated' } as const;

function relation(rule: string, high: boolean): string {
  const side = high ? 'above' : 'below';
  return rule === 'mean' ? `${side} average` : rule === 'median' ? `${side} the median` : `${side} the cut`;
}

/** Index of a driver in the priorities' `drivers`. */
function driverIndex(p: ImportancePerformanceResult, driver: string): number {
  return p.drivers.findIndex((d) => d.driver === driver);
}

/** The fit index the importance decomposes: R², or a pseudo-R² of a binary or ordinal outcome. */
function fitName(imp: RelativeImportanceResult): string {
  return fitIndexName(imp.fitIndex);
}

/** "of the explained variance", or "of the pseudo-R²" for a binary or ordinal outcome. */
function explained(imp: RelativeImportanceResult): string {
  return fitName(imp) === 'R²' ? 'the explained variance' : fitName(imp);
}

/** "Trust matters most (31.3% of the explained variance) and performs below average: concentrate here." */
function reading(o: OutcomeAnalysis, r: Ref): string {
  const imp = o.importance!;
  const ir = at(r, 'importance');
  const metric = imp.metrics.includes('lmg') ? 'lmg' : imp.metrics[0]!;
  const order = [...imp.predictors].sort((a, b) => imp.ranks[metric]![a]! - imp.ranks[metric]![b]!);
  const top = order[0]!;
  const second = order[1]!;
  const share = (d: string) => num(ir, ['shares', metric, d], { percent: true, digits: 1 });
  // Tied at the top: the bootstrap interval of their difference includes zero.
  const difference = imp.bootstrap?.differences[metric]?.find(
    (d) => (d.first === top && d.second === second) || (d.first === second && d.second === top),
  );
  const tied = difference !== undefined && difference.confidenceInterval[0] <= 0 && difference.confidenceInterval[1] >= 0;
  const lead = tied
    ? `${sentenceName(top)} and ${name(second)} matter most (${share(top)} and ${share(second)} of ${explained(imp)}; the bootstrap does not separate them)`
    : `${sentenceName(top)} matters most (${share(top)} of ${explained(imp)})`;
  const p = o.priorities;
  if (!p) return `${lead} for ${name(o.outcome)}.`;
  const pr = at(r, 'priorities');
  const below = relation(p.cuts.performanceRule, false);
  const above = relation(p.cuts.performanceRule, true);
  const focus = p.priorityOrder.map((d) => p.drivers[driverIndex(p, d)]!).find((d) => d.quadrant === 'concentrate here')?.driver;
  const focusShare = focus === undefined ? '' : num(pr, ['drivers', driverIndex(p, focus), 'importance'], { percent: true, digits: 1 });
  if (!tied) {
    if (focus === top) return `${lead} and performs ${below}: concentrate here.`;
    if (focus === undefined) return `${lead} and performs ${above}; no important driver performs ${below}.`;
    return `${lead} and performs ${above}; ${name(focus)} (${focusShare}) matters too but performs ${below}: concentrate there.`;
  }
  if (focus === top || focus === second) return `${lead}; ${name(focus)} performs ${below}: concentrate there.`;
  if (focus === undefined) return `${lead}; both perform ${above}: keep up the good work.`;
  return `${lead}; both perform ${above}, while ${name(focus)} (${focusShare}) matters too but performs ${below}: concentrate there.`;
}

function importanceTable(imp: RelativeImportanceResult, r: Ref): string {
  const ir = at(r, 'importance');
  const boot = imp.bootstrap;
  const metric = imp.metrics.includes('lmg') ? 'lmg' : imp.metrics[0]!;
  const intervals = boot?.shareIntervals[metric];
  const others = imp.metrics.filter((m) => m !== metric);
  const pct = { percent: true, digits: 1 };
  const all = importanceRows(imp);
  const t = reportRows({ ...all, rows: [...all.rows].sort((a, b) => a.meta.rank - b.meta.rank) }, ir, [
    { id: 'driver', format: 'name' },
    { id: 'rank', format: { digits: 0 } },
    {
      id: importanceOf(metric),
      format: { digits: 3 },
      label: `${METRIC_LABELS[metric] ?? metric}, ${fitName(imp) === 'R²' ? 'R²' : 'pseudo-R²'} units`,
    },
    { id: shareOf(metric), format: pct, label: `${METRIC_LABELS[metric] ?? metric} share` },
    ...(intervals
      ? [
          { id: 'lower' as const, format: pct },
          { id: 'upper' as const, format: pct },
        ]
      : []),
    ...others.map((m) => ({ id: shareOf(m), format: pct, label: `${METRIC_LABELS[m] ?? m} share` })),
  ]);
  const label = METRIC_LABELS[metric] ?? metric;
  const bootText = boot
    ? `; ${num(ir, ['bootstrap', 'confidenceLevel'], LEVEL)} percentile bootstrap intervals from ${num(ir, ['bootstrap', 'replicates'], { digits: 0, grouped: true })} resamples, seed ${num(ir, ['bootstrap', 'seed'], { digits: 0 })}`
    : '';
  return table(
    `Relative importance of the drivers of ${name(imp.outcome)} (${fitName(imp)} ${num(ir, 'rSquared', { digits: 3 })}, n = ${num(ir, 'n', { digits: 0, grouped: true })}${bootText})`,
    t.columns,
    t.rows,
    `${escapeHtml(label)}: the driver's average gain in ${escapeHtml(fitName(imp))} over every order of entering the drivers (its Shapley value); shares divide by ${escapeHtml(fitName(imp))}.${fitName(imp) === 'R²' ? '' : ' The pseudo-R² comes from the logistic fits of every subset of drivers.'} The other columns are the shares by the other relaimpo metrics, for comparison.`,
  );
}

function dominanceTable(o: OutcomeAnalysis, r: Ref): string {
  const dom = o.dominance!;
  const dr = at(r, 'dominance');
  const all = dominanceRows(dom);
  const word = (key: 'complete' | 'conditional' | 'general') => (m: { i: number; j: number }) =>
    key === 'complete' && !dom.complete ? NONE : coded(dr, [key, m.i, m.j], DOMINANCE_WORDS);
  const t = reportRows({ ...all, rows: all.rows.filter((row) => row.meta.j > row.meta.i) }, dr, [
    { id: 'driver', format: 'name' },
    { id: 'otherDriver', format: 'name' },
    { id: 'complete', format: 'text', render: word('complete') },
    { id: 'conditional', format: 'text', render: word('conditional') },
    { id: 'general', format: 'text', render: word('general') },
  ]);
  return table(
    `Dominance analysis of ${name(dom.outcome)}: does the first driver dominate the second?`,
    t.columns,
    t.rows,
    'Complete: adds more R² in every subset of the other drivers; conditional: on average at every model size; general: on average overall (Azen and Budescu).',
  );
}

function prioritiesTable(p: ImportancePerformanceResult, r: Ref, asymmetry?: PenaltyRewardResult): string {
  const pr = at(r, 'priorities');
  const t = reportRows(priorityRows(p, asymmetry), pr, [
    { id: 'priority', format: { digits: 0 } },
    { id: 'driver', format: 'name' },
    { id: 'importance', format: { percent: true, digits: 1 } },
    { id: 'performance', format: { digits: 1 } },
    { id: 'mean', format: { digits: 2 } },
    { id: 'quadrant', format: 'text' },
    ...(asymmetry ? [{ id: 'kanoClass' as const, format: 'text' as const }] : []),
  ]);
  return table(
    `Priorities for ${name(p.outcome)}: importance (${escapeHtml(METRIC_LABELS[p.metric] ?? p.metric)} share) against performance (mean score rescaled so the scale runs from zero to a hundred)`,
    t.columns,
    t.rows,
    `Cuts: importance ${num(pr, ['cuts', 'importance'], { percent: true, digits: 1 })} (${escapeHtml(p.cuts.importanceRule)} over the drivers), performance ${num(pr, ['cuts', 'performance'], { digits: 1 })} (${escapeHtml(p.cuts.performanceRule)}). Concentrate here: important, performing below the cut; keep up the good work: important and performing; low priority: less important, performing below the cut; possible overkill: less important, performing above it.${asymmetry ? ' Asymmetry: the Kano class from the penalty-reward analysis below.' : ''}`,
  );
}

const KANO_WORDS: Readonly<Record<string, string>> = {
  basic: 'hurts more when it fails than it helps when it excels',
  excitement: 'helps more when it excels than it hurts when it fails',
};

/** Penalty and reward per driver, with the class and the rule. */
function asymmetryTable(a: PenaltyRewardResult, r: Ref): string {
  const ar = at(r, 'asymmetry');
  const columns = [
    { label: 'Driver' },
    { label: 'Low group', numeric: true },
    { label: 'Penalty', numeric: true },
    { label: 'High group', numeric: true },
    { label: 'Reward', numeric: true },
    { label: 'Reward + penalty', numeric: true },
    { label: 'p', numeric: true },
    { label: 'Class' },
  ];
  const rows = a.drivers.map((d, j) => [
    name(d.driver),
    `≤ ${num(ar, ['drivers', j, 'low', 'cut'], { digits: 2 })} (${num(ar, ['drivers', j, 'low', 'share'], { percent: true, digits: 0 })})`,
    num(ar, ['drivers', j, 'penalty', 'estimate'], { digits: 2 }),
    `≥ ${num(ar, ['drivers', j, 'high', 'cut'], { digits: 2 })} (${num(ar, ['drivers', j, 'high', 'share'], { percent: true, digits: 0 })})`,
    num(ar, ['drivers', j, 'reward', 'estimate'], { digits: 2 }),
    num(ar, ['drivers', j, 'asymmetry', 'estimate'], { digits: 2 }),
    pText(ar, ['drivers', j, 'asymmetry', 'pValue']),
    escapeHtml(d.kanoClass),
  ]);
  const named = a.drivers.filter((d) => KANO_WORDS[d.kanoClass]).map((d) => `${name(d.driver)} ${KANO_WORDS[d.kanoClass]}`);
  return table(
    `Penalty and reward of the drivers of ${name(a.outcome)} (regression on low and high dummies, n = ${num(ar, 'n', { digits: 0, grouped: true })})`,
    columns,
    rows,
    `${named.length > 0 ? `${named.join('; ')}. ` : ''}Penalty: the change in ${name(a.outcome)} of the low group against the middle group, others held fixed (negative when failing hurts); reward: the same for the high group. Basic: reward + penalty significantly below zero; excitement: significantly above; performance: neither, with a penalty or a reward that differs from zero; unclassified: neither differs from zero (after Brandt, and Matzler and Sauerwein).`,
  );
}

/** Necessary conditions: the effect sizes and the level each driver needs for the top outcome. */
function necessityTable(nca: NecessaryConditionsResult, r: Ref): string {
  const nr = at(r, 'necessity');
  const top = nca.bottlenecks['ce-fdh']!.length - 1;
  const columns = [
    { label: 'Driver' },
    { label: 'Effect size d, CE-FDH', numeric: true },
    { label: 'Effect size d, CR-FDH', numeric: true },
    { label: 'Level needed for the highest outcome (CE-FDH, percent of the driver range)', numeric: true },
  ];
  const rows = nca.conditions.map((c, j) => {
    const cell = nca.bottlenecks['ce-fdh']![top]!.conditions[c.condition]!;
    return [
      name(c.condition),
      num(nr, ['conditions', j, 'ceilings', 0, 'effectSize'], { digits: 2 }),
      num(nr, ['conditions', j, 'ceilings', 1, 'effectSize'], { digits: 2 }),
      cell.status === 'required'
        ? num(nr, ['bottlenecks', 'ce-fdh', top, 'conditions', c.condition, 'percent'], { digits: 0 })
        : escapeHtml(cell.status === 'not-necessary' ? 'not necessary' : 'not attainable'),
    ];
  });
  return table(
    `Necessary conditions for ${name(nca.outcome)} (n = ${num(nr, 'n', { digits: 0, grouped: true })})`,
    columns,
    rows,
    'Effect size: the empty share of the scope above the ceiling (Dul): below a tenth small, up to three tenths medium, up to a half large, beyond very large. The last column is the driver level (percent of its observed range) below which no respondent reached the highest outcome.',
  );
}

/** The importance section, or undefined when no outcome has an importance analysis. */
export function importanceSection(ctx: SectionContext): ReportSection | undefined {
  const outcomes = ctx.analysis.outcomes
    .map((o, k) => ({ o, r: at(ctx.root, 'outcomes', k) }))
    .filter(({ o }) => o.importance !== undefined);
  if (outcomes.length === 0) return undefined;
  const several = outcomes.length > 1;
  const body = outcomes
    .map(({ o, r }) =>
      [
        several ? `<h3>${sentenceName(o.outcome)}</h3>\n<p>${reading(o, r)}</p>` : '',
        ctx.figure(`importance:${o.outcome}`),
        importanceTable(o.importance!, r),
        messages(o.importance!.warnings.map((w) => w.message)),
        o.dominance ? dominanceTable(o, r) : '',
        // The collinearity cautions are the importance result's; dominance adds only its own.
        messages((o.dominance?.warnings ?? []).filter((w) => w.code === 'DOMINANCE_UNDETERMINED').map((w) => w.message)),
        o.priorities
          ? `${several ? '<h4>' : '<h3>'}Priorities${several ? '</h4>' : '</h3>'}\n${ctx.figure(`priorities:${o.outcome}`)}\n${prioritiesTable(o.priorities, r, o.asymmetry)}`
          : '',
        o.asymmetry ? `${ctx.figure(`asymmetry:${o.outcome}`)}\n${asymmetryTable(o.asymmetry, r)}` : '',
        messages((o.asymmetry?.warnings ?? []).map((w) => w.message)),
        o.necessity ? necessityTable(o.necessity, r) : '',
      ]
        .filter((s) => s !== '')
        .join('\n'),
    )
    .join('\n');
  return { id: 'importance', title: 'Driver importance and priorities', reading: reading(outcomes[0]!.o, outcomes[0]!.r), body };
}
