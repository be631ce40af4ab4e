/**
 * Every runtime export refuses an unknown option key with INVALID_OPTION, naming the key and
 * suggesting the nearest valid one (issue: "a typo silently changes an analysis").
 *
 * The table below must list every runtime export of every entry point, either with a valid call
 * into which the test splices an extra key, or as exempt with the reason it takes no options
 * object. A new export missing from both fails the "every export is listed" test.
 *
 * How each case is checked: first the call with `{ ...validOptions, zzUnknownKey: 1 }` must
 * throw INVALID_OPTION naming `zzUnknownKey`; its message lists the valid keys, and the test
 * then misspells the first of them (two adjacent letters swapped) and expects
 * `did you mean "<key>"?`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as main from '../../src/index.js';
import * as charts from '../../src/charts/index.js';
import * as io from '../../src/io/index.js';
import * as dataframe from '../../src/dataframe/index.js';
import * as report from '../../src/report/index.js';
import * as sql from '../../src/sql/index.js';
import { fixturePath, loadCsv } from '../helpers/fixtures.js';

type Options = Record<string, unknown>;
/** Calls the export with `options` merged into its (last) options argument. */
type Case = (options: Options) => unknown;

const rows = loadCsv('loyalty-survey.csv').slice(0, 400);
const modelText = readFileSync(new URL('../../examples/data/model.json', import.meta.url), 'utf8');
const model = main.parseModel(modelText);
const csv = fixturePath('loyalty-survey.csv');
const scales = { satisfaction: { items: ['sat1', 'sat2', 'sat3'] }, trust: { items: ['tru1', 'tru2', 'tru3'] } };
const drivers = ['sat1', 'img1', 'tru1'];
const recommend = rows.map((r) => r.recommend);
const fit = { outcome: 'recommend', predictors: drivers };
const analysis = main.analyze(rows, model);
const groups = [
  [1, 2, 3, 4],
  [2, 3, 4, 5, 6],
  [5, 6, 7, 8],
];
const segments = () => main.segmentLoyalty(rows, { attitude: 'recommend', behaviour: 'purchases_12m' });
const importance = () => main.relativeImportance(rows, fit);

