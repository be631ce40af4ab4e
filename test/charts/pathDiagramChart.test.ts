// pathDiagramChart: valid Vega-Lite that renders to well-formed SVG without warnings; a box per
// construct with its name and R2, an arrow and coefficient per path, significance from the
// bootstrap; a layout whose boxes do not overlap, fit their text, and whose long paths run
// between the boxes. The IPMA map of a path model through importancePerformanceChart.
import { describe, expect, it } from 'vitest';
import { importancePerformanceChart, pathDiagramChart, renderSvg } from '../../src/charts/index.js';
import { estimateTextWidth } from '../../src/charts/textWidth.js';
import { InputError, plsImportancePerformance, plsPathModel, type PlsPathModelOptions } from '../../src/index.js';
import { expectError, loadCsv } from '../helpers/fixtures.js';
import { countRole, expectValidSpec, expectWellFormedSvg } from './setup.js';

const rows = loadCsv('ecsi.csv');
const constructs: PlsPathModelOptions['constructs'] = {
  image: ['img1', 'img2', 'img3', 'img4'],
  expectation: ['exp1', 'exp2', 'exp3'],
  quality: ['qual1', 'qual2', 'qual3', 'qual4'],
  value: ['val1', 'val2'],
  satisfaction: { items: ['sat1', 'sat2', 'sat3'], type: 'reflective' },
  loyalty: ['loy1', 'loy2', 'loy3'],
};
const paths: [string, string][] = [
  ['image', 'expectation'],
  ['image', 'satisfaction'],
  ['image', 'loyalty'],
  ['expectation', 'quality'],
  ['expectation', 'value'],
  ['quality', 'value'],
  ['quality', 'satisfaction'],
  ['value', 'satisfaction'],
  ['satisfaction', 'loyalty'],
  // Not in the model the data were generated from: expected not significant.
  ['expectation', 'loyalty'],
];
const boot = plsPathModel(rows, { constructs, paths, bootstrap: { replicates: 200, seed: 11 } });
const plain = plsPathModel(rows, { constructs, paths });
const hasText = (svg: string, text: string) => svg.includes(`>${text}</text>`);
type Layer = { data: { values: any[] }; mark: { type: string; cornerRadius?: number; stroke?: string } };

async function render(spec: object, label: string): Promise<string> {
  expectValidSpec(spec, label);
  expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(spec);
  const warnings: string[] = [];
  const svg = await renderSvg(spec as never, { onWarning: (m) => warnings.push(m) });
  expect(warnings).toEqual([]);
  expectWellFormedSvg(svg, label);
  return svg;
}

