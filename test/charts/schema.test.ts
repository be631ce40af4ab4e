// Every chart spec is valid Vega-Lite v6 (the installed vega-lite-schema.json, ajv, draft-07),
// compiles and renders without a Vega-Lite or Vega warning, and round-trips through JSON.
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/charts/index.js';
import { allSpecs, expectValidSpec, validateSpec } from './setup.js';

const specs = await allSpecs();

describe('chart specs against the Vega-Lite schema', () => {
  it('the validator rejects what is not Vega-Lite (so passing means something)', () => {
    const good = specs['nps: with result'] as Record<string, unknown>;
    expect(validateSpec(good).valid).toBe(true);
    expect(validateSpec({ ...good, layer: [{ mark: 'histogram' }] }).valid).toBe(false);
    expect(validateSpec({ ...good, width: 'wide' }).valid).toBe(false);
    expect(validateSpec({ ...good, layer: [{ mark: { type: 'bar', opacity: 'half' } }] }).valid).toBe(false);
    expect(validateSpec({ ...good, encoding: { x: { field: 'score', type: 'interval' } } }).valid).toBe(false);
    expect(validateSpec({ ...good, encodng: {} }).valid).toBe(false);
  });
  for (const [name, spec] of Object.entries(specs)) {
    it(name, async () => {
      expectValidSpec(spec, name);
      const s = spec as Record<string, unknown>;
      expect(s['$schema']).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      expect(typeof s['description']).toBe('string');
      expect((s['description'] as string).length).toBeGreaterThan(60);
      // Plain JSON: no undefined, NaN, Infinity, functions or class instances survive a round trip unchanged.
      expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(spec);
      const warnings: string[] = [];
      const svg = await renderSvg(spec, { onWarning: (m) => warnings.push(m) });
      expect(warnings).toEqual([]);
      expect(svg.length).toBeGreaterThan(1000);
    });
  }
});
