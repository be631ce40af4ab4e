/**
 * Turns the library's result objects into output sections: a data table (for CSV and as the
 * fallback for people) plus, where the library has one, its own text summary.
 */
import { fitIndexLabel } from '../importance/formatRelativeImportance.js';
import type { Analysis } from '../analysis/analyze.js';
import { formatDominanceAnalysis } from '../importance/formatDominanceAnalysis.js';
import { formatRelativeImportance } from '../importance/formatRelativeImportance.js';
import type { DominanceAnalysisResult } from '../importance/dominanceAnalysis.js';
import type { ImportancePerformanceResult } from '../importance/importancePerformance.js';
import type { PenaltyRewardResult } from '../importance/penaltyReward.js';
import type { NecessaryConditionsResult } from '../importance/necessaryConditions.js';
import type { RelativeImportanceResult } from '../importance/relativeImportance.js';
import type { WhatIfResult } from '../importance/whatIf.js';
import { dominanceRows, importanceOf, importanceRows, mainMetric, priorityRows, shareOf } from '../importance/importanceRows.js';
import { whatIfRows } from '../importance/whatIfRows.js';
import { formatReliability } from '../measurement/formatReliability.js';
import { correlationRows, htmtRows, reliabilityRows, withDriver } from '../measurement/measurementRows.js';
import type { DriverCorrelationsResult } from '../measurement/driverCorrelations.js';
import type { HtmtResult } from '../measurement/htmt.js';
import type { ReliabilityResult } from '../measurement/reliability.js';
import type { CompareWavesResult } from '../monitoring/waveTypes.js';
import { waveChangeRows, waveEstimateRows } from '../monitoring/waveRows.js';
import { formatLogisticRegression } from '../regression/formatLogisticRegression.js';
import { formatOls } from '../regression/formatOls.js';
import { logisticRows, olsRows } from '../regression/regressionRows.js';
import { plainRows } from '../internal/resultRows.js';
import { indexRows, type IndexResults } from '../indices/indexRows.js';
import type { LogisticResult, OlsResult } from '../regression/types.js';
import type { ProfileSegmentsResult } from '../segmentation/profileTypes.js';
import type { SegmentLoyaltyResult } from '../segmentation/segmentLoyalty.js';
import { profileRows, segmentRows, segmentTestRows } from '../segmentation/segmentRows.js';
import type { Warning } from '../types.js';
import { formatCell, type Section } from './output.js';
import { pathSections } from './pathSections.js';

/** The indices of an analysis (or the `indices` command) as one table. */
export function indicesSection(indices: IndexResults): Section {
  return {
    table: {
      title: 'Loyalty indices',
      ...plainRows(indexRows(indices), ['index', 'estimate', 'standardError', 'lower', 'upper', 'n', 'unit', 'method']),
    },
  };
}

/** Reliability per scale (text: the measurement module's summary). */
export function reliabilitySections(rel: ReliabilityResult, validity?: HtmtResult, correlations?: DriverCorrelationsResult): Section[] {
  const out: Section[] = [
    {
      table: {
        title: 'Reliability',
        ...plainRows(reliabilityRows(rel), ['scale', 'items', 'n', 'alpha', 'standardizedAlpha', 'omegaTotal', 'ave']),
      },
      text: formatReliability(rel),
    },
  ];
  if (validity) {
    out.push({
      table: {
        title: 'Discriminant validity (HTMT)',
        ...plainRows(htmtRows(validity), ['scale', 'otherScale', 'value', 'overConservative', 'overLiberal']),
        note:
          validity.warnings.length > 0 ? validity.warnings.map((w) => w.message).join(' ') : 'No pair over 0.85: the drivers are distinct.',
      },
    });
  }
  if (correlations) {
    out.push({
      table: {
        title: `Driver correlations (n = ${correlations.n}${policyNote(correlations.missing.policy)}, condition number ${correlations.conditionNumber.toFixed(2)})`,
        ...plainRows(correlationRows(correlations), ['driver', ...correlations.drivers.map(withDriver), 'vif', 'mean', 'sd']),
        note: correlations.warnings.length > 0 ? correlations.warnings.map((w) => w.message).join(' ') : undefined,
      },
    });
  }
  return out;
}

