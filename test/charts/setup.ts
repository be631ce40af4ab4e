/**
 * Shared by the chart tests: the Vega-Lite JSON schema validator, the fixture survey's results
 * (driver scores = mean of 3 items, outcome recommend), and a well-formedness check for SVG.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import {
  compareWaves,
  customerLoyaltyIndex,
  csat,
  importancePerformance,
  nps,
  relativeImportance,
  reliability,
  retentionRate,
  segmentLoyalty,
} from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';

const require = createRequire(import.meta.url);

/** Vega-Lite's own schema, as installed (draft-07). */
function schemaPath(): string {
  // vega-lite's exports map hides package.json; resolve its main file and walk up to build/.
  let dir = dirname(require.resolve('vega-lite'));
  while (!dir.endsWith('vega-lite')) dir = dirname(dir);
  return join(dir, 'build', 'vega-lite-schema.json');
}

let validator: (((spec: unknown) => boolean) & { errors?: unknown }) | undefined;

/** Validates against `vega-lite/build/vega-lite-schema.json` (ajv, draft-07). */
export function validateSpec(spec: unknown): { valid: boolean; errors: unknown } {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(schemaPath(), 'utf8')) as object;
    const AjvClass = (Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv;
    const ajv = new AjvClass({ strict: false, allowUnionTypes: true, logger: false });
    // The formats the schema names (ajv-formats is not installed), so none is silently ignored.
    ajv.addFormat('color-hex', /^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i);
    ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
    ajv.addFormat('uri-reference', /^[^\s]*$/);
    validator = ajv.compile(schema) as unknown as typeof validator;
  }
  const valid = validator!(spec);
  return { valid, errors: validator!.errors };
}

export function expectValidSpec(spec: unknown, label: string): void {
  const { valid, errors } = validateSpec(spec);
  if (!valid) throw new Error(`${label}: not a valid Vega-Lite spec: ${JSON.stringify(errors, null, 1).slice(0, 2000)}`);
  expect(valid).toBe(true);
}

/** Checks tags nest and close, attributes are quoted, and the document is one <svg> element. */
export function expectWellFormedSvg(svg: string, label: string): void {
  expect(svg.startsWith('<svg'), `${label}: starts with <svg`).toBe(true);
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let position = 0;
  let m: RegExpExecArray | null;
  let roots = 0;
  while ((m = tag.exec(svg))) {
    const between = svg.slice(position, m.index);
    if (between.includes('<')) throw new Error(`${label}: malformed markup near ${JSON.stringify(svg.slice(position, position + 120))}`);
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(between))
      throw new Error(`${label}: unescaped & in text near ${JSON.stringify(between.slice(0, 80))}`);
    position = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`${label}: </${name}> closes <${open}>`);
      if (stack.length === 0) roots++;
    } else if (!selfClosing) stack.push(name!);
    else if (stack.length === 0) roots++;
  }
  if (svg.slice(position).trim() !== '') throw new Error(`${label}: text after the last tag`);
  expect(stack, `${label}: unclosed tags`).toEqual([]);
  expect(roots, `${label}: one root element`).toBe(1);
}

/** Number of scenegraph items Vega labelled with this ARIA role description. */
export function countRole(svg: string, role: string): number {
  return svg.split(`aria-roledescription="${role}"`).length - 1;
}

/** The fixture survey and the library's results on it, computed once. */
function build() {
  const raw = loadCsv('loyalty-survey.csv');
  const drivers = { satisfaction: 'sat', image: 'img', trust: 'tru', engagement: 'eng' } as const;
  const rows = raw.map((r) => {
    const out: Record<string, string | number | null> = { ...r };
    for (const [driver, prefix] of Object.entries(drivers)) {
      const items = [1, 2, 3].map((i) => r[`${prefix}${i}`]);
      out[driver] = items.some((x) => x === null) ? null : (items as number[]).reduce((a, b) => a + b, 0) / 3;
    }
    return out;
  });
  const predictors = Object.keys(drivers);
  const scales = {
    satisfaction: ['sat1', 'sat2', 'sat3'],
    image: ['img1', 'img2', 'img3'],
    trust: ['tru1', 'tru2', 'tru3'],
    engagement: ['eng1', 'eng2', 'eng3'],
  };
  const recommend = raw.map((r) => r.recommend);
  const weights = raw.map((r) => r.weight);
  const wave = (k: number) => raw.filter((r) => r.wave === k);
  return {
    raw,
    rows,
    predictors,
    scales,
    recommend,
    weights,
    nps: nps(recommend),
    weightedNps: nps(recommend, { weights }),
    importance: relativeImportance(rows, { outcome: 'recommend', predictors, bootstrap: { replicates: 200, seed: 7 } }),
    importanceNoBootstrap: relativeImportance(rows, { outcome: 'recommend', predictors, metrics: ['lmg', 'pratt', 'first'] }),
    ipa: importancePerformance(rows, { outcome: 'recommend', predictors, scale: { min: 1, max: 7 } }),
    segments: segmentLoyalty(raw, {
      attitude: { mean: ['recommend', 'repurchase_intent', 'upsell_intent'] },
      behaviour: { ratio: ['spend_12m', 'category_spend_12m'] },
    }),
    reliability: reliability(raw, scales),
    waves: compareWaves(raw, {
      wave: 'wave',
      nps: 'recommend',
      csat: 'csat',
      retention: 'retained',
      customerLoyaltyIndex: { items: ['recommend', 'repurchase_intent', 'upsell_intent'], scale: { min: 0, max: 10 } },
      drivers: scales,
      importance: { outcome: 'recommend', bootstrap: { replicates: 100, seed: 3 } },
    }),
    perWave: [1, 2].map((k) => ({
      wave: k,
      nps: nps(wave(k).map((r) => r.recommend)),
      csat: csat(wave(k).map((r) => r.csat)),
      retention: retentionRate(wave(k).map((r) => r.retained)),
      cli: customerLoyaltyIndex(wave(k), { items: ['recommend', 'repurchase_intent', 'upsell_intent'], scale: { min: 0, max: 10 } }),
    })),
  };
}

