/**
 * A full driver analysis of the bundled example survey, step by step:
 *
 *   1. read the survey and its model file (which items measure which driver);
 *   2. reliability and validity of the four driver scales (alpha, omega, AVE, HTMT);
 *   3. driver scores, then a regression of likelihood to recommend on them;
 *   4. driver importance (lmg / Shapley and the other relaimpo metrics) with a seeded bootstrap;
 *   5. priorities: the importance-performance quadrants;
 *   6. what-if: the predicted recommend score and NPS if each driver rose by one scale point.
 *
 * Run: `npx tsx examples/driver-analysis.ts [survey.csv] [model.json] [--replicates N]`
 * (defaults: the bundled survey and model, 1,000 bootstrap replicates).
 *
 * The imports point at the source tree so the script runs in a clone; in your own code write
 * `from 'loyalty-drivers'` and `from 'loyalty-drivers/io'` instead.
 */
import {
  driverCorrelations,
  formatOls,
  formatRelativeImportance,
  formatReliability,
  htmt,
  importancePerformance,
  nps,
  ols,
  relativeImportance,
  reliability,
  whatIf,
  withScaleScores,
} from '../src/index.js';
import { fileURLToPath } from 'node:url';
import { readData, readModel } from '../src/io/index.js';

const args = process.argv.slice(2);
const flag = args.indexOf('--replicates');
const replicates = flag >= 0 ? Number(args.splice(flag, 2)[1]) : 1000;
const dataFile = args[0] ?? fileURLToPath(new URL('./data/loyalty-survey.csv', import.meta.url));
const modelFile = args[1] ?? fileURLToPath(new URL('./data/model.json', import.meta.url));

const heading = (text: string) => console.log(`\n${text}\n${'='.repeat(text.length)}`);
const fixed = (x: number, digits = 2) => x.toFixed(digits);
const percent = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;

// 1. Data and model. Passing `columns` checks that every column the model names exists.
const survey = await readData(dataFile);
const model = await readModel(modelFile, { columns: survey.columns });
const rows = survey.rows;
const drivers = [...model.drivers];
const scales = Object.fromEntries(drivers.map((d) => [d, model.scales[d]!]));
const outcome = 'recommend';
// Unweighted, as the R references quoted in the guides; add `weights: model.weight` to the option
// objects below for estimates weighted to the population.
const missingCodes = [...model.missingCodes];
console.log(`Driver analysis of ${rows.length} respondents (${dataFile.split('/').pop()}), drivers: ${drivers.join(', ')}`);

// 2. Measurement: is each driver measured reliably, and are the drivers distinct?
heading('1. Reliability and validity of the driver scales');
const measured = reliability(rows, scales, { missingCodes });
console.log(formatReliability(measured));
const validity = htmt(rows, scales, { missingCodes });
const flagged = validity.pairs.filter((p) => p.overConservativeThreshold);
console.log(
  `HTMT: largest ${fixed(Math.max(...validity.pairs.map((p) => p.value ?? 0)), 3)}; ${
    flagged.length === 0
      ? 'every pair below 0.85, so the drivers are empirically distinct.'
      : `pairs at or above 0.85: ${flagged.map((p) => `${p.first}-${p.second}`).join(', ')}.`
  }`,
);

// 3. Driver scores (mean of each scale's items; every item answered) and the regression.
heading('2. Regression of likelihood to recommend on the drivers');
const scored = withScaleScores(rows, scales, { missingCodes });
const correlations = driverCorrelations(scored, drivers);
const offDiagonal = correlations.correlation.flatMap((row, i) => row.filter((_, j) => j > i));
console.log(
  `Driver correlations ${fixed(Math.min(...offDiagonal))} to ${fixed(Math.max(...offDiagonal))}, ` +
    `VIF up to ${fixed(Math.max(...Object.values(correlations.vif)), 2)}: correlated drivers share variance, so rank them by importance (section 3), not by coefficients.\n`,
);
const fit = ols(scored, { outcome, predictors: drivers });
console.log(formatOls(fit));