/** An OLS or logistic fit (text: R-style summary). */
export function regressionSection(fit: OlsResult | LogisticResult): Section {
  if (fit.method === 'logistic') {
    return {
      table: {
        title: `Logistic regression of ${fit.outcome}`,
        ...plainRows(logisticRows(fit), ['term', 'estimate', 'standardError', 'zStatistic', 'pValue', 'lower', 'upper', 'oddsRatio']),
        note: warningNote(fit.warnings),
      },
      text: formatLogisticRegression(fit),
    };
  }
  return {
    table: {
      title: `Regression of ${fit.outcome}`,
      ...plainRows(olsRows(fit), ['term', 'estimate', 'standardError', 'tStatistic', 'pValue', 'lower', 'upper', 'standardized', 'vif']),
      note: warningNote(fit.warnings),
    },
    text: formatOls(fit),
  };
}

/** Relative importance, with bootstrap intervals of the shares when present. */
export function importanceSections(imp: RelativeImportanceResult, dominance?: DominanceAnalysisResult): Section[] {
  const intervals = imp.bootstrap?.shareIntervals[mainMetric(imp)] !== undefined;
  const out: Section[] = [
    {
      table: {
        title: `Driver importance for ${imp.outcome} (${fitIndexLabel(imp.fitIndex, imp.family)} ${imp.rSquared.toFixed(4)})`,
        ...plainRows(importanceRows(imp), [
          'driver',
          ...imp.metrics.map(importanceOf),
          ...imp.metrics.map(shareOf),
          'rank',
          ...(intervals ? (['lower', 'upper'] as const) : []),
        ]),
        note: warningNote(imp.warnings),
      },
      text: formatRelativeImportance(imp),
    },
  ];
  if (dominance) {
    out.push({
      table: {
        title: `Dominance analysis for ${dominance.outcome}`,
        ...plainRows(dominanceRows(dominance), ['driver', 'otherDriver', 'complete', 'conditional', 'general']),
        note: warningNote(dominance.warnings),
      },
      text: formatDominanceAnalysis(dominance),
    });
  }
  return out;
}

const QUADRANT_READING: Record<string, string> = {
  'concentrate here': 'important and performing below the cut: improve first',
  'keep up the good work': 'important and performing well',
  'low priority': 'less important and performing below the cut',
  'possible overkill': 'less important but performing well',
};

/** Importance-performance priorities, with a one-line reading. */
export function prioritiesSection(p: ImportancePerformanceResult, asymmetry?: PenaltyRewardResult): Section {
  const ordered = p.priorityOrder.map((name) => p.drivers.find((d) => d.driver === name)!);
  const top = ordered[0];
  return {
    table: {
      title: `Priorities for ${p.outcome} (importance: ${p.metric} share; performance: mean on 0-100)`,
      ...plainRows(priorityRows(p, asymmetry), [
        'priority',
        'driver',
        'importance',
        'performance',
        'quadrant',
        ...(asymmetry ? (['kanoClass'] as const) : []),
      ]),
      note: top
        ? `${top.driver} comes first: ${QUADRANT_READING[top.quadrant] ?? top.quadrant}. Cuts: importance ${p.cuts.importance.toFixed(3)} (${p.cuts.importanceRule}), performance ${p.cuts.performance.toFixed(1)} (${p.cuts.performanceRule}).`
        : undefined,
    },
  };
}

