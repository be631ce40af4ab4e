/**
 * The table of loyalty indices (one row per index), shared by the command-line tool and the
 * report. CSAT is in percent satisfied (as the library gives it); retention and churn, which the
 * library gives as proportions, are shown in percent here (`scale` 100), so a level and its change
 * between waves read in the same unit.
 *
 * @module indices/indexRows
 * @internal
 */
import { numberCell, textCell, type ResultRows } from '../internal/resultRows.js';
import type { CsatResult } from './csat.js';
import type { CustomerLoyaltyIndexResult } from './customerLoyaltyIndex.js';
import type { NpsResult } from './nps.js';
import type { RetentionResult } from './retentionRate.js';

/** The indices of an analysis (or of the `indices` command). */
export interface IndexResults {
  readonly nps?: NpsResult;
  readonly npsWeighted?: NpsResult;
  readonly csat?: CsatResult;
  readonly customerLoyaltyIndex?: CustomerLoyaltyIndexResult;
  readonly retention?: RetentionResult;
}

/** Columns of {@link indexRows}. */
export type IndexColumn = 'index' | 'estimate' | 'standardError' | 'lower' | 'upper' | 'n' | 'unit' | 'method';

/** What an index row is: which index (churn: one minus retention), where it sits, its report words. */
export interface IndexMeta {
  readonly key: 'nps' | 'npsWeighted' | 'csat' | 'customerLoyaltyIndex' | 'retention' | 'churn';
  /** Key of the result in the indices (`retention` for churn). */
  readonly result: 'nps' | 'npsWeighted' | 'csat' | 'customerLoyaltyIndex' | 'retention';
  /** The report's words for the unit and the interval. */
  readonly unitTitle: string;
  readonly intervalMethod: string | null;
  readonly weighted: boolean;
}

type Row = ResultRows<IndexColumn, IndexMeta>['rows'][number];

const INTERVAL_NAMES: Readonly<Record<string, string>> = {
  'adjusted-wald': 'adjusted Wald (Rocks)',
  wald: 'Wald',
  wilson: 'Wilson',
  t: 't',
};

/** The report's name of an interval method (`, weighted` when weighted). */
export function intervalTitle(method: string | null, weighted: boolean): string {
  if (method === null) return '';
  const text = INTERVAL_NAMES[method] ?? method;
  return weighted ? `${text}, weighted` : text;
}

/** One row per index present; paths relative to the indices. */
export function indexRows(i: IndexResults): ResultRows<IndexColumn, IndexMeta> {
  const rows: Row[] = [];
  const add = (
    key: IndexMeta['key'],
    result: IndexMeta['result'],
    label: string,
    r: {
      estimate: number;
      standardError: number;
      confidenceInterval: readonly [number, number];
      n: number;
      intervalMethod: string;
      weighted: boolean;
    },
    unit: string,
    unitTitle: string,
    method: string,
    scale = 1,
  ) => {
    const complement = key === 'churn';
    const shown = { scale, complement };
    rows.push({
      meta: { key, result, unitTitle, intervalMethod: complement ? null : r.intervalMethod, weighted: r.weighted },
      index: textCell(label),
      estimate: numberCell(r.estimate, [result, 'estimate'], shown),
      standardError: numberCell(r.standardError, [result, 'standardError'], { scale }),
      // Churn's lower bound is one minus retention's upper bound.
      lower: numberCell(r.confidenceInterval[complement ? 1 : 0], [result, 'confidenceInterval', complement ? 1 : 0], shown),
      upper: numberCell(r.confidenceInterval[complement ? 0 : 1], [result, 'confidenceInterval', complement ? 0 : 1], shown),
      n: numberCell(r.n, [result, 'n']),
      unit: textCell(unit, unitTitle),
      method: textCell(method, complement ? unitTitle : intervalTitle(r.intervalMethod, r.weighted)),
    });
  };
  if (i.nps) add('nps', 'nps', 'NPS', i.nps, 'points', 'points', `${i.nps.intervalMethod} interval`);
  if (i.npsWeighted) add('npsWeighted', 'npsWeighted', 'NPS (weighted)', i.npsWeighted, 'points', 'points', 'Taylor SE, Wald interval');
  if (i.csat)
    add(
      'csat',
      'csat',
      'CSAT',
      i.csat,
      '% satisfied',
      '% satisfied',
      `${INTERVAL_NAMES[i.csat.intervalMethod] ?? i.csat.intervalMethod} interval${i.csat.weighted ? ', weighted' : ''}`,
    );
  const cli = i.customerLoyaltyIndex;
  if (cli) {
    const net = cli.convention === 'net';
    add(
      'customerLoyaltyIndex',
      'customerLoyaltyIndex',
      'Customer Loyalty Index',
      cli,
      net ? 'net points' : '0-100',
      net ? 'mean of net scores, points' : 'mean of the item means, rescaled so the scale runs from zero to a hundred',
      `${cli.convention} convention${cli.weighted ? ', weighted' : ''}`,
    );
  }
  if (i.retention) {
    const r = i.retention;
    add(
      'retention',
      'retention',
      'Retention rate',
      r,
      '% retained',
      'share retained',
      `${INTERVAL_NAMES[r.intervalMethod] ?? r.intervalMethod} interval${r.weighted ? ', weighted' : ''}`,
      100,
    );
    add('churn', 'retention', 'Churn rate', r, '% churned', 'one minus the retention rate', '1 - retention', 100);
  }
  return {
    columns: {
      index: { text: 'index', title: 'Index', numeric: false },
      estimate: { text: 'estimate', title: 'Estimate', numeric: true },
      standardError: { text: 'standard error', title: 'Standard error', numeric: true },
      lower: { text: 'lower', title: 'Lower', numeric: true },
      upper: { text: 'upper', title: 'Upper', numeric: true },
      n: { text: 'n', title: 'n', numeric: true },
      unit: { text: 'unit', title: 'Unit', numeric: false },
      method: { text: 'method', title: 'Interval', numeric: false },
    },
    rows,
  };
}
