/**
 * The ECSI customer-satisfaction model as a PLS path model, from its model file:
 *
 *   1. read the ECSI survey and its model file (the constructs and their `paths`);
 *   2. estimate the path model with a seeded bootstrap: paths with intervals, R², effects;
 *   3. mediation: how much of each driver's effect on loyalty runs through the others;
 *   4. the importance-performance map of loyalty: which driver to work on;
 *   5. the path diagram and the map as SVG in examples/output/ (needs the optional peers vega
 *      and vega-lite; `--no-svg` skips it).
 *
 * Run: `npx tsx examples/path-model.ts [ecsi.csv] [ecsi-model.json] [--replicates N] [--no-svg]`
 * (defaults: the bundled ECSI data and model, 1,000 bootstrap replicates).
 *
 * The imports point at the source tree so the script runs in a clone; in your own code write
 * `from 'loyalty-drivers'`, `'loyalty-drivers/io'` and `'loyalty-drivers/charts'` instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/index.js';
import { importancePerformanceChart, pathDiagramChart, renderSvg } from '../src/charts/index.js';
import { readData, readModel } from '../src/io/index.js';

const args = process.argv.slice(2);
const noSvg = args.includes('--no-svg');
const rest = args.filter((a) => a !== '--no-svg');
const flag = rest.indexOf('--replicates');
const replicates = flag >= 0 ? Number(rest.splice(flag, 2)[1]) : 1000;
const dataFile = rest[0] ?? fileURLToPath(new URL('./data/ecsi.csv', import.meta.url));
const modelFile = rest[1] ?? fileURLToPath(new URL('./data/ecsi-model.json', import.meta.url));
const heading = (text: string) => console.log(`\n${text}\n${'='.repeat(text.length)}`);

// 1. The data and the model file (its `paths` section names the relationships and the IPMA target).
const model = await readModel(modelFile);
const { rows } = await readData(dataFile, { model });

// 2. The path model: analyze estimates model.paths, bootstrapping it with the analysis's plan.
const analysis = analyze(rows, model, { bootstrap: { replicates, seed: 42 } });
const paths = analysis.paths!;
const fit = paths.model;
heading(`Path model (n = ${fit.n}, ${fit.bootstrap!.replicates} bootstrap replicates, seed ${fit.bootstrap!.seed})`);
console.table(
  fit.paths.map((p, k) => {
    const b = fit.bootstrap!.paths[k]!;
    return {
      path: `${p.from} -> ${p.to}`,
      estimate: p.estimate.toFixed(3),
      '95% CI': `[${b.confidenceInterval[0].toFixed(3)}, ${b.confidenceInterval[1].toFixed(3)}]`,
      f2: p.fSquared.toFixed(3),
    };
  }),
);
for (const name of fit.constructNames) {
  const r2 = fit.constructs[name]!.rSquared;
  if (r2 !== null) console.log(`R² of ${name}: ${r2.toFixed(3)}`);
}

// 3. Mediation (Zhao, Lynch & Chen 2010) of the effects on loyalty.
heading('Mediation of the effects on loyalty');
for (const m of fit.bootstrap!.mediation.filter((x) => x.to === 'loyalty')) {
  const direct = m.direct ? m.direct.estimate.toFixed(3) : 'none';
  console.log(`${m.from}: indirect ${m.indirect.estimate.toFixed(3)}, direct ${direct} (${m.type})`);
}

// 4. The importance-performance map: unstandardized total effects against mean scores on 0-100.
const ipma = paths.importancePerformance!;
heading(`Importance-performance map of ${ipma.target}`);
for (const name of ipma.priorityOrder) {
  const c = ipma.constructs.find((x) => x.construct === name)!;
  console.log(`${c.priority}. ${name}: importance ${c.importance.toFixed(3)}, performance ${c.performance.toFixed(1)} (${c.quadrant})`);
}

// 5. The charts, as SVG.
if (!noSvg) {
  const out = fileURLToPath(new URL('./output/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}path-diagram.svg`, await renderSvg(pathDiagramChart(fit)));
  writeFileSync(`${out}ipma.svg`, await renderSvg(importancePerformanceChart(ipma)));
  console.log(`\nWrote ${out}path-diagram.svg and ${out}ipma.svg`);
}
