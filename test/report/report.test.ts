// The report of the example survey (examples/data, as the command-line tool reads it), built
// in-process: every section and chart present, every number marked up with its full-precision
// value and its place in the analysis, and that value identical (toBe) to the library's result
// for the same input, shown correctly rounded; no figure outside that markup; nothing that loads
// anything; balanced, accessible markup. (tables.test.ts checks the tables cell by cell.)
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/index.js';
import { reportCharts } from '../../src/report/index.js';
import type { Row } from '../../src/types.js';
import type { LoyaltyModel } from '../../src/model/types.js';
import { exampleReport, expectMarkedNumbers, expectNoStrayFigures, flat, readingOf, sectionOf } from './example.js';
import { byTag, elements, findAll, hasClass, type Element, type ParsedTable } from './html.js';

const SECTIONS: Record<string, string> = {
  summary: 'At a glance',
  indices: 'Loyalty indices',
  reliability: 'Driver reliability and validity',
  regression: 'Regression on the drivers',
  importance: 'Driver importance and priorities',
  'what-if': 'What if a driver improves',
  segments: 'Loyalty segments and profiles',
  waves: 'Changes between waves',
  notes: 'Data and methods',
};
const CHARTS = [
  'nps',
  'reliability',
  'importance:recommend',
  'priorities:recommend',
  'asymmetry:recommend',
  'importance:retained',
  'segments',
  'trend:nps',
  'trend:csat',
  'trend:customerLoyaltyIndex',
  'trend:retention',
  'trend:drivers',
  'trend:importance',
];

let rows: readonly Row[];
let model: LoyaltyModel;
let expected: Analysis;
let html: string;
let doc: Element;
let all: ParsedTable[];

beforeAll(async () => {
  ({ rows, model, expected, html, doc, tables: all } = await exampleReport());
});

const section = (id: string) => sectionOf(doc, id);
const reading = (id: string) => readingOf(doc, id);

