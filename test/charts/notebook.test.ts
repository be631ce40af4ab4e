// The notebook display helper: MIME bundles for charts (Vega-Lite under the type the front ends
// render, SVG/PNG fallbacks, text alternative) and for results (HTML table and aligned text with
// the same cells). The numbers in the tables are the results' own, formatted; checked by hand.
import { describe, expect, it } from 'vitest';
import { mimeBundle, notebookDisplay, npsDistributionChart, trendChart } from '../../src/charts/index.js';
import { InputError, nps, ols } from '../../src/index.js';
import { formatCell } from '../../src/charts/resultTable.js';

const V5 = 'application/vnd.vegalite.v5+json';
const scores = [10, 9, 8, 3];

describe('mimeBundle of a chart', () => {
  const spec = npsDistributionChart(scores);

  it('passes the v6 spec under the v5 type with a v5 $schema, the rest untouched', () => {
    const bundle = mimeBundle(spec);
    expect(Object.keys(bundle)).toEqual([V5, 'text/plain']);
    const shown = bundle[V5] as Record<string, unknown>;
    expect(shown['$schema']).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    expect({ ...shown, $schema: spec.$schema }).toEqual(spec);
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json'); // input not mutated
    expect(bundle['text/plain']).toBe(spec.description);
  });

  it('keeps a v4 or v5 spec under its own type, unchanged', () => {
    const v4 = { $schema: 'https://vega.github.io/schema/vega-lite/v4.json', mark: 'bar', description: 'd' };
    expect(mimeBundle(v4)).toEqual({ 'application/vnd.vegalite.v4+json': v4, 'text/plain': 'd' });
  });

  it('adds the SVG and PNG fallbacks; PNG bytes become base64', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"></svg>';
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]); // base64 of 89 50 4E 47 is iVBORw==
    const bundle = mimeBundle(spec, { svg, png });
    expect(Object.keys(bundle)).toEqual([V5, 'image/svg+xml', 'image/png', 'text/plain']);
    expect(bundle['image/svg+xml']).toBe(svg);
    expect(bundle['image/png']).toBe('iVBORw==');
    expect(mimeBundle(spec, { png: 'iVBORw==' })['image/png']).toBe('iVBORw==');
    // RFC 4648 section 10 test vectors: "f" -> "Zg==", "fo" -> "Zm8=", "foobar" -> "Zm9vYmFy".
    const encode = (s: string) => mimeBundle(spec, { png: new TextEncoder().encode(s) })['image/png'];
    expect(['f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(encode)).toEqual(['Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy']);
    expect(Object.keys(mimeBundle(spec, { svg, vegaLite: false }))).toEqual(['image/svg+xml', 'text/plain']);
  });

  it('falls back to the title when a spec has no description', () => {
    const bare = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: { text: 'Trend' }, mark: 'line' };
    expect(mimeBundle(bare)['text/plain']).toBe('Trend');
  });

  it('the bundle is JSON (what a notebook saves)', () => {
    const waves = trendChart([
      { wave: '1', result: nps(scores) },
      { wave: '2', result: nps([10, 10, 8, 3]) },
    ]);
    const bundle = mimeBundle(waves, { svg: '<svg></svg>' });
    expect(JSON.parse(JSON.stringify(bundle))).toEqual(bundle);
  });

  it('refuses table options, a non-SVG svg and a bad png', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return `${(e as InputError).code}: ${(e as Error).message}`;
      }
      return 'no error';
    };
    expect(code(() => mimeBundle(spec, { table: 'coefficients' }))).toMatch(/^INVALID_OPTION: options.table: applies to result tables/);
    expect(code(() => mimeBundle(spec, { svg: '<div>' }))).toMatch(/^INVALID_OPTION: options.svg: expected an SVG document/);
    expect(code(() => mimeBundle(spec, { png: 'not base64!' }))).toMatch(/^INVALID_OPTION: options.png/);
    expect(code(() => mimeBundle(spec, { svgs: '' } as never))).toMatch(
      /^INVALID_OPTION: options.svgs: unknown option; did you mean "svg"/,
    );
  });
});

