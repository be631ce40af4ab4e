/**
 * Charts: building specs (pure, fast) against rendering them to SVG server-side, and renderSvg
 * against a bare vega-lite compile + vega View.toSVG (the overhead of its checks, text metrics
 * and accessibility markup). Data: seeded synthetic survey results in memory.
 */
import { importanceChart, npsDistributionChart, renderSvg, segmentChart } from '../src/charts/index.js';
import { nps, relativeImportance, segmentLoyalty } from '../src/index.js';
import { report, seeded, timeAsync, time } from './harness.js';

export async function bench(): Promise<void> {
  const random = seeded(11);
  const n = 5000;
  const rows = Array.from({ length: n }, () => {
    const trust = 1 + Math.floor(random() * 7);
    const image = Math.min(7, Math.max(1, trust + Math.floor(random() * 3) - 1));
    const satisfaction = Math.min(7, Math.max(1, Math.round((trust + image) / 2 + random() * 2 - 1)));
    const recommend = Math.min(10, Math.max(0, Math.round(trust + image / 2 + random() * 3 - 1)));
    return { recommend, trust, image, satisfaction, spend: 50 + random() * 100, category: 200 };
  });
  const scores = rows.map((r) => r.recommend);
  const npsResult = nps(scores);
  const importance = relativeImportance(rows, {
    outcome: 'recommend',
    predictors: ['trust', 'image', 'satisfaction'],
    bootstrap: { replicates: 100, seed: 1 },
  });
  const segments = segmentLoyalty(rows, { attitude: 'recommend', behaviour: { ratio: ['spend', 'category'] } });

  const build = time('build npsDistributionChart spec (5,000 scores)', () => npsDistributionChart(scores, { nps: npsResult }), 21);
  const buildImportance = time('build importanceChart spec', () => importanceChart(importance), 21);
  const buildScatter = time('build segmentChart spec, grid + 5,000-point scatter', () => segmentChart(segments, { view: 'both' }), 21);
  const npsSpec = npsDistributionChart(scores, { nps: npsResult });
  const scatterSpec = segmentChart(segments, { view: 'both' });
  // JIT warm-up favours whatever runs later: warm both paths before timing either.
  const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const bareRender = async () => {
    const view = new vega.View(vega.parse(vegaLite.compile(npsSpec as never).spec), { renderer: 'none' });
    const svg = await view.toSVG();
    view.finalize();
    return svg;
  };
  for (let i = 0; i < 10; i++) {
    await bareRender();
    await renderSvg(npsSpec);
  }
  const render = await timeAsync('renderSvg NPS distribution', () => renderSvg(npsSpec), 11, 6);
  const bare = await timeAsync('bare vega-lite compile + vega View.toSVG, NPS distribution', bareRender, 11, 6);
  const renderImportance = await timeAsync('renderSvg importance', () => renderSvg(importanceChart(importance)), 11, 6);
  const renderScatter = await timeAsync('renderSvg grid + 5,000-point scatter', () => renderSvg(scatterSpec), 5, 2);
  report('charts: spec building vs server-side rendering (baseline: renderSvg of the NPS chart)', render, [
    bare,
    renderImportance,
    renderScatter,
    build,
    buildImportance,
    buildScatter,
  ]);
  const svg = await renderSvg(scatterSpec);
  console.log(
    `\n5,000-point scatter SVG: ${(svg.length / 1e6).toFixed(2)} MB; spec JSON ${(JSON.stringify(scatterSpec).length / 1e3).toFixed(0)} kB`,
  );
}
