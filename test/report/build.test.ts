// buildReport on its own: the readings' other branches (on edited copies of the example's
// analysis), escaping of every string from the data and the model, sections that an analysis
// lacks, chart checks (ids kept apart, scripts and external references refused), typed errors,
// and the number formatting (hand-worked expectations).
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, InputError, validateModel, type Analysis } from '../../src/index.js';
import { buildReport, renderReport, reportCharts } from '../../src/report/index.js';
import { readData } from '../../src/io/index.js';
import { readFileSync } from 'node:fs';
import { escapeHtml, formatNumber, LEVEL, pointer } from '../../src/report/markup.js';
import { expectError } from '../helpers/fixtures.js';
import { DATA, expectMarkedNumbers, expectNoStrayFigures, loadExample, MODEL, plainAnalysis } from './example.js';
import { byTag, elements, findAll, hasClass, parseHtml, textOf, type Element } from './html.js';

let base: Analysis;
beforeAll(async () => {
  const { rows, model } = await loadExample();
  base = plainAnalysis(rows, model);
});

const edited = (edit: (a: any) => void): Analysis => {
  const copy = JSON.parse(JSON.stringify(base));
  edit(copy);
  return copy as Analysis;
};
const readingOf = (html: string, id: string): string => {
  const doc = parseHtml(html);
  const s = findAll(doc, (e) => e.tag === 'section' && e.attributes['id'] === id)[0]!;
  return textOf(elements(s).find((e) => hasClass(e, 'reading'))!)
    .replace(/\s+/g, ' ')
    .trim();
};

describe('readings', () => {
  it('the notes reading counts the rows read (Analysis.rowsIn), not a dash', () => {
    // The example survey: 2,000 rows; the driver models use the 1,596 complete on all 12 items
    // and the outcome (test/fixtures/loyalty-survey.json: n = 1596).
    expect(readingOf(buildReport(base), 'notes')).toMatch(/^The driver models use 1,596 of the 2,000 rows/);
  });

  it('the most important driver performing below average: "concentrate here"', () => {
    const a = edited((x) => {
      for (const d of x.outcomes[0].priorities.drivers) {
        if (d.driver === 'trust') d.quadrant = 'concentrate here';
        if (d.driver === 'satisfaction') d.quadrant = 'keep up the good work';
      }
    });
    // trust: 31.30160080824286% of R² (shares.lmg.trust), shown to one decimal.
    expect(readingOf(buildReport(a), 'importance')).toBe(
      'Trust matters most (31.3% of the explained variance) and performs below average: concentrate here.',
    );
  });

  it('no important driver below the cut', () => {
    const a = edited((x) => {
      for (const d of x.outcomes[0].priorities.drivers) if (d.quadrant === 'concentrate here') d.quadrant = 'keep up the good work';
    });
    expect(readingOf(buildReport(a), 'importance')).toBe(
      'Trust matters most (31.3% of the explained variance) and performs above average; no important driver performs below average.',
    );
  });

  it('the top two not separated by the bootstrap', () => {
    const a = edited((x) => {
      x.outcomes[0].importance.bootstrap = {
        method: 'row-resampling',
        replicates: 200,
        seed: 1,
        confidenceLevel: 0.95,
        intervalMethod: 'percentile',
        redrawn: 0,
        rSquared: {
          estimate: 0.45,
          standardError: 0.02,
          confidenceInterval: [0.4, 0.5],
          confidenceLevel: 0.95,
          intervalMethod: 'percentile',
        },
        intervals: {},
        shareIntervals: {},
        rankFrequencies: {},
        differences: {
          lmg: [
            {
              first: 'satisfaction',
              second: 'trust',
              estimate: -0.008,
              standardError: 0.01,
              confidenceInterval: [-0.03, 0.02],
              confidenceLevel: 0.95,
              intervalMethod: 'percentile',
              proportionFirstHigher: 0.3,
            },
          ],
        },
      };
    });
    expect(readingOf(buildReport(a), 'importance')).toBe(
      'Trust and satisfaction matter most (31.3% and 29.6% of the explained variance; the bootstrap does not separate them); satisfaction performs below average: concentrate there.',
    );
  });

  it('waves without a significant change, and with several', () => {
    const none = edited((x) => {
      x.waves.comparisons[0].drivers.trust.pValue = 0.2;
    });
    expect(readingOf(buildReport(none), 'waves')).toBe('No change between waves 1 and 2 is significant at 5%.');
    const two = edited((x) => {
      x.waves.comparisons[0].nps.pValue = 0.0123;
    });
    // NPS difference 1.0575743150082815 points -> +1.1; p 0.0123 -> 0.012.
    expect(readingOf(buildReport(two), 'waves')).toBe(
      'No change between waves 1 and 2 is significant at 5% except NPS (+1.1 points, p = 0.012) and trust (+0.28, p < 0.001).',
    );
  });

  it('a scale below the alpha rule of thumb, and overlapping drivers', () => {
    const a = edited((x) => {
      x.measurement.reliability.scales.image.estimate = 0.62;
      x.measurement.htmt.pairs[0].value = 0.91;
    });
    expect(readingOf(buildReport(a), 'reliability')).toBe(
      "Cronbach's alpha is below 0.7 for image (0.620): read that driver with care, but satisfaction and image overlap (HTMT 0.91, above 0.85): their separate effects are hard to tell apart.",
    );
  });

  it('no significant driver, in the linear and the logistic fit', () => {
    const a = edited((x) => {
      for (const o of x.outcomes) for (const c of o.regression.coefficients) c.pValue = 0.5;
    });
    const html = buildReport(a);
    expect(readingOf(html, 'regression')).toBe(
      'The drivers explain 45.7% of the variance in recommend, and none of them is significant at 5%.',
    );
    const doc = parseHtml(html);
    const h3 = findAll(doc, (e) => e.tag === 'h3' && textOf(e) === 'Retained: logistic regression')[0]!;
    const siblings = elements(h3.parent!);
    // McFadden R² 0.0774699238707196 -> 0.077.
    expect(textOf(siblings[siblings.indexOf(h3) + 1]!)).toBe('No driver moves retained significantly at 5% (McFadden R² 0.077).');
  });

  it('a driver that is not significant', () => {
    const a = edited((x) => {
      x.outcomes[0].regression.coefficients[2].pValue = 0.3; // image
    });
    expect(readingOf(buildReport(a), 'regression')).toBe(
      'The drivers explain 45.7% of the variance in recommend; trust has the largest effect (+0.42 points per scale point, p < 0.001), while image is not significant at 5%.',
    );
  });
});