describe('mimeBundle of a result', () => {
  it('a result without tables: one row of its estimates, without options and missing, caption method and n', () => {
    // nps([10, 9, 8, 3]): 2 promoters, 1 detractor of 4 -> 25; SE 41.4578... shown to 4 digits.
    const bundle = mimeBundle(nps(scores), { columns: ['estimate', 'standardError', 'confidenceInterval.lower', 'n'] });
    expect(bundle['text/plain']).toBe(
      ['nps, n = 4', 'estimate  standardError  confidenceInterval.lower  n', '      25          41.46                    -44.16  4'].join(
        '\n',
      ),
    );
    const html = String(bundle['text/html']);
    expect(html).toContain('<caption>nps, n = 4</caption>');
    expect(html).toContain('<th style="text-align: right">standardError</th>');
    expect(html).toContain('<td style="text-align: right">41.46</td>');
    const all = String(mimeBundle(nps(scores))['text/plain']).split('\n')[1]!;
    expect(all).toContain('intervalMethod');
    expect(all).not.toMatch(/options|missing|method /);
  });

  it("a result's first table (ols: coefficients), or the one asked for", () => {
    // y = 1 + 2x exactly for x = 0..4, plus one point off the line: the fit has 6 rows.
    const rows = [0, 1, 2, 3, 4, 5].map((x) => ({ x, y: 1 + 2 * x + (x === 5 ? 1 : 0) }));
    const fit = ols(rows, { outcome: 'y', predictors: ['x'] });
    const text = String(mimeBundle(fit, { columns: ['term', 'estimate'] })['text/plain']).split('\n');
    expect(text[0]).toBe('ols, coefficients, n = 6');
    expect(text.slice(1, 2)).toEqual(['term         estimate']);
    expect(text).toHaveLength(4);
    expect(formatCell(fit.coefficients[1]!.estimate, 4)).toBe(text[3]!.split(/\s+/)[1]);
  });

  it('rows: cut at maxRows with a note; numbers to `digits`; every string escaped', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ name: i === 0 ? '<b>&"' : `r${i}`, value: i + 1 / 3 }));
    const bundle = mimeBundle(rows, { maxRows: 2, digits: 3, caption: 'Rows & more' });
    const html = String(bundle['text/html']);
    expect(html).toContain('<td style="text-align: left">&lt;b&gt;&amp;&quot;</td>');
    expect(html).toContain('<caption>Rows &amp; more</caption>');
    expect(html).toContain('<td style="text-align: right">1.33</td>');
    expect(html).toContain('<p>… 3 more rows (of 5)</p>');
    expect(String(bundle['text/plain']).split('\n')).toEqual([
      'Rows & more',
      'name   value',
      '<b>&"  0.333',
      'r1      1.33',
      '... 3 more rows (of 5)',
    ]);
  });

  it("lists the result's warnings under the table", () => {
    const result = { method: 'x', n: 1, estimate: 1, warnings: [{ code: 'SMALL_SAMPLE', message: 'Only <30 cases.' }] };
    const bundle = mimeBundle(result);
    expect(bundle['text/html']).toContain('<ul><li>Only &lt;30 cases.</li></ul>');
    expect(String(bundle['text/plain']).split('\n').at(-1)).toBe('warning: Only <30 cases.');
  });

  it('cells: integers whole, others to significant digits, null empty', () => {
    expect(formatCell(12345678, 4)).toBe('12345678');
    expect(formatCell(12345.678, 4)).toBe('12350');
    expect(formatCell(0.000123456, 3)).toBe('0.000123');
    expect(formatCell(1.5e-30, 4)).toBe('1.5e-30');
    expect(formatCell(null, 4)).toBe('');
    expect(formatCell(true, 4)).toBe('true');
  });

  it('refuses chart options, bad digits and a table the result lacks', () => {
    expect(() => mimeBundle(nps(scores), { svg: '<svg></svg>' })).toThrow(/options.svg: applies to charts/);
    expect(() => mimeBundle(nps(scores), { digits: 0 })).toThrow(/options.digits/);
    expect(() => mimeBundle(nps(scores), { table: 'coefficients' })).toThrow(/"coefficients" is not a table of this result/);
  });
});

describe('notebookDisplay', () => {
  it("answers Deno's Jupyter.display protocol with the bundle", () => {
    const spec = npsDistributionChart(scores);
    const shown = notebookDisplay(spec, { svg: '<svg></svg>' });
    const display = shown[Symbol.for('Jupyter.display')];
    expect(typeof display).toBe('function');
    expect(display!()).toBe(shown.mimeBundle);
    expect(shown.mimeBundle).toEqual(mimeBundle(spec, { svg: '<svg></svg>' }));
  });
});