describe('the report of the example survey', () => {
  it('has every section, each headed and opening with a one-sentence reading', () => {
    const main = byTag(doc, 'main')[0]!;
    const sections = elements(main).filter((e) => e.tag === 'section');
    expect(sections.map((s) => s.attributes['id'])).toEqual(Object.keys(SECTIONS));
    for (const s of sections) {
      const id = s.attributes['id']!;
      const [h2, first] = elements(s);
      expect(h2!.tag).toBe('h2');
      expect(flat(h2!)).toBe(SECTIONS[id]);
      expect(s.attributes['aria-labelledby']).toBe(h2!.attributes['id']);
      if (id === 'summary') continue;
      expect(hasClass(first!, 'reading'), id).toBe(true);
      const sentence = flat(first!);
      expect(sentence, id).toMatch(/^[A-Z0-9].*[.]$/);
      expect(sentence.slice(0, -1), `${id}: one sentence`).not.toMatch(/[.!?]\s+[A-Z]/);
    }
    // The summary repeats each reading, linked to its section.
    const findings = byTag(section('summary'), 'li');
    expect(findings.map((li) => byTag(li, 'a')[0]!.attributes['href'])).toEqual(
      Object.keys(SECTIONS)
        .filter((k) => k !== 'summary' && k !== 'notes')
        .map((k) => `#${k}`),
    );
    for (const li of findings) {
      const id = byTag(li, 'a')[0]!.attributes['href']!.slice(1);
      expect(flat(li)).toBe(`${SECTIONS[id]}: ${flat(reading(id))}`);
    }
  });

  it('shows every chart of the analysis as inline, accessible SVG in its section', () => {
    const specs = reportCharts(analyze(rows, model), { rows });
    expect(Object.keys(specs)).toEqual(CHARTS);
    const figures = byTag(doc, 'figure');
    expect(figures.map((f) => f.attributes['data-chart'])).toEqual(CHARTS);
    const home: Record<string, string> = { nps: 'indices', reliability: 'reliability', segments: 'segments' };
    for (const f of figures) {
      const key = f.attributes['data-chart']!;
      const svg = elements(f)[0]!;
      expect(svg.tag).toBe('svg');
      expect(svg.attributes['role']).toBe('img');
      expect(svg.attributes['aria-label']).toBe(specs[key]!.description);
      expect(Number(svg.attributes['width'])).toBeGreaterThan(100);
      expect(Number(svg.attributes['height'])).toBeGreaterThan(100);
      expect(svg.attributes['viewbox']).toMatch(/^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
      expect(svg.attributes['xmlns']).toBeUndefined();
      expect(byTag(svg, 'text').length, key).toBeGreaterThan(3);
      const within = home[key] ?? (key.startsWith('trend:') ? 'waves' : 'importance');
      expect(findAll(section(within), (e) => e === f)).toHaveLength(1);
    }
  });

  it("draws the analysis's own results in its charts", () => {
    const specs = reportCharts(analyze(rows, model), { rows }) as unknown as Record<string, { data: { values: any[] } }>;
    const o = expected.outcomes[0]!;
    for (const d of specs['importance:recommend']!.data.values) expect(d.value).toBe(o.importance!.shares['lmg']![d.driver]);
    for (const d of specs['priorities:recommend']!.data.values) {
      const p = o.priorities!.drivers.find((x) => x.driver === d.driver)!;
      expect([d.importance, d.performance, d.quadrant]).toEqual([p.importance, p.performance, p.quadrant]);
    }
    for (const d of specs['segments']!.data.values) expect(d.count).toBe(expected.segmentation!.segments.counts[d.segment as 'true']);
    const npsTrend = specs['trend:nps']!.data.values;
    expect(npsTrend.map((d) => d.estimate)).toEqual(expected.waves!.waves.map((w) => w.nps!.estimate));
    for (const d of specs['reliability']!.data.values.filter((x) => x.statistic === 'alpha')) {
      expect(d.value).toBe(expected.measurement!.reliability.scales[d.scale]!.estimate);
    }
    const nps = specs['nps']!.data.values;
    expect(nps.reduce((s, d) => s + d.count, 0)).toBe(expected.indices.nps!.n);
    expect(nps.find((d) => d.score === 10)!.categoryShare).toBe(expected.indices.nps!.promoterShare);
  });

  it("marks every number with its full-precision value and JSON pointer; each equals the library's result and is shown correctly rounded", () => {
    const { count, rules } = expectMarkedNumbers(doc, expected);
    expect(count).toBeGreaterThan(600);
    expect(rules).toEqual(["Nunnally's threshold for alpha=0.7"]);
  });

  it("has no figure outside that markup: every digit of the page's text is a marked-up number or part of a name", () => {
    expectNoStrayFigures(doc);
  });

  it('loads nothing: no URL, no script, no external resource; links stay on the page', () => {
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|audio|video|source|base)\b/i);
    expect(html).not.toMatch(/\ssrc\s*=|srcset|@import|url\(/i);
    const ids = findAll(doc, (e) => e.attributes['id'] !== undefined).map((e) => e.attributes['id']!);
    expect(new Set(ids).size).toBe(ids.length);
    const hrefs = findAll(doc, (e) => e.attributes['href'] !== undefined).map((e) => e.attributes['href']!);
    expect(hrefs.length).toBeGreaterThan(10);
    for (const h of hrefs) {
      expect(h.startsWith('#'), h).toBe(true);
      expect(ids, h).toContain(h.slice(1));
    }
  });

  it('is one well-formed, accessible document: head, headings in order, captioned tables with header scopes', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(byTag(doc, 'html')).toHaveLength(1);
    const head = byTag(doc, 'head')[0]!;
    expect(byTag(head, 'meta').map((m) => m.attributes['charset'] ?? m.attributes['name'])).toEqual([
      'utf-8',
      'viewport',
      'color-scheme',
      'generator',
    ]);
    expect(flat(byTag(head, 'title')[0]!)).toBe('Loyalty drivers report');
    const headings = findAll(
      byTag(doc, 'body')[0]!,
      (e) => /^h[1-6]$/.test(e.tag) && !findAll(doc, (s) => s.tag === 'svg').some((s) => findAll(s, (x) => x === e).length > 0),
    );
    expect(headings[0]!.tag).toBe('h1');
    expect(headings.filter((h) => h.tag === 'h1')).toHaveLength(1);
    for (let k = 1; k < headings.length; k++) {
      expect(Number(headings[k]!.tag[1]) - Number(headings[k - 1]!.tag[1]), flat(headings[k]!)).toBeLessThanOrEqual(1);
    }
    expect(all.length).toBeGreaterThan(15);
    for (const t of all) {
      expect(t.caption.length).toBeGreaterThan(5);
      const wrapper = t.element.parent!;
      expect([wrapper.attributes['class'], wrapper.attributes['role'], wrapper.attributes['tabindex']]).toEqual([
        'table-scroll',
        'region',
        '0',
      ]);
      expect(wrapper.attributes['aria-label']).toBe(t.caption);
      for (const th of byTag(byTag(t.element, 'thead')[0]!, 'th')) expect(th.attributes['scope']).toBe('col');
      for (const r of t.rows) {
        expect(r[0]!.tag).toBe('th');
        expect(r[0]!.attributes['scope']).toBe('row');
        expect(r.length).toBe(t.headers.length);
      }
    }
    const style = byTag(head, 'style')[0]!.children.join('');
    expect(style).toContain('@media print');
    expect(style).toContain('max-width: 100%');
    expect(style).toMatch(/\.table-scroll \{ overflow-x: auto;/);
  });
});