describe('escaping and partial analyses', () => {
  const bad = `<img src=x onerror="alert(1)">&amp;'`;
  const rows = Array.from({ length: 40 }, (_, i) => ({
    s1: 1 + (i % 5),
    s2: 1 + ((i * 3) % 5),
    [`t1${bad}`]: 1 + ((i * 2) % 5),
    t2: 1 + ((i + 1) % 5),
    [`rec${bad}`]: (i * 7) % 11,
  }));
  const model = validateModel(
    {
      description: '<script>alert("x")</script> & more',
      scales: { satisfaction: { items: ['s1', 's2'], min: 1, max: 5 }, [`trust${bad}`]: { items: [`t1${bad}`, 't2'], min: 1, max: 5 } },
      outcomes: [`rec${bad}`],
      recommend: `rec${bad}`,
    },
    { columns: Object.keys(rows[0]!) },
  );
  const analysis = analyze(rows, model);

  it('escapes every string from the data, the model and the title', () => {
    const title = '</title><script>alert(2)</script>';
    const html = buildReport(analysis, { title });
    expect(html).not.toMatch(/<(script|img)\b/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    const doc = parseHtml(html);
    expect(textOf(byTag(doc, 'title')[0]!)).toBe(title);
    expect(textOf(byTag(doc, 'h1')[0]!)).toBe(title);
    expect(textOf(findAll(doc, (e) => hasClass(e, 'lede'))[0]!)).toBe(model.description);
    const body = textOf(byTag(doc, 'main')[0]!);
    expect(body).toContain(`trust${bad}`);
    expect(body).toContain(`Coefficients of rec${bad}`);
    // Attributes too: the table regions' labels.
    const labels = findAll(doc, (e) => e.attributes['aria-label'] !== undefined).map((e) => e.attributes['aria-label']!);
    expect(labels).toContain(`Coefficients of rec${bad} (95% confidence intervals)`);
  });

  it('leaves out the sections the analysis lacks and lists its notes', () => {
    const oneDriver = validateModel(
      {
        scales: { satisfaction: { items: ['s1', 's2'], min: 1, max: 5 } },
        outcomes: ['t2'],
      },
      { columns: Object.keys(rows[0]!) },
    );
    const a = analyze(rows, oneDriver);
    expect(a.warnings).toEqual([{ code: 'TOO_FEW_DRIVERS', message: 'outcome "t2": importance needs at least two drivers' }]);
    const doc = parseHtml(buildReport(a));
    const ids = findAll(doc, (e) => e.tag === 'section').map((e) => e.attributes['id']);
    expect(ids).toEqual(['summary', 'reliability', 'regression', 'what-if', 'notes']);
    expect(a.measurement!.reliability.warnings).toHaveLength(1);
    expect(findAll(doc, (e) => hasClass(e, 'message')).map((e) => textOf(e))).toEqual([
      ...a.measurement!.reliability.warnings.map((w) => w.message),
      ...a.warnings.map((w) => w.message),
    ]);
    expect(byTag(doc, 'figure')).toEqual([]);
  });

  it('without rows there is no NPS chart; other charts are keyed by outcome', () => {
    expect(Object.keys(reportCharts(analysis))).toEqual([`reliability`, `importance:rec${bad}`, `priorities:rec${bad}`]);
    expect(Object.keys(reportCharts(analysis, { rows }))[0]).toBe('nps');
    // The recommend answers alone give the same NPS chart (a streamed analysis has no rows).
    const column = analysis.model.recommend!.column;
    const scores = rows.map((r) => (r as Record<string, unknown>)[column]);
    expect(reportCharts(analysis, { recommendScores: scores })['nps']).toEqual(reportCharts(analysis, { rows })['nps']);
    expectError(() => reportCharts(analysis, { rows, recommendScores: scores }), InputError, 'INVALID_OPTION', ['recommendScores']);
  });

  it('gives the same bytes for the same analysis', () => {
    expect(buildReport(analysis)).toBe(buildReport(JSON.parse(JSON.stringify(analysis))));
  });
});

describe('other models of the example survey', () => {
  const raw = JSON.parse(readFileSync(MODEL, 'utf8')) as Record<string, unknown>;
  const without = (...keys: string[]) => Object.fromEntries(Object.entries(raw).filter(([k]) => !keys.includes(k)));
  const variants: [string, Record<string, unknown>, string[]][] = [
    ['indices only', without('scales', 'drivers', 'outcomes', 'segmentation', 'wave'), ['summary', 'indices', 'notes']],
    ['CSAT only', { version: 1, csat: 'csat' }, ['summary', 'indices', 'notes']],
    [
      'no waves, no segments',
      without('wave', 'segmentation'),
      ['summary', 'indices', 'reliability', 'regression', 'importance', 'what-if', 'notes'],
    ],
    [
      'net CLI, unweighted',
      { ...without('weight'), loyaltyIndex: { ...(raw['loyaltyIndex'] as object), method: 'net' } },
      ['summary', 'indices', 'reliability', 'regression', 'importance', 'what-if', 'segments', 'waves', 'notes'],
    ],
  ];
  for (const [label, declaration, sections] of variants) {
    it(`${label}: the sections it has, every number the library's (90% intervals)`, async () => {
      const model = validateModel(declaration);
      const { rows } = await readData(DATA, { model });
      const expected = plainAnalysis(rows, model, { confidenceLevel: 0.9 });
      const doc = parseHtml(await renderReport(analyze(rows, model, { confidenceLevel: 0.9 }), { rows }));
      expect(findAll(doc, (e) => e.tag === 'section').map((e) => e.attributes['id'])).toEqual(sections);
      expect(expectMarkedNumbers(doc, expected).count).toBeGreaterThan(10);
      expectNoStrayFigures(doc);
      expect(textOf(byTag(doc, 'main')[0]!)).toContain('(90% CI');
    });
  }
});

describe('charts in the page', () => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10" role="img" aria-label="x"><defs><clipPath id="clip1"><rect width="5" height="5"/></clipPath></defs><g clip-path="url(#clip1)"><rect width="10" height="10"/></g></svg>';

  it('keeps the ids of different charts apart and drops the namespace declarations', () => {
    const html = buildReport(base, { charts: { reliability: svg, segments: svg } });
    expect(html).toContain('<clipPath id="chart1-clip1">');
    expect(html).toContain('<clipPath id="chart2-clip1">');
    expect(html).toContain('clip-path="url(#chart2-clip1)"');
    expect(html).not.toContain('xmlns');
    const doc = parseHtml(html);
    const figures = byTag(doc, 'figure').map((f: Element) => f.attributes['data-chart']);
    expect(figures).toEqual(['reliability', 'segments']);
  });

  it('refuses charts that are not SVG or that would run or load something', () => {
    const cases: [string, string][] = [
      ['not svg', 'SVG string'],
      ['<svg><script>alert(1)</script></svg>', 'a script'],
      ['<svg><image href="https://example.org/x.png"/></svg>', 'external reference'],
      ['<svg><a xlink:href="http://example.org">x</a></svg>', 'external reference'],
      ['<svg><rect style="fill: url(https://example.org/p.svg#g)"/></svg>', 'url()'],
      ['<svg><rect onclick="alert(1)"/></svg>', 'event handler'],
      ['<svg><style>@import "x.css";</style></svg>', 'style sheet'],
      ['<svg><foreignObject><div/></foreignObject></svg>', 'foreignObject'],
    ];
    for (const [chart, mention] of cases) {
      expectError(() => buildReport(base, { charts: { nps: chart } }), InputError, 'INVALID_OPTION', ['options.charts["nps"]', mention]);
    }
  });
});

describe('errors', () => {
  it('wants an analyze() result and well-typed options', () => {
    expectError(() => buildReport({} as Analysis), InputError, 'INVALID_OPTION', ['analysis', 'analyze()']);
    expectError(() => buildReport(null as unknown as Analysis), InputError, 'INVALID_OPTION', ['analyze()']);
    expectError(() => reportCharts({ method: 'ols' } as unknown as Analysis), InputError, 'INVALID_OPTION', ['analyze()']);
    expectError(() => buildReport(base, { title: 3 as unknown as string }), InputError, 'INVALID_OPTION', ['options.title']);
  });
});

describe('number formatting', () => {
  it('rounds half away from zero as toFixed does on the binary value, with no negative zero', () => {
    expect(formatNumber(-16.2, { digits: 1 })).toBe('-16.2');
    expect(formatNumber(-0.04, { digits: 1 })).toBe('0.0');
    expect(formatNumber(-0.04, { digits: 1, signed: true })).toBe('0.0');
    expect(formatNumber(0.28172971569849237, { digits: 2, signed: true })).toBe('+0.28');
    expect(formatNumber(0.3984611673, { digits: 3 })).toBe('0.398');
  });
  it('percentages, points, complements and confidence levels', () => {
    expect(formatNumber(0.2175, { percent: true, digits: 1 })).toBe('21.8%'); // 0.2175 * 100 = 21.75 exactly in binary; toFixed(1) rounds it up
    expect(formatNumber(0.7451951496687655, { percent: true, digits: 1, complement: true })).toBe('25.5%'); // 1 - 0.7452 = 0.2548
    expect(formatNumber(-0.005384865317247023, { points: true, digits: 1, signed: true })).toBe('-0.5');
    expect(formatNumber(0.95, LEVEL)).toBe('95%');
    expect(formatNumber(0.975, LEVEL)).toBe('97.5%');
    expect(formatNumber(0.9, LEVEL)).toBe('90%'); // 0.9 * 100 = 90.00000000000001
    expect(formatNumber(0.95, { ...LEVEL, complement: true })).toBe('5%'); // (1 - 0.95) * 100 = 5.000000000000004
  });
  it('p-values, counts and exact settings', () => {
    expect(formatNumber(6.5e-6, { pValue: true })).toBe('< 0.001');
    expect(formatNumber(0.001, { pValue: true })).toBe('0.001');
    expect(formatNumber(0.7676183786832056, { pValue: true })).toBe('0.768');
    expect(formatNumber(1234567.891, { digits: 2, grouped: true })).toBe('1,234,567.89');
    expect(formatNumber(-1234, { digits: 0, grouped: true })).toBe('-1,234');
    expect(formatNumber(999, { digits: 0, grouped: true })).toBe('999');
    expect(formatNumber(0.1, { exact: true })).toBe('0.1');
    expect(formatNumber(9, { exact: true })).toBe('9');
  });
  it('escapes HTML and writes RFC 6901 pointers', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    expect(pointer(['scales', 'a/b', 'c~d', 0])).toBe('/scales/a~1b/c~0d/0');
  });
});