/** Penalty-reward analysis: penalty, reward, their sum and the Kano class per driver. */
export function penaltyRewardSection(a: PenaltyRewardResult): Section {
  return {
    table: {
      title: `Penalty and reward of the drivers of ${a.outcome} (low and high groups against the middle)`,
      columns: ['driver', 'lowCut', 'penalty', 'highCut', 'reward', 'asymmetry', 'pValue', 'class'],
      rows: a.drivers.map((d) => [
        d.driver,
        d.low.cut,
        d.penalty.estimate,
        d.high.cut,
        d.reward.estimate,
        d.asymmetry.estimate,
        d.asymmetry.pValue,
        d.kanoClass,
      ]),
      note: `asymmetry = reward + penalty; basic when significantly below 0, excitement when above, performance otherwise (unclassified when neither penalty nor reward differs from 0).${a.warnings.length > 0 ? ` ${a.warnings.map((w) => w.message).join(' ')}` : ''}`,
    },
  };
}

/** Necessary-condition analysis: effect sizes and the level needed for the highest outcome. */
export function necessitySection(nca: NecessaryConditionsResult): Section {
  const top = nca.bottlenecks['ce-fdh']!.length - 1;
  return {
    table: {
      title: `Necessary conditions for ${nca.outcome} (NCA, n = ${nca.n})`,
      columns: ['driver', 'dCeFdh', 'dCrFdh', 'neededForTop'],
      rows: nca.conditions.map((c) => {
        const cell = nca.bottlenecks['ce-fdh']![top]!.conditions[c.condition]!;
        return [
          c.condition,
          c.ceilings[0]!.effectSize,
          c.ceilings[1]?.effectSize ?? null,
          cell.status === 'required' ? cell.percent : cell.status,
        ];
      }),
      note: 'd: share of the scope above the ceiling (0.1 small, 0.3 medium, 0.5 large); neededForTop: CE-FDH level (percent of the driver range) needed for the highest outcome.',
    },
  };
}

/**
 * What-if effects of raising each driver. The NPS columns are on the model's complete cases, so
 * `headlineNps` (the NPS of every answer) is named beside them when it differs.
 */
export function whatIfSection(effects: readonly WhatIfResult[], headlineNps?: { estimate: number; n: number }): Section {
  const withNps = effects.some((e) => e.nps !== null);
  const n = effects[0]?.n;
  const headline = headlineNps ? ` The headline NPS, ${formatCell(headlineNps.estimate, 1)}, is on all ${headlineNps.n} answers.` : '';
  return {
    table: {
      title: `What if a driver rises by ${effects[0]?.delta ?? 1} point(s)`,
      ...plainRows(whatIfRows(effects), [
        'driver',
        'change',
        'lower',
        'upper',
        ...(withNps ? (['npsNow', 'npsPredicted', 'npsChange', 'npsPredictedLower', 'npsPredictedUpper'] as const) : []),
      ]),
      ...(withNps && n !== undefined
        ? { note: `NPS now and predicted are on the ${n} complete cases of the model (every column of the regression present).${headline}` }
        : {}),
    },
  };
}

/** Segment sizes and profiles. */
export function segmentSections(seg: SegmentLoyaltyResult, profile?: ProfileSegmentsResult): Section[] {
  const out: Section[] = [
    {
      table: {
        title: `Loyalty segments (attitude: ${seg.measures.attitude.name} > ${seg.cuts.attitude.value}; behaviour: ${seg.measures.behaviour.name} > ${formatCut(seg.cuts.behaviour.value)})`,
        ...plainRows(segmentRows(seg), ['segment', 'label', 'count', 'share']),
        note: `${seg.n} rows segmented; ${seg.missing.rowsDropped} without a segment (missing or undefined attitude or behaviour). Counts and shares are unweighted.`,
      },
    },
  ];
  if (!profile) return out;
  const weights = profile.options.weights;
  out.push({
    table: {
      title: `Segment profiles${profile.weighted ? ` (weighted by ${weights ?? 'the weights'})` : ''}`,
      ...plainRows(profileRows(profile), ['measure', ...profile.segments]),
      decimalsBy: 'row',
      ...(profile.weighted ? { note: 'Sizes are respondents (unweighted); shares, means, NPS and revenue are weighted.' } : {}),
    },
  });
  out.push({
    table: {
      title: 'Differences across segments (unweighted)',
      ...plainRows(segmentTestRows(profile), ['variable', 'test', 'statistic', 'df', 'pValue']),
      note: profile.warnings.length > 0 ? profile.warnings.map((w) => w.message).join(' ') : undefined,
    },
  });
  return out;
}

