// The report's path-model section on the ECSI example (examples/data/ecsi.csv and
// ecsi-model.json): the diagram and the IPMA map as inline SVG, the path, construct, mediation
// and importance-performance tables, every number marked up and equal to the analysis's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, parseModel, type Analysis } from '../../src/index.js';
import { renderReport } from '../../src/report/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { expectMarkedNumbers, expectNoStrayFigures, flat, readingOf, ROOT, sectionOf } from './example.js';
import { byTag, parseHtml, tables, type Element } from './html.js';

const rows = loadCsv('ecsi.csv');
const model = parseModel(readFileSync(join(ROOT, 'examples', 'data', 'ecsi-model.json'), 'utf8'), { columns: Object.keys(rows[0]!) });
const options = { bootstrap: { replicates: 100, seed: 5 } };
let expected: Analysis;
let doc: Element;

beforeAll(async () => {
  const analysis = analyze(rows, model, options);
  expected = JSON.parse(JSON.stringify(analysis)) as Analysis;
  doc = parseHtml(await renderReport(analysis, { rows }));
}, 120_000);

describe('report: the path model', () => {
  it('has the section with its reading, the diagram and the IPMA map', () => {
    const s = sectionOf(doc, 'path-model');
    expect(s).toBeDefined();
    const reading = flat(readingOf(doc, 'path-model'));
    const loyalty = expected.paths!.model.constructs['loyalty']!.rSquared!;
    expect(reading).toContain(`The path model explains ${(100 * loyalty).toFixed(1)}% of the variance of loyalty`);
    expect(reading).toContain('satisfaction has the largest total effect on it');
    const figures = byTag(s, 'figure').map((f) => f.attributes['data-chart']);
    expect(figures).toEqual(['path-diagram', 'ipma']);
    for (const svg of byTag(s, 'svg')) expect(svg.attributes['role']).toBe('img');
  });

  it('tables: paths with bootstrap intervals, constructs, mediation, importance-performance', () => {
    const t = tables(sectionOf(doc, 'path-model'));
    expect(t.map((x) => x.caption.split(' (')[0]!.split(':')[0])).toEqual([
      'Structural paths',
      'Constructs',
      'Mediation',
      'Importance-performance map of loyalty',
    ]);
    const fit = expected.paths!.model;
    expect(t[0]!.rows.length).toBe(fit.paths.length);
    expect(t[0]!.headers).toEqual([
      'From',
      'To',
      'Path coefficient',
      'Bootstrap SE',
      't',
      'p',
      'Lower',
      'Upper',
      'Significant',
      'f²',
      'Inner VIF',
    ]);
    expect(t[2]!.rows.length).toBe(fit.bootstrap!.mediation.length);
    expect(t[3]!.rows.length).toBe(expected.paths!.importancePerformance!.constructs.length);
  });

  it('marks every number with its value and place in the analysis; no stray figures', () => {
    const { count } = expectMarkedNumbers(sectionOf(doc, 'path-model'), expected);
    expect(count).toBeGreaterThan(100);
    expectNoStrayFigures(doc);
  });
});