let cached: ReturnType<typeof build> | undefined;
export function survey(): ReturnType<typeof build> {
  cached ??= build();
  return cached;
}

/** Every chart in its main variants, built from the survey's results. */
export async function allSpecs(): Promise<Record<string, object>> {
  const c = await import('../../src/charts/index.js');
  const s = survey();
  const labels = { satisfaction: 'Satisfaction', image: 'Image', trust: 'Trust', engagement: 'Engagement' };
  return {
    'nps: scores only': c.npsDistributionChart(s.recommend),
    'nps: with result': c.npsDistributionChart(s.recommend, { nps: s.nps }),
    'nps: counts, no title': c.npsDistributionChart(s.recommend, { nps: s.nps, measure: 'count', title: '', width: 300, height: 200 }),
    'nps: weighted': c.npsDistributionChart(s.recommend, { nps: s.weightedNps, weights: s.weights }),
    'importance: shares with intervals': c.importanceChart(s.importance, { labels }),
    'importance: raw, input order': c.importanceChart(s.importance, { value: 'raw', sort: 'input' }),
    'importance: no intervals': c.importanceChart(s.importance, { intervals: false, metric: 'johnson' }),
    'importance: pratt without bootstrap': c.importanceChart(s.importanceNoBootstrap, { metric: 'pratt', value: 'raw' }),
    'ipa: default': c.importancePerformanceChart(s.ipa, { labels }),
    'ipa: no quadrants, fixed domains': c.importancePerformanceChart(s.ipa, {
      quadrants: false,
      performanceDomain: [0, 100],
      importanceDomain: [0, 0.5],
    }),
    'segments: grid': c.segmentChart(s.segments),
    'segments: scatter': c.segmentChart(s.segments, { view: 'scatter', maxRespondents: 400 }),
    'segments: both': c.segmentChart(s.segments, {
      view: 'both',
      segmentLabels: { none: 'Not loyal' },
      attitudeTitle: 'CLI',
      behaviourTitle: 'Share of wallet',
    }),
    'reliability: default': c.reliabilityChart(s.reliability, { labels }),
    'reliability: all coefficients': c.reliabilityChart(s.reliability, {
      statistics: ['alpha', 'standardizedAlpha', 'omegaTotal', 'averageVarianceExtracted'],
    }),
    'reliability: no intervals, custom rules': c.reliabilityChart(s.reliability, { intervals: false, thresholds: [0.6, 0.9] }),
    'trend: waves nps': c.trendChart(s.waves),
    'trend: waves csat band': c.trendChart(s.waves, { measure: 'csat', intervalStyle: 'band' }),
    'trend: waves retention': c.trendChart(s.waves, { measure: 'retention' }),
    'trend: waves cli': c.trendChart(s.waves, { measure: 'customerLoyaltyIndex' }),
    'trend: waves drivers': c.trendChart(s.waves, { measure: 'drivers', labels }),
    'trend: waves importance band': c.trendChart(s.waves, { measure: 'importance', intervalStyle: 'band', drivers: ['trust', 'image'] }),
    'trend: per-wave results': c.trendChart(s.perWave.map((w) => ({ wave: `Wave ${w.wave}`, result: w.nps }))),
    'trend: per-wave series': c.trendChart(
      s.perWave.flatMap((w) => [
        { wave: w.wave, series: 'CSAT', result: w.csat },
        { wave: w.wave, series: 'CLI', result: w.cli },
      ]),
      { yTitle: 'Points (0-100)' },
    ),
    'trend: plain estimates': c.trendChart([
      { wave: 2023, result: { estimate: 41.5 } },
      { wave: 2024, result: { estimate: 44 } },
    ]),
  };
}