const cases: Record<string, Case> = {
  // The revenue functions take one inputs object; its keys are checked the same way.
  customerLifetimeValue: (o) => main.customerLifetimeValue({ margin: 100, retention: 0.8, discountRate: 0.1, ...o }),
  netRevenueRetention: (o) => main.netRevenueRetention({ startingRevenue: 1000, expansion: 200, contraction: 50, churned: 100, ...o }),
  revenueAtRisk: (o) =>
    main.revenueAtRisk({ customers: 100, revenuePerCustomer: 100, churnIfDissatisfied: 0.95, satisfiedShare: 0.9, ...o }),
  // main entry
  nps: (o) => main.nps(recommend, o),
  csat: (o) =>
    main.csat(
      rows.map((r) => r.csat),
      o,
    ),
  customerLoyaltyIndex: (o) => main.customerLoyaltyIndex(rows, { items: ['recommend', 'repurchase_intent', 'upsell_intent'], ...o }),
  retentionRate: (o) =>
    main.retentionRate(
      rows.map((r) => r.retained),
      o,
    ),
  churnRate: (o) =>
    main.churnRate(
      rows.map((r) => r.retained),
      o,
    ),
  repeatPurchaseRate: (o) =>
    main.repeatPurchaseRate(
      rows.map((r) => r.purchases_12m),
      o,
    ),
  shareOfWallet: (o) =>
    main.shareOfWallet(
      rows.map((r) => r.spend_12m),
      rows.map((r) => r.category_spend_12m),
      o,
    ),
  rake: (o) => main.rake(rows, { margins: { channel: { online: 0.55, store: 0.45 } }, ...o }),
  cronbachAlpha: (o) => main.cronbachAlpha(rows, ['sat1', 'sat2', 'sat3'], o),
  reliability: (o) => main.reliability(rows, scales, o),
  htmt: (o) => main.htmt(rows, scales, o),
  confirmatoryFactorAnalysis: (o) => main.confirmatoryFactorAnalysis(rows, scales, o),
  plsPathModel: (o) =>
    main.plsPathModel(rows, {
      constructs: { satisfaction: ['sat1', 'sat2', 'sat3'], trust: ['tru1', 'tru2', 'tru3'] },
      paths: [['satisfaction', 'trust']],
      ...o,
    }),
  plsMultigroup: (o) =>
    main.plsMultigroup(rows, {
      constructs: { satisfaction: ['sat1', 'sat2', 'sat3'], trust: ['tru1', 'tru2', 'tru3'] },
      paths: [['satisfaction', 'trust']],
      groups: 'channel',
      permutation: { replicates: 50, seed: 1 },
      ...o,
    }),
  plsMeasurementInvariance: (o) =>
    main.plsMeasurementInvariance(rows, {
      constructs: { satisfaction: ['sat1', 'sat2', 'sat3'], trust: ['tru1', 'tru2', 'tru3'] },
      paths: [['satisfaction', 'trust']],
      groups: 'channel',
      permutation: { replicates: 50, seed: 1 },
      ...o,
    }),
  plsImportancePerformance: (o) =>
    main.plsImportancePerformance(rows, {
      constructs: { satisfaction: ['sat1', 'sat2', 'sat3'], trust: ['tru1', 'tru2', 'tru3'] },
      paths: [['satisfaction', 'trust']],
      target: 'trust',
      scale: { min: 1, max: 7 },
      missingCodes: [-99],
      ...o,
    }),
  driverCorrelations: (o) => main.driverCorrelations(rows, drivers, o),
  scaleScores: (o) => main.scaleScores(rows, scales, o),
  withScaleScores: (o) => main.withScaleScores(rows, scales, o),
  sufficientStatistics: (o) => main.sufficientStatistics(rows, { columns: drivers, ...o }),
  ols: (o) => main.ols(rows, { ...fit, ...o }),
  logisticRegression: (o) => main.logisticRegression(rows, { outcome: 'retained', predictors: drivers, ...o }),
  ordinalRegression: (o) => main.ordinalRegression(rows, { outcome: 'recommend', predictors: drivers, ...o }),
  relativeImportance: (o) => main.relativeImportance(rows, { ...fit, ...o }),
  dominanceAnalysis: (o) => main.dominanceAnalysis(rows, { ...fit, ...o }),
  importancePerformance: (o) => main.importancePerformance(rows, { ...fit, scale: { min: 1, max: 7 }, ...o }),
  whatIf: (o) => main.whatIf(rows, { ...fit, driver: 'sat1', delta: 1, ...o }),
  penaltyReward: (o) => main.penaltyReward(rows, { outcome: 'recommend', drivers, low: 2, high: 6, ...o }),
  necessaryConditions: (o) => main.necessaryConditions(rows, { outcome: 'recommend', conditions: drivers, ...o }),
  segmentTransitions: (o) =>
    main.segmentTransitions(loadCsv('panel.csv'), { id: 'id', wave: 'wave', attitude: 'recommend', behaviour: 'spend', ...o }),
  segmentLoyalty: (o) => main.segmentLoyalty(rows, { attitude: 'recommend', behaviour: 'purchases_12m', ...o }),
  profileSegments: (o) => main.profileSegments(rows, segments(), { variables: ['switching_cost'], ...o }),
  resolveMeasure: (o) => main.resolveMeasure(rows, 'recommend', o),
  oneWayAnova: (o) => main.oneWayAnova(groups, o),
  kruskalWallis: (o) => main.kruskalWallis(groups, o),
  chiSquareIndependence: (o) =>
    main.chiSquareIndependence(
      [
        [10, 20],
        [30, 25],
      ],
      o,
    ),
  compareNps: (o) => main.compareNps(recommend.slice(0, 200), recommend.slice(200), o),
  compareProportions: (o) => main.compareProportions({ successes: 40, n: 100 }, { successes: 55, n: 100 }, o),
  compareMeans: (o) => main.compareMeans([1, 2, 3, 4, 5], [2, 4, 6, 8, 9], o),
  compareWaves: (o) => main.compareWaves(rows, { wave: 'wave', nps: 'recommend', ...o }),
  analyze: (o) => main.analyze(rows, model, o),
  checkModel: (o) => main.checkModel(JSON.parse(modelText), o),
  validateModel: (o) => main.validateModel(JSON.parse(modelText), o),
  parseModel: (o) => main.parseModel(modelText, o),
  // loyalty-drivers/io
  parseData: (o) => io.parseData('a,b\n1,2\n', o),
  readCsv: (o) => io.readCsv(csv, o),
  readData: (o) => io.readData(csv, o),
  readJson: (o) => io.readJson(fixturePath('longley-nist.json'), o),
  readModel: (o) => io.readModel('examples/data/model.json', o),
  readRowChunks: async (o) => {
    for await (const _ of io.readRowChunks(csv, o)) break;
  },
  streamSufficientStatistics: (o) => io.streamSufficientStatistics(csv, { variables: ['recommend'], ...o }),
  readColumnChunks: async (o) => {
    for await (const _ of io.readColumnChunks(csv, { request: { recommend: 'number' }, ...o })) break;
  },
  analyzeSource: (o) => io.analyzeSource(csv, model, o),
  // loyalty-drivers/charts
  npsDistributionChart: (o) => charts.npsDistributionChart(recommend, o),
  importanceChart: (o) => charts.importanceChart(importance(), o),
  importancePerformanceChart: (o) =>
    charts.importancePerformanceChart(main.importancePerformance(rows, { ...fit, scale: { min: 1, max: 7 } }), o),
  reliabilityChart: (o) => charts.reliabilityChart(main.reliability(rows, scales), o),
  segmentChart: (o) => charts.segmentChart(segments(), o),
  trendChart: (o) => charts.trendChart(main.compareWaves(rows, { wave: 'wave', nps: 'recommend' }), o),
  renderSvg: (o) => charts.renderSvg(charts.npsDistributionChart(recommend), o),
  pathDiagramChart: (o) =>
    charts.pathDiagramChart(
      main.plsPathModel(rows, {
        constructs: { satisfaction: ['sat1', 'sat2', 'sat3'], trust: ['tru1', 'tru2', 'tru3'] },
        paths: [['satisfaction', 'trust']],
        missingCodes: [-99],
      }),
      o,
    ),
  penaltyRewardChart: (o) => charts.penaltyRewardChart(main.penaltyReward(rows, { outcome: 'recommend', drivers, low: 2, high: 6 }), o),
  mimeBundle: (o) => charts.mimeBundle(charts.npsDistributionChart(recommend), o),
  notebookDisplay: (o) => charts.notebookDisplay(charts.npsDistributionChart(recommend), o),
  // loyalty-drivers/dataframe
  resultToRecords: (o) => dataframe.resultToRecords(importance(), o),
  toDataFrame: (o) => dataframe.toDataFrame(importance(), { DataFrame: class {} } as never, o),
  // loyalty-drivers/report
  buildReport: (o) => report.buildReport(analysis, o),
  renderReport: (o) => report.renderReport(analysis, o),
  reportCharts: (o) => report.reportCharts(analysis, o),
  sufficientStatisticsSql: (o) => main.sufficientStatisticsSql({ variables: ['recommend'] }, { dialect: 'duckdb', source: 't', ...o }),
  // Its options are the plan of the query (the same keys as sufficientStatisticsSql's plan).
  sufficientStatisticsFromSql: (o) => main.sufficientStatisticsFromSql([], { variables: ['recommend'], ...o }),
  duckdbSufficientStatistics: (o) => sql.duckdbSufficientStatistics(csv, { variables: ['recommend'], ...o }),
};

