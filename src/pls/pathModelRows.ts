/**
 * The tables of a path model (paths, constructs, effects, mediation, importance-performance),
 * shared by the command-line tool and the report. Paths are relative to the `plsPathModel`
 * result (the `importancePerformance` table: to the `plsImportancePerformance` result).
 *
 * @module pls/pathModelRows
 * @internal
 */
import { EMPTY_CELL, numberCell, textCell, type ResultRows } from '../internal/resultRows.js';
import type { PlsBootstrapEstimate, PlsImportancePerformanceResult, PlsPathModelResult } from './types.js';

/** Columns of the path table. */
export type PathColumn =
  | 'from'
  | 'to'
  | 'estimate'
  | 'standardError'
  | 'tStatistic'
  | 'pValue'
  | 'lower'
  | 'upper'
  | 'significant'
  | 'fSquared'
  | 'vif';
/** Columns of the construct table. */
export type ConstructColumn =
  | 'construct'
  | 'kind'
  | 'items'
  | 'rSquared'
  | 'adjustedRSquared'
  | 'cronbachAlpha'
  | 'rhoA'
  | 'compositeReliability'
  | 'averageVarianceExtracted';
/** Columns of the effects table. */
export type EffectColumn = 'from' | 'to' | 'direct' | 'indirect' | 'total' | 'totalLower' | 'totalUpper';
/** Columns of the mediation table. */
export type MediationColumn =
  | 'from'
  | 'to'
  | 'indirect'
  | 'indirectLower'
  | 'indirectUpper'
  | 'direct'
  | 'directLower'
  | 'directUpper'
  | 'type';
/** Columns of the importance-performance table. */
export type IpmaColumn = 'construct' | 'importance' | 'standardizedImportance' | 'performance' | 'quadrant' | 'priority';

/** The tables of a path model; `mediation` null without a bootstrap, `importancePerformance` null without an IPMA. */
export interface PathModelRows {
  readonly paths: ResultRows<PathColumn>;
  readonly constructs: ResultRows<ConstructColumn, { readonly items: readonly string[] }>;
  readonly effects: ResultRows<EffectColumn>;
  readonly mediation: ResultRows<MediationColumn> | null;
  readonly importancePerformance: ResultRows<IpmaColumn> | null;
}

const MEDIATION_WORDS: Readonly<Record<string, string>> = {
  complementary: 'complementary mediation',
  competitive: 'competitive mediation',
  'indirect-only': 'indirect-only mediation',
  'direct-only': 'direct only (no mediation)',
  'no-effect': 'no effect',
};

function significant(b: PlsBootstrapEstimate | undefined): boolean | null {
  if (b === undefined) return null;
  const [lo, hi] = b.confidenceInterval;
  return lo > 0 || hi < 0;
}