// 4. Importance: decompose R2 among the drivers, with a seeded percentile bootstrap.
heading(`3. Driver importance (bootstrap, ${replicates} replicates)`);
const importance = relativeImportance(scored, { outcome, predictors: drivers, bootstrap: { replicates, seed: 42 } });
console.log(formatRelativeImportance(importance));
const lmgShares = importance.shares.lmg!;
const [top, second] = [...drivers].sort((a, b) => lmgShares[b]! - lmgShares[a]!);
const gap = importance.bootstrap!.differences.lmg!.find(
  (d) => (d.first === top && d.second === second) || (d.first === second && d.second === top),
)!;
const sign = gap.first === top ? 1 : -1;
console.log(
  `${top} vs ${second}: lmg difference ${fixed(sign * gap.estimate, 4)}, 95% interval [${fixed(Math.min(sign * gap.confidenceInterval[0], sign * gap.confidenceInterval[1]), 4)}, ${fixed(Math.max(sign * gap.confidenceInterval[0], sign * gap.confidenceInterval[1]), 4)}]` +
    ` (${gap.confidenceInterval[0] > 0 || gap.confidenceInterval[1] < 0 ? 'a clear lead' : 'not a clear lead: the interval includes 0'}).`,
);

// 5. Priorities: importance (lmg share) against performance (mean on 0-100).
heading('4. Priorities (importance-performance map)');
const scale = { min: scales[drivers[0]!]!.min!, max: scales[drivers[0]!]!.max! };
const priorities = importancePerformance(scored, { outcome, predictors: drivers, scale });
console.table(
  Object.fromEntries(
    priorities.drivers.map((d) => [
      d.driver,
      {
        'importance (share)': percent(d.importance),
        'performance (0-100)': fixed(d.performance, 1),
        quadrant: d.quadrant,
        priority: d.priority,
      },
    ]),
  ),
);
console.log(
  `Cuts at the means: importance ${percent(priorities.cuts.importance)}, performance ${fixed(priorities.cuts.performance, 1)}. Priority order: ${priorities.priorityOrder.join(' > ')}.`,
);
const focus = priorities.drivers.filter((d) => d.quadrant === 'concentrate here').map((d) => d.driver);
console.log(
  focus.length > 0
    ? `Reading: ${focus.join(' and ')} ${focus.length > 1 ? 'matter' : 'matters'} more than average and ${focus.length > 1 ? 'perform' : 'performs'} below average: concentrate here.`
    : 'Reading: no driver is both important and under-performing.',
);

// 6. What-if: +1 scale point on each driver, the rest held fixed.
heading('5. What-if: each driver one point higher (1-7 scale)');
const baseline = nps(
  rows.map((r) => r[outcome]),
  { missingCodes },
);
console.log(
  `Observed NPS ${fixed(baseline.estimate, 1)} on all ${baseline.n} respondents; the what-if recounts it on the ${fit.n} the model used.`,
);
const table: Record<string, Record<string, string>> = {};
for (const driver of drivers) {
  const w = whatIf(scored, { outcome, predictors: drivers, driver, delta: 1 });
  table[driver] = {
    'recommend change': `${fixed(w.outcomeChange.estimate)} [${fixed(w.outcomeChange.confidenceInterval[0])}, ${fixed(w.outcomeChange.confidenceInterval[1])}]`,
    'NPS now': fixed(w.nps!.baseline.estimate, 1),
    'NPS after': `${fixed(w.nps!.predicted.estimate, 1)} [${fixed(w.nps!.predicted.confidenceInterval[0], 1)}, ${fixed(w.nps!.predicted.confidenceInterval[1], 1)}]`,
    'NPS change': fixed(w.nps!.change, 1),
  };
}
console.table(table);
console.log(
  '"NPS after" has the recount at the ends of the coefficient\'s 95% interval. A what-if is a ceteris-paribus model prediction, not a causal effect.',
);
console.log('One call runs all of this (and segments and waves): analyze(rows, model), or `loyalty-drivers analyze` on the command line.');