describe('pathDiagramChart', () => {
  it('draws every construct, path, coefficient and R2; marks significance from the bootstrap', async () => {
    const spec = pathDiagramChart(boot, { labels: { satisfaction: 'Satisfaction' } });
    const svg = await render(spec, 'path diagram');
    expect(spec.data.values.map((d) => [d.from, d.to])).toEqual(paths);
    expect(countRole(svg, 'line mark')).toBe(paths.length);
    // Boxes are the only rect marks read out (the coefficient backgrounds are hidden from screen readers).
    expect(countRole(svg, 'rect mark')).toBe(6);
    for (const name of ['image', 'expectation', 'quality', 'value', 'Satisfaction', 'loyalty']) expect(hasText(svg, name)).toBe(true);
    for (const n of ['expectation', 'quality', 'value', 'satisfaction', 'loyalty']) {
      expect(hasText(svg, `R² = ${boot.constructs[n]!.rSquared!.toFixed(2)}`)).toBe(true);
    }
    spec.data.values.forEach((d, k) => {
      const b = boot.bootstrap!.paths[k]!;
      expect(d.estimate).toBe(boot.paths[k]!.estimate);
      expect([d.lower, d.upper]).toEqual(b.confidenceInterval);
      expect(d.significant).toBe(b.confidenceInterval[0] > 0 || b.confidenceInterval[1] < 0);
      expect(hasText(svg, `${d.estimate.toFixed(2)}${d.significant ? '*' : ''}`)).toBe(true);
    });
    const last = spec.data.values[9]!;
    expect(last.significant).toBe(false);
    expect(spec.description).toContain('expectation to loyalty');
    expect(spec.description).toContain('(not significant)');
    expect(spec.description).toContain('95% bootstrap interval (200 replicates)');
    // Dashed lines for the paths that are not significant.
    const line = (spec.layer as Layer[]).find((l) => l.mark.type === 'line') as any;
    expect(line.encoding.strokeDash.scale.domain[1]).toBe('not significant');
  });

  it('without a bootstrap: no significance, no stars', async () => {
    const spec = pathDiagramChart(plain, { digits: 3 });
    const svg = await render(spec, 'no bootstrap');
    expect(spec.data.values.every((d) => d.significant === null && d.lower === null)).toBe(true);
    expect(svg).not.toMatch(/\d\*<\/text>/);
    expect(hasText(svg, plain.paths[0]!.estimate.toFixed(3))).toBe(true);
    expect(spec.description).toContain('No bootstrap');
  });

  it('lays out: columns in path order, boxes apart and fitting their names, long paths between the boxes', () => {
    const spec = pathDiagramChart(plain, { labels: { value: 'Perceived value for money' } });
    const layers = spec.layer as Layer[];
    const boxes = layers.filter((l) => l.mark.type === 'rect' && l.mark.stroke !== undefined).flatMap((l) => l.data.values);
    expect(boxes.length).toBe(6);
    // Reflective constructs are drawn rounded.
    const rounded = layers.find((l) => l.mark.type === 'rect' && (l.mark.cornerRadius ?? 0) > 10)!;
    expect(rounded.data.values.map((b) => b.construct)).toEqual(['satisfaction']);
    const at = (n: string) => boxes.find((b) => b.construct === n)!;
    for (const [f, t] of paths) expect(at(f).x2).toBeLessThan(at(t).x);
    const width = spec['width'] as number;
    const height = spec['height'] as number;
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(-1e-9);
      expect(b.x2).toBeLessThanOrEqual(width + 1e-9);
      expect(b.y).toBeGreaterThanOrEqual(-1e-9);
      expect(b.y2).toBeLessThanOrEqual(height + 1e-9);
      expect(b.x2 - b.x).toBeGreaterThanOrEqual(estimateTextWidth(b.label, 12, true) + 10);
      for (const o of boxes) {
        if (o === b) continue;
        const apart = b.x2 <= o.x || o.x2 <= b.x || b.y2 <= o.y || o.y2 <= b.y;
        expect(apart, `${b.construct} and ${o.construct} overlap`).toBe(true);
      }
    }
    const line = layers.find((l) => l.mark.type === 'line')!;
    for (const p of line.data.values) {
      for (const b of boxes) {
        const inside = p.x > b.x + 1 && p.x < b.x2 - 1 && p.y > b.y + 1 && p.y < b.y2 - 1;
        expect(inside, `path ${p.edge} point ${p.step} inside ${b.construct}`).toBe(false);
      }
    }
    // Given a size, the layout stretches into it.
    const sized = pathDiagramChart(plain, { width: 1200, height: 500 });
    expect([sized['width'], sized['height']]).toEqual([1200, 500]);
    const sizedBoxes = (sized.layer as Layer[])
      .filter((l) => l.mark.type === 'rect' && l.mark.stroke !== undefined)
      .flatMap((l) => l.data.values);
    expect(Math.max(...sizedBoxes.map((b) => b.x2))).toBeCloseTo(1200, 9);
  });

  it('refuses what is not a path model and bad options', () => {
    expectError(() => pathDiagramChart({ method: 'ols' } as never), InputError, 'INVALID_OPTION', ['plsPathModel()']);
    expectError(() => pathDiagramChart(plain, { digits: 9 }), InputError, 'INVALID_OPTION', ['options.digits']);
    expectError(() => pathDiagramChart(plain, { colour: 'red' } as never), InputError, 'INVALID_OPTION', ['colour']);
  });
});

describe('importancePerformanceChart of a path model (IPMA)', () => {
  it('places each driver construct by total effect and performance', async () => {
    const ipma = plsImportancePerformance(rows, { constructs, paths, target: 'loyalty', scale: { min: 1, max: 10 } });
    const spec = importancePerformanceChart(ipma, { labels: { image: 'Image' } });
    const svg = await render(spec, 'ipma');
    expect(countRole(svg, 'point')).toBe(ipma.constructs.length);
    expect(spec.data.values.map((d) => [d.driver, d.importance, d.performance])).toEqual(
      ipma.constructs.map((c) => [c.construct, c.importance, c.performance]),
    );
    expect(hasText(svg, 'Importance: total effect on loyalty (unstandardized)')).toBe(true);
    expect(hasText(svg, 'Image')).toBe(true);
    expect(spec.description).toContain('drivers of loyalty');
    expect(spec.description).toContain(`cuts at importance ${ipma.cuts.importance.toFixed(3)}`);
  });
});