/** The tables of `fit` (and of its importance-performance map `ipma`, when given). */
export function pathModelRows(fit: PlsPathModelResult, ipma?: PlsImportancePerformanceResult): PathModelRows {
  const boot = fit.bootstrap;
  const paths: ResultRows<PathColumn> = {
    columns: {
      from: { text: 'from', title: 'From', numeric: false },
      to: { text: 'to', title: 'To', numeric: false },
      estimate: { text: 'path', title: 'Path coefficient', numeric: true },
      standardError: { text: 'SE', title: 'Bootstrap SE', numeric: true },
      tStatistic: { text: 't', title: 't', numeric: true },
      pValue: { text: 'p', title: 'p', numeric: true },
      lower: { text: 'lower', title: 'Lower', numeric: true },
      upper: { text: 'upper', title: 'Upper', numeric: true },
      significant: { text: 'significant', title: 'Significant', numeric: false },
      fSquared: { text: 'f2', title: 'f²', numeric: true },
      vif: { text: 'VIF', title: 'Inner VIF', numeric: true },
    },
    rows: fit.paths.map((p, k) => {
      const b = boot?.paths[k];
      const s = significant(b);
      return {
        meta: undefined,
        from: textCell(p.from),
        to: textCell(p.to),
        estimate: numberCell(p.estimate, ['paths', k, 'estimate']),
        standardError: numberCell(b?.standardError, ['bootstrap', 'paths', k, 'standardError']),
        tStatistic: numberCell(b?.tStatistic, ['bootstrap', 'paths', k, 'tStatistic']),
        pValue: numberCell(b?.pValue, ['bootstrap', 'paths', k, 'pValue']),
        lower: numberCell(b?.confidenceInterval[0], ['bootstrap', 'paths', k, 'confidenceInterval', 0]),
        upper: numberCell(b?.confidenceInterval[1], ['bootstrap', 'paths', k, 'confidenceInterval', 1]),
        significant: s === null ? EMPTY_CELL : { value: s, title: s ? 'yes' : 'no' },
        fSquared: numberCell(p.fSquared, ['paths', k, 'fSquared']),
        vif: numberCell(p.vif, ['paths', k, 'vif']),
      };
    }),
  };
  const constructs: PathModelRows['constructs'] = {
    columns: {
      construct: { text: 'construct', title: 'Construct', numeric: false },
      kind: { text: 'kind', title: 'Kind', numeric: false },
      items: { text: 'items', title: 'Items', numeric: false },
      rSquared: { text: 'R2', title: 'R²', numeric: true },
      adjustedRSquared: { text: 'adj. R2', title: 'Adjusted R²', numeric: true },
      cronbachAlpha: { text: 'alpha', title: 'Alpha', numeric: true },
      rhoA: { text: 'rhoA', title: 'rhoA', numeric: true },
      compositeReliability: { text: 'rhoC', title: 'rhoC', numeric: true },
      averageVarianceExtracted: { text: 'AVE', title: 'AVE', numeric: true },
    },
    rows: fit.constructNames.map((name) => {
      const c = fit.constructs[name]!;
      const kind = c.type === 'reflective' ? 'reflective (PLSc)' : c.items.length === 1 ? 'single item' : `composite, mode ${c.mode}`;
      const cell = (
        key: 'rSquared' | 'adjustedRSquared' | 'cronbachAlpha' | 'rhoA' | 'compositeReliability' | 'averageVarianceExtracted',
      ) => numberCell(c[key], ['constructs', name, key]);
      return {
        meta: { items: c.items },
        construct: textCell(name),
        kind: textCell(kind),
        items: textCell(c.items.join(', ')),
        rSquared: cell('rSquared'),
        adjustedRSquared: cell('adjustedRSquared'),
        cronbachAlpha: cell('cronbachAlpha'),
        rhoA: cell('rhoA'),
        compositeReliability: cell('compositeReliability'),
        averageVarianceExtracted: cell('averageVarianceExtracted'),
      };
    }),
  };
  const effects: ResultRows<EffectColumn> = {
    columns: {
      from: { text: 'from', title: 'From', numeric: false },
      to: { text: 'to', title: 'To', numeric: false },
      direct: { text: 'direct', title: 'Direct', numeric: true },
      indirect: { text: 'indirect', title: 'Indirect', numeric: true },
      total: { text: 'total', title: 'Total', numeric: true },
      totalLower: { text: 'total lower', title: 'Total, lower', numeric: true },
      totalUpper: { text: 'total upper', title: 'Total, upper', numeric: true },
    },
    rows: fit.effects.map((e, k) => {
      const b = boot?.totalEffects[k];
      return {
        meta: undefined,
        from: textCell(e.from),
        to: textCell(e.to),
        direct: numberCell(e.direct, ['effects', k, 'direct']),
        indirect: numberCell(e.indirect, ['effects', k, 'indirect']),
        total: numberCell(e.total, ['effects', k, 'total']),
        totalLower: numberCell(b?.confidenceInterval[0], ['bootstrap', 'totalEffects', k, 'confidenceInterval', 0]),
        totalUpper: numberCell(b?.confidenceInterval[1], ['bootstrap', 'totalEffects', k, 'confidenceInterval', 1]),
      };
    }),
  };
  const mediation: ResultRows<MediationColumn> | null = boot
    ? {
        columns: {
          from: { text: 'from', title: 'From', numeric: false },
          to: { text: 'to', title: 'To', numeric: false },
          indirect: { text: 'indirect', title: 'Indirect effect', numeric: true },
          indirectLower: { text: 'indirect lower', title: 'Lower', numeric: true },
          indirectUpper: { text: 'indirect upper', title: 'Upper', numeric: true },
          direct: { text: 'direct', title: 'Direct effect', numeric: true },
          directLower: { text: 'direct lower', title: 'Lower', numeric: true },
          directUpper: { text: 'direct upper', title: 'Upper', numeric: true },
          type: { text: 'type', title: 'Mediation (Zhao, Lynch & Chen)', numeric: false },
        },
        rows: boot.mediation.map((m, k) => {
          const at = ['bootstrap', 'mediation', k] as const;
          return {
            meta: undefined,
            from: textCell(m.from),
            to: textCell(m.to),
            indirect: numberCell(m.indirect.estimate, [...at, 'indirect', 'estimate']),
            indirectLower: numberCell(m.indirect.confidenceInterval[0], [...at, 'indirect', 'confidenceInterval', 0]),
            indirectUpper: numberCell(m.indirect.confidenceInterval[1], [...at, 'indirect', 'confidenceInterval', 1]),
            direct: numberCell(m.direct?.estimate, [...at, 'direct', 'estimate']),
            directLower: numberCell(m.direct?.confidenceInterval[0], [...at, 'direct', 'confidenceInterval', 0]),
            directUpper: numberCell(m.direct?.confidenceInterval[1], [...at, 'direct', 'confidenceInterval', 1]),
            type: textCell(m.type, MEDIATION_WORDS[m.type]),
          };
        }),
      }
    : null;
  const importancePerformance: ResultRows<IpmaColumn> | null = ipma
    ? {
        columns: {
          construct: { text: 'construct', title: 'Construct', numeric: false },
          importance: { text: 'importance', title: `Total effect on ${ipma.target} (unstandardized)`, numeric: true },
          standardizedImportance: { text: 'standardized', title: 'Total effect (standardized)', numeric: true },
          performance: { text: 'performance', title: 'Performance', numeric: true },
          quadrant: { text: 'quadrant', title: 'Quadrant', numeric: false },
          priority: { text: 'priority', title: 'Priority', numeric: true },
        },
        rows: ipma.constructs.map((c, k) => ({
          meta: undefined,
          construct: textCell(c.construct),
          importance: numberCell(c.importance, ['constructs', k, 'importance']),
          standardizedImportance: numberCell(c.standardizedImportance, ['constructs', k, 'standardizedImportance']),
          performance: numberCell(c.performance, ['constructs', k, 'performance']),
          quadrant: textCell(c.quadrant),
          priority: numberCell(c.priority, ['constructs', k, 'priority']),
        })),
      }
    : null;
  return { paths, constructs, effects, mediation, importancePerformance };
}
