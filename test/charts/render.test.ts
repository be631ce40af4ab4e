// renderSvg: well-formed standalone SVG with the expected marks and text, accessible, no
// network, Vega's text metrics restored afterwards.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  importanceChart,
  importancePerformanceChart,
  npsDistributionChart,
  reliabilityChart,
  renderSvg,
  segmentChart,
  trendChart,
} from '../../src/charts/index.js';
import { InputError } from '../../src/errors.js';
import { countRole, expectWellFormedSvg, survey } from './setup.js';

const labels = { satisfaction: 'Satisfaction', image: 'Image', trust: 'Trust', engagement: 'Engagement' };

/** `>text<` as Vega writes a text mark or axis title. */
const hasText = (svg: string, text: string) => svg.includes(`>${text}</text>`);

describe('renderSvg on the survey', () => {
  it('NPS distribution: 11 bars, axis titles, legend with the category shares, accessible name', async () => {
    const s = survey();
    const spec = npsDistributionChart(s.recommend, { nps: s.nps });
    const svg = await renderSvg(spec);
    expectWellFormedSvg(svg, 'nps');
    expect(countRole(svg, 'bar')).toBe(11);
    expect(hasText(svg, 'Score')).toBe(true);
    expect(hasText(svg, 'Share of respondents')).toBe(true);
    expect(hasText(svg, 'Likelihood to recommend')).toBe(true);
    expect(hasText(svg, `Promoters (9-10): ${(100 * s.nps.promoterShare).toFixed(1)}%`)).toBe(true);
    for (let score = 0; score <= 10; score++) expect(hasText(svg, String(score))).toBe(true);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Bar chart of 2,000 likelihood-to-recommend scores/);
    expect(svg).toContain('<title>Likelihood to recommend</title><desc>Bar chart of 2,000');
  });

  it('importance: a bar and an error bar per driver, driver names and the metric', async () => {
    const svg = await renderSvg(importanceChart(survey().importance, { labels }));
    expectWellFormedSvg(svg, 'importance');
    expect(countRole(svg, 'bar')).toBe(4);
    expect(countRole(svg, 'errorbar')).toBe(4);
    for (const name of Object.values(labels)) expect(hasText(svg, name)).toBe(true);
    expect(hasText(svg, 'LMG (Shapley value of R²), share of R²')).toBe(true);
    expect(hasText(svg, 'What drives recommend')).toBe(true);
  });

  it('importance-performance map: four points, labelled, the four quadrant names, the cut rules', async () => {
    const svg = await renderSvg(importancePerformanceChart(survey().ipa, { labels }));
    expectWellFormedSvg(svg, 'ipa');
    expect(countRole(svg, 'point')).toBe(4);
    expect(countRole(svg, 'rule mark')).toBe(2);
    for (const name of Object.values(labels)) expect(hasText(svg, name)).toBe(true);
    for (const q of ['Concentrate here', 'Keep up the good work', 'Low priority', 'Possible overkill']) expect(hasText(svg, q)).toBe(true);
    expect(hasText(svg, 'Performance: mean score on 0-100')).toBe(true);
  });

  it('segments: four sized squares with names and sizes; the scatter draws every respondent', async () => {
    const { segments: r } = survey();
    const grid = await renderSvg(segmentChart(r));
    expectWellFormedSvg(grid, 'segments grid');
    expect(countRole(grid, 'square')).toBe(4);
    for (const name of ['True loyalty', 'Latent loyalty', 'Spurious loyalty', 'No loyalty']) expect(hasText(grid, name)).toBe(true);
    expect(hasText(grid, `${r.counts.true} (${(100 * r.shares.true).toFixed(1)}%)`)).toBe(true);
    const both = await renderSvg(segmentChart(r, { view: 'both' }));
    expectWellFormedSvg(both, 'segments both');
    expect(countRole(both, 'point')).toBe(r.n);
    expect(countRole(both, 'rule mark')).toBe(2);
  });

  it('reliability: a bar per scale and coefficient, an error bar per alpha, the reference rules', async () => {
    const svg = await renderSvg(reliabilityChart(survey().reliability, { labels }));
    expectWellFormedSvg(svg, 'reliability');
    expect(countRole(svg, 'bar')).toBe(8);
    expect(countRole(svg, 'errorbar')).toBe(4);
    expect(countRole(svg, 'rule mark')).toBe(2);
    expect(hasText(svg, '0.7 acceptable')).toBe(true);
    expect(hasText(svg, '0.8 good')).toBe(true);
    expect(hasText(svg, "Cronbach's alpha")).toBe(true);
  });

  it('trends: a point and error bar per wave (and per driver)', async () => {
    const { waves } = survey();
    const svg = await renderSvg(trendChart(waves));
    expectWellFormedSvg(svg, 'trend');
    expect(countRole(svg, 'point')).toBe(2);
    expect(countRole(svg, 'errorbar')).toBe(2);
    expect(countRole(svg, 'line mark')).toBe(1);
    expect(hasText(svg, 'NPS')).toBe(true);
    expect(hasText(svg, 'Wave')).toBe(true);
    const drivers = await renderSvg(trendChart(waves, { measure: 'drivers', labels }));
    expect(countRole(drivers, 'point')).toBe(8);
    expect(countRole(drivers, 'errorbar')).toBe(8);
    expect(countRole(drivers, 'line mark')).toBe(4);
    for (const name of Object.values(labels)) expect(hasText(drivers, name)).toBe(true);
  });
});