/** Exports that take no options object, and why. */
const exempt: Record<string, string> = {
  LoyaltyError: 'an error class',
  InputError: 'an error class',
  InsufficientDataError: 'an error class',
  NumericalError: 'an error class',
  LOYALTY_SEGMENTS: 'a constant',
  segmentLabel: 'names one segment; no options object',
  changeLabel: 'reads one change (a result with more fields than it reads); no options object',
  isMatrixInput: 'a type guard of one value',
  mergeSufficientStatistics: 'merges two results; no options',
  modelColumns: 'reads a validated model; no options',
  formatOls: 'formats a result; no options',
  formatLogisticRegression: 'formats a result; no options',
  formatOrdinalRegression: 'formats a result; no options',
  formatRelativeImportance: 'formats a result; no options',
  formatDominanceAnalysis: 'formats a result; no options',
  formatReliability: 'formats a result; no options',
  fromDataFrame: 'takes data only',
  withDataFrames: 'wraps a function; no options',
  loadDanfo: 'loads the optional peer; no options',
  resultTables: "lists a result's tables; no options",
  columnChunksFromRows: 'rows, a column request and a chunk size; no options object',
};

const entries = { main, charts, io, dataframe, report, sql } as const;

async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** `weights` -> `wieghts`: two adjacent letters swapped in the middle of the key. */
function misspell(key: string): string {
  const i = Math.max(1, Math.floor(key.length / 2) - 1);
  return key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
}

describe('strict options', () => {
  it('every runtime export is listed, as a case or as exempt with a reason', () => {
    const names = Object.values(entries).flatMap((m) => Object.keys(m));
    const unlisted = names.filter((n) => !(n in cases) && !(n in exempt));
    expect(unlisted).toEqual([]);
    const stale = [...Object.keys(cases), ...Object.keys(exempt)].filter((n) => !names.includes(n));
    expect(stale).toEqual([]);
  });

  for (const [name, call] of Object.entries(cases)) {
    it(`${name} refuses an unknown option and suggests the nearest`, async () => {
      const e = (await thrown(() => call({ zzUnknownKey: 1 }))) as main.LoyaltyError | undefined;
      expect(e, `${name} accepted an unknown option`).toBeInstanceOf(main.InputError);
      expect(e!.code).toBe('INVALID_OPTION');
      expect(e!.message).toMatch(/zzUnknownKey: unknown option; valid options: "/);
      const first = /valid options: "([^"]+)"/.exec(e!.message)![1]!;
      const typo = misspell(first);
      if (typo.toLowerCase() === first.toLowerCase()) return;
      const t = (await thrown(() => call({ [typo]: 1 }))) as main.LoyaltyError | undefined;
      expect(t, `${name} accepted ${typo}`).toBeInstanceOf(main.InputError);
      expect(t!.message).toContain(`${typo}: unknown option; did you mean "${first}"?`);
    });
  }
});
