/**
 * A notebook-style walkthrough: the bundled survey in a danfojs DataFrame, the analysis on it,
 * results back as DataFrames, and charts as Vega-Lite specifications (plus SVG files).
 *
 * Each `// %%` marks a cell (the "percent" format that VS Code, Jupytext and the Deno/tslab
 * Jupyter kernels understand); run the file top to bottom, or paste the cells into a notebook.
 * Real notebooks, run on Deno's Jupyter kernel and saved with their outputs, are in notebooks/
 * (docs/guides/notebooks.md).
 *
 * Run: `npx tsx examples/notebook-walkthrough.ts [--no-svg]`
 * Writes `examples/output/*.vl.json` (the chart specs) and `examples/output/*.svg` (rendered
 * server-side with vega, no browser); the folder is git-ignored.
 *
 * Needs danfojs-node (a dev dependency here). In your own project it needs two overrides in
 * package.json first: "overrides": { "xlsx": "0.18.5", "@tensorflow/tfjs-node":
 * "npm:@tensorflow/tfjs@3.21.0" }, then `npm install danfojs-node`.
 *
 * The imports point at the source tree so the script runs in a clone; in your own code write
 * `from 'loyalty-drivers'`, `'loyalty-drivers/dataframe'` and `'loyalty-drivers/charts'` instead.
 */

// %% [1] Load the survey into a DataFrame
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as dfd from 'danfojs-node';
import {
  compareWaves,
  customerLoyaltyIndex,
  importancePerformance,
  nps,
  ols,
  relativeImportance,
  reliability,
  segmentLoyalty,
  withScaleScores,
} from '../src/index.js';
import { fromDataFrame, toDataFrame, withDataFrames } from '../src/dataframe/index.js';
import {
  importanceChart,
  importancePerformanceChart,
  npsDistributionChart,
  reliabilityChart,
  renderSvg,
  segmentChart,
  trendChart,
} from '../src/charts/index.js';

const renderSvgs = !process.argv.includes('--no-svg');
const csvFile = fileURLToPath(new URL('./data/loyalty-survey.csv', import.meta.url));
const outputDir = fileURLToPath(new URL('./output/', import.meta.url));
const cell = (title: string) => console.log(`\n%% ${title}\n`);
/** Prints a DataFrame with its decimal columns shown to 4 significant digits (a notebook's display setting). */
function show(frame: dfd.DataFrame): void {
  const tidy = frame.copy();
  for (const c of frame.columns) {
    if (frame.column(c).dtype === 'float32') {
      tidy.addColumn(
        c,
        frame.column(c).map((x) => (typeof x === 'number' ? Number(x.toPrecision(4)) : x)),
        { inplace: true },
      );
    }
  }
  tidy.print();
}

cell('[1] The survey as a DataFrame');
const df = await dfd.readCSV(csvFile);
console.log(`shape ${JSON.stringify(df.shape)}: ${df.shape[0]} respondents, ${df.shape[1]} columns`);
show(df.loc({ columns: ['recommend', 'csat', 'spend_12m', 'tenure_months'] }).describe());

// %% [2] Indices straight from DataFrame columns
cell('[2] Loyalty indices from the DataFrame');
// A column's values go to any index function; empty cells arrive as NaN and count as missing.
const score = nps(df.column('recommend').values as number[]);
console.log(
  `NPS ${score.estimate.toFixed(1)} (95% CI ${score.confidenceInterval.map((x) => x.toFixed(1)).join(' to ')}, ${score.intervalMethod}), n = ${score.n}`,
);
// withDataFrames lets a row-based function take the DataFrame itself.
const loyaltyIndex = withDataFrames(customerLoyaltyIndex)(df as never, { items: ['recommend', 'repurchase_intent', 'upsell_intent'] });
console.log(`Customer Loyalty Index ${loyaltyIndex.estimate.toFixed(1)} of 100, SE ${loyaltyIndex.standardError.toFixed(2)}`);
// danfo's own groupby for descriptive cuts.
show(df.groupby(['wave']).col(['recommend', 'csat']).mean());