describe('renderSvg behaviour', () => {
  it('escapes markup in titles, labels and descriptions', async () => {
    const svg = await renderSvg(
      trendChart(
        [
          { wave: 'A & <B>', series: 'x "quoted" <y>', result: { estimate: 1 } },
          { wave: 'C', series: 'x "quoted" <y>', result: { estimate: 2 } },
        ],
        { title: 'Fish & <chips>', description: 'Text with "quotes" & <tags>' },
      ),
    );
    expectWellFormedSvg(svg, 'escaping');
    expect(svg).toContain('aria-label="Text with &quot;quotes&quot; &amp; &lt;tags&gt;"');
    expect(svg).toContain('<title>Fish &amp; &lt;chips&gt;</title>');
    expect(svg).toContain('A &amp; &lt;B&gt;');
  });

  it('scaleFactor multiplies the size', async () => {
    const spec = npsDistributionChart([1, 5, 9, 10]);
    const size = (svg: string) => Number(/^<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);
    const one = await renderSvg(spec);
    const two = await renderSvg(spec, { scaleFactor: 2 });
    expect(size(two)).toBeCloseTo(2 * size(one), 6);
  });

  it("lays text out with Arial metrics while rendering and restores Vega's own afterwards, also when renders overlap", async () => {
    const vega = (await import('vega')) as unknown as { textMetrics: { width: unknown; estimateWidth: unknown } };
    const before = vega.textMetrics.width;
    const s = survey();
    const svgs = await Promise.all([
      renderSvg(npsDistributionChart(s.recommend)),
      renderSvg(importanceChart(s.importance)),
      renderSvg(segmentChart(s.segments)),
    ]);
    expect(svgs.every((svg) => svg.startsWith('<svg'))).toBe(true);
    expect(vega.textMetrics.width).toBe(before);
    // Vega's fallback estimate (0.8 em per character) would make this chart about 870 px wide:
    // the subtitle alone is ~90 characters at 12 px. With Arial widths it fits the plot.
    const width = Number(/^<svg[^>]* width="([\d.]+)"/.exec(svgs[1]!)![1]);
    expect(width).toBeLessThan(700);
  });

  it('refuses external data: no network, no files', async () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      description: 'x',
      data: { url: 'https://example.org/data.json' },
      mark: 'point',
      encoding: { x: { field: 'a', type: 'quantitative' } },
    };
    await expect(renderSvg(spec)).rejects.toThrow(/inline data only/);
    const file = { ...spec, data: { url: 'file:///etc/passwd' } };
    await expect(renderSvg(file)).rejects.toThrow(/inline data only/);
  });

  it('throws INVALID_OPTION for what Vega-Lite cannot compile, or not a spec', async () => {
    await expect(
      renderSvg({ mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' } }, data: { values: [] }, layer: 3 }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(renderSvg(null as unknown as object)).rejects.toBeInstanceOf(InputError);
    await expect(renderSvg([] as unknown as object)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(renderSvg({}, { scaleFactor: 0 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('passes warnings on', async () => {
    const warnings: string[] = [];
    // A shape encoding on a bar is dropped by Vega-Lite with a warning.
    await renderSvg(
      {
        data: { values: [{ a: 1, b: 'x' }] },
        mark: 'bar',
        encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'b', type: 'nominal' } },
      },
      { onWarning: (m) => warnings.push(m) },
    );
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join(' ')).toMatch(/shape/);
  });
});

describe('the charts entry point', () => {
  it('imports no Node built-in, and loads vega / vega-lite only inside renderSvg (dynamically)', () => {
    const dir = join(__dirname, '..', '..', 'src', 'charts');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/from 'node:|require\(/);
      expect(text, file).not.toMatch(/^import[^;]*from 'vega(-lite)?'/m);
    }
  });
});
