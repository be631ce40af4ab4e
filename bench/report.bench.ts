/**
 * The HTML report of the example survey (2,000 rows): what the page costs next to the analysis
 * it renders. Baseline: `analyze` on the rows already read. Then: laying out the HTML from an
 * analysis and pre-rendered charts (`buildReport`), building and rendering the 11 charts, the
 * whole `renderReport`, and read + analyze + render as `loyalty-drivers report` does.
 */
import { analyze } from '../src/index.js';
import { readData, readModel } from '../src/io/index.js';
import { renderSvg } from '../src/charts/index.js';
import { buildReport, renderReport, reportCharts } from '../src/report/index.js';
import { report, time, timeAsync } from './harness.js';

export async function bench(): Promise<void> {
  const data = 'examples/data/loyalty-survey.csv';
  const model = await readModel('examples/data/model.json');
  const { rows } = await readData(data, { model });
  const analysis = analyze(rows, model);
  const specs = reportCharts(analysis, { rows });
  const charts: Record<string, string> = {};
  for (const [key, spec] of Object.entries(specs)) charts[key] = await renderSvg(spec);

  const baseline = time('analyze (2,000 rows, no bootstrap)', () => analyze(rows, model));
  const build = time('buildReport (HTML from analysis + 11 SVGs)', () => buildReport(analysis, { charts }), 20);
  const render = await timeAsync('reportCharts + renderSvg of the 11 charts', async () => {
    for (const spec of Object.values(reportCharts(analysis, { rows }))) await renderSvg(spec);
  });
  const whole = await timeAsync('renderReport (charts + HTML)', () => renderReport(analysis, { rows }));
  const cli = await timeAsync('read + analyze + renderReport (the report command)', async () => {
    const m = await readModel('examples/data/model.json');
    const d = await readData(data, { model: m });
    return renderReport(analyze(d.rows, m), { rows: d.rows });
  });
  report('HTML report of the example survey', baseline, [build, render, whole, cli]);
  const html = buildReport(analysis, { charts });
  const svgBytes = Object.values(charts).reduce((s, c) => s + c.length, 0);
  console.log(
    `\npage: ${(html.length / 1024).toFixed(0)} KB (charts ${(svgBytes / 1024).toFixed(0)} KB), ${(html.match(/<data /g) ?? []).length} marked-up numbers, ${(html.match(/<table>/g) ?? []).length} tables`,
  );
}