function formatCut(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(4);
}

/** Per-wave indices and the tests of their changes. */
export function waveSections(w: CompareWavesResult): Section[] {
  const estimates = waveEstimateRows(w);
  // People read a wave at a time: the rows wave by wave, each wave's measures in the rows' order.
  const perWave = { ...estimates, rows: estimates.rows.filter((r) => r.meta.present).sort((x, y) => x.meta.wave - y.meta.wave) };
  const summary = plainRows(perWave, ['wave', 'measure', 'estimate', 'standardError', 'lower', 'upper', 'n', 'unit']);
  const changes = plainRows(waveChangeRows(w), [
    'waves',
    'measure',
    'estimate',
    'standardError',
    'lower',
    'upper',
    'unit',
    'statistic',
    'pValue',
    'test',
    'reading',
  ]);
  const transitions: Section[] = w.comparisons.flatMap((c) => {
    const t = c.transitions;
    if (!t) return [];
    const test = (x: typeof t.symmetry) =>
      x ? `chi-square ${x.statistic.toFixed(2)} on ${x.df} df, p = ${formatCell(x.pValue, 4)}` : 'not computed';
    return [
      {
        table: {
          title: `Segment transitions from wave ${t.from} to wave ${t.to} (${t.n} respondents in both; rows: earlier segment)`,
          columns: ['from', ...t.segments.map((s) => `to ${s}`), 'n'],
          rows: t.segments.map((s, i) => [s, ...t.counts[i]!, t.counts[i]!.reduce((a, b) => a + b, 0)]),
          note: `Stayed: ${(100 * t.stayed).toFixed(1)}%. Stuart-Maxwell (shares unchanged): ${test(t.marginalHomogeneity)}. McNemar-Bowker (symmetric moves): ${test(t.symmetry)}.${t.nps ? ` NPS change ${t.nps.estimate.toFixed(1)} points.` : ''}${t.revenue ? ` Revenue change per respondent ${t.revenue.estimate.toFixed(2)}.` : ''}`,
        },
      },
    ];
  });
  return [
    { table: { title: `Waves (${w.wave})`, ...summary } },
    { table: { title: 'Changes between waves (later minus earlier)', ...changes } },
    ...transitions,
  ];
}

/** Every section of an analysis, in reading order. */
export function analysisSections(a: Analysis): Section[] {
  const out: Section[] = [indicesSection(a.indices)];
  if (a.measurement) out.push(...reliabilitySections(a.measurement.reliability, a.measurement.htmt, a.measurement.driverCorrelations));
  for (const o of a.outcomes) {
    out.push(regressionSection(o.regression));
    if (o.importance) out.push(...importanceSections(o.importance, o.dominance));
    if (o.priorities) out.push(prioritiesSection(o.priorities, o.asymmetry));
    if (o.asymmetry) out.push(penaltyRewardSection(o.asymmetry));
    if (o.necessity) out.push(necessitySection(o.necessity));
    if (o.whatIf && o.whatIf.length > 0) out.push(whatIfSection(o.whatIf, a.indices.nps));
  }
  if (a.segmentation) out.push(...segmentSections(a.segmentation.segments, a.segmentation.profile));
  if (a.waves) out.push(...waveSections(a.waves));
  if (a.paths) out.push(...pathSections(a.paths.model, a.paths.importancePerformance));
  return out;
}

/** A table's note from a result's warnings (codes kept, so a script can grep them); none when empty. */
function warningNote(warnings: readonly Warning[]): string | undefined {
  return warnings.length > 0 ? warnings.map((w) => `${w.code}: ${w.message}`).join(' ') : undefined;
}

/** How a section treated missing answers, for its title (empty for listwise). */
function policyNote(policy: string): string {
  return policy === 'fiml' ? ', FIML' : policy === 'pairwise' ? ', pairwise: smallest pair' : '';
}