// %% [3] Driver scores, regression and importance, results back as DataFrames
cell('[3] Drivers: scores, regression, importance (results as DataFrames)');
const scales = {
  satisfaction: { items: ['sat1', 'sat2', 'sat3'], min: 1, max: 7 },
  image: { items: ['img1', 'img2', 'img3'], min: 1, max: 7 },
  trust: { items: ['tru1', 'tru2', 'tru3'], min: 1, max: 7 },
  engagement: { items: ['eng1', 'eng2', 'eng3'], min: 1, max: 7 },
};
const drivers = Object.keys(scales);
const rows = fromDataFrame(df as never); // plain rows, NaN -> null
const scored = withScaleScores(rows, scales); // adds satisfaction, image, trust, engagement columns
const fit = ols(scored, { outcome: 'recommend', predictors: drivers });
console.log(`OLS recommend ~ ${drivers.join(' + ')}: R2 ${fit.rSquared.toFixed(3)}, n = ${fit.n}`);
show(toDataFrame(fit, dfd).loc({ columns: ['term', 'estimate', 'standardError', 'tStatistic', 'pValue', 'standardizedEstimate'] })); // the coefficients table
const importance = relativeImportance(scored, { outcome: 'recommend', predictors: drivers, bootstrap: { replicates: 500, seed: 7 } });
console.log("Importance: each metric's share of R2, one row per driver:");
show(toDataFrame(importance, dfd, { table: 'shares', index: 'driver' }));
const priorities = importancePerformance(scored, { outcome: 'recommend', predictors: drivers, scale: { min: 1, max: 7 } });
const prioritiesFrame = toDataFrame(priorities, dfd, { table: 'drivers' });
show(prioritiesFrame.loc({ columns: ['driver', 'importance', 'performance', 'quadrant', 'priority'] }));

// %% [4] Charts: Vega-Lite specs (JSON) and SVG
cell('[4] Charts');
const measured = reliability(rows, scales);
const segments = segmentLoyalty(rows, {
  attitude: { name: 'Customer Loyalty Index', mean: ['recommend', 'repurchase_intent', 'upsell_intent'] },
  behaviour: { name: 'share of wallet', ratio: ['spend_12m', 'category_spend_12m'] },
});
const waves = compareWaves(rows, { wave: 'wave', nps: 'recommend', csat: 'csat', drivers: scales });
const labels = { satisfaction: 'Satisfaction', image: 'Image', trust: 'Trust', engagement: 'Engagement' };
const recommend = rows.map((r) => r.recommend);
const charts = {
  'nps-distribution': npsDistributionChart(recommend, { nps: nps(recommend) }),
  'driver-importance': importanceChart(importance, { labels }),
  'importance-performance': importancePerformanceChart(priorities, { labels }),
  'loyalty-segments': segmentChart(segments),
  'nps-trend': trendChart(waves, { measure: 'nps' }),
  'driver-trend': trendChart(waves, { measure: 'drivers', labels }),
  reliability: reliabilityChart(measured, { labels }),
};
mkdirSync(outputDir, { recursive: true });
for (const [name, spec] of Object.entries(charts)) {
  // A spec is plain JSON: open it in the Vega editor, vega-embed, Observable or Altair.
  writeFileSync(`${outputDir}${name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
  let line = `${name.padEnd(23)} ${String(spec.data.values.length).padStart(3)} data rows -> output/${name}.vl.json`;
  if (renderSvgs) {
    const svg = await renderSvg(spec);
    writeFileSync(`${outputDir}${name}.svg`, svg);
    line += `, output/${name}.svg (${Math.round(svg.length / 1024)} KiB)`;
  }
  console.log(line);
}
console.log(`\nWrote ${Object.keys(charts).length} chart specs${renderSvgs ? ' and SVGs' : ''} to ${outputDir}`);
console.log(
  `The quadrant map says: ${
    priorities.drivers
      .filter((d) => d.quadrant === 'concentrate here')
      .map((d) => d.driver)
      .join(', ') || 'nothing'
  } to concentrate on.`,
);
