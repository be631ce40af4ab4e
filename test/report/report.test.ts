// The report of the example survey (examples/data, as the command-line tool reads it), built
// in-process: every section and chart present, every number marked up with its full-precision
// value and its place in the analysis, and that value identical (toBe) to the library's result
// for the same input, shown correctly rounded; the tables checked cell by cell against the
// results they show; nothing that loads anything; balanced, accessible markup.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/index.js';
import { renderReport, reportCharts } from '../../src/report/index.js';
import type { Row } from '../../src/types.js';
import type { LoyaltyModel } from '../../src/model/types.js';
import { expectShownCorrectly, loadExample, plainAnalysis, resolvePointer, shownQuantity } from './example.js';
import { byTag, elements, findAll, hasClass, parseHtml, tables, textOf, type Element, type ParsedTable } from './html.js';

const SECTIONS: Record<string, string> = {
  summary: 'At a glance', indices: 'Loyalty indices', reliability: 'Driver reliability and validity', regression: 'Regression on the drivers',
  importance: 'Driver importance and priorities', 'what-if': 'What if a driver improves', segments: 'Loyalty segments and profiles',
  waves: 'Changes between waves', notes: 'Data and methods',
};
const CHARTS = [
  'nps', 'reliability', 'importance:recommend', 'priorities:recommend', 'segments',
  'trend:nps', 'trend:csat', 'trend:customerLoyaltyIndex', 'trend:retention', 'trend:drivers', 'trend:importance',
];
const DOMINANCE_WORDS: Record<string, string> = { 1: 'dominates', 0.5: 'neither', 0: 'is dominated' };

let rows: readonly Row[];
let model: LoyaltyModel;
let expected: Analysis;
let html: string;
let doc: Element;
let all: ParsedTable[];

beforeAll(async () => {
  ({ rows, model } = await loadExample());
  expected = plainAnalysis(rows, model);
  html = await renderReport(analyze(rows, model), { rows });
  doc = parseHtml(html); // throws on any unbalanced or misnested tag
  all = tables(doc);
});

const section = (id: string) => findAll(doc, (e) => e.tag === 'section' && e.attributes['id'] === id)[0]!;
const reading = (id: string) => elements(section(id)).find((e) => hasClass(e, 'reading'))!;
const flat = (e: Element) => textOf(e).replace(/\s+/g, ' ').trim();
const dataIn = (e: Element) => byTag(e, 'data');
const pathsIn = (e: Element) => dataIn(e).map((d) => d.attributes['data-path']);

function table(captionStart: string): ParsedTable {
  const found = all.filter((t) => t.caption.startsWith(captionStart));
  expect(found.length, `one table captioned "${captionStart}..."`).toBe(1);
  return found[0]!;
}

/** The `<data>` of the cell in the row whose first cells read `labels`, under `column`. */
function cell(t: ParsedTable, labels: string | readonly string[], column: string): Element | undefined {
  const want = typeof labels === 'string' ? [labels] : labels;
  const row = t.rows.filter((r) => want.every((l, j) => flat(r[j]!) === l));
  expect(row.length, `${t.caption}: one row ${want.join(' / ')}`).toBe(1);
  const j = t.headers.indexOf(column);
  expect(j, `${t.caption}: column ${column} in ${t.headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  return dataIn(row[0]![j]!)[0];
}

/** The full-precision value of a cell (undefined for a dash). */
function value(t: ParsedTable, labels: string | readonly string[], column: string): number | undefined {
  const d = cell(t, labels, column);
  return d === undefined ? undefined : Number(d.attributes['value']);
}

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
    expect(findings.map((li) => byTag(li, 'a')[0]!.attributes['href'])).toEqual(Object.keys(SECTIONS).filter((k) => k !== 'summary' && k !== 'notes').map((k) => `#${k}`));
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

  it('draws the analysis\'s own results in its charts', () => {
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
      expect(d.value).toBe(expected.measurement!.reliability.scales[d.scale]!.alpha);
    }
    const nps = specs['nps']!.data.values;
    expect(nps.reduce((s, d) => s + d.count, 0)).toBe(expected.indices.nps!.n);
    expect(nps.find((d) => d.score === 10)!.categoryShare).toBe(expected.indices.nps!.promoterShare);
  });

  it('marks every number with its full-precision value and JSON pointer; each equals the library\'s result and is shown correctly rounded', () => {
    const data = byTag(doc, 'data');
    expect(data.length).toBeGreaterThan(600);
    const rules = new Set<string>();
    for (const d of data) {
      const a = d.attributes;
      if (a['data-rule'] !== undefined) {
        rules.add(`${a['data-rule']}=${a['value']}`);
        expectShownCorrectly(d);
        continue;
      }
      const actual = resolvePointer(expected, a['data-path']!);
      if (a['data-coded'] !== undefined) {
        expect(String(actual), a['data-path']).toBe(a['value']);
        expect(flat(d)).toBe(DOMINANCE_WORDS[a['value']!]);
        continue;
      }
      expect(typeof actual, a['data-path']).toBe('number');
      expect(Number(a['value']), a['data-path']).toBe(actual);
      expectShownCorrectly(d);
    }
    expect([...rules]).toEqual(["Nunnally's threshold for alpha=0.7"]);
  });

  it('has no figure outside that markup: every digit of the page\'s text is a marked-up number or part of a name', () => {
    const body = byTag(doc, 'body')[0]!;
    const text = textOf(body, (e) => e.tag === 'data' || e.tag === 'svg' || hasClass(e, 'name') || hasClass(e, 'message'));
    const stray = [...text.matchAll(/[0-9]/g)].map((m) => text.slice(Math.max(0, m.index! - 30), m.index! + 30));
    expect(stray).toEqual([]);
    for (const td of findAll(doc, (e) => e.tag === 'td' && hasClass(e, 'num'))) {
      const marked = dataIn(td).length >= 1 || (elements(td).length === 1 && hasClass(elements(td)[0]!, 'none'));
      expect(marked, flat(td)).toBe(true);
    }
  });

  it('indices: each cell is the index result\'s own number', () => {
    const t = table('Loyalty indices');
    const i = expected.indices;
    expect(value(t, 'NPS', 'Estimate')).toBe(i.nps!.nps);
    expect(value(t, 'NPS', 'Lower')).toBe(i.nps!.confidenceInterval[0]);
    expect(value(t, 'NPS', 'Upper')).toBe(i.nps!.confidenceInterval[1]);
    expect(value(t, 'NPS', 'Standard error')).toBe(i.nps!.standardError);
    expect(value(t, 'NPS (weighted)', 'Estimate')).toBe(i.npsWeighted!.nps);
    expect(value(t, 'CSAT', 'Estimate')).toBe(i.csat!.csat);
    expect(value(t, 'CSAT', 'Lower')).toBe(i.csat!.confidenceInterval[0]);
    expect(value(t, 'Customer Loyalty Index', 'Estimate')).toBe(i.customerLoyaltyIndex!.customerLoyaltyIndex);
    expect(value(t, 'Retention rate', 'Estimate')).toBe(i.retention!.rate);
    expect(shownQuantity(cell(t, 'Churn rate', 'Estimate')!)).toBe((1 - i.retention!.rate) * 100);
    expect(shownQuantity(cell(t, 'Churn rate', 'Lower')!)).toBe((1 - i.retention!.confidenceInterval[1]) * 100);
    expect(value(t, 'Retention rate', 'n')).toBe(2000);
    const c = table('NPS categories of recommend');
    expect(value(c, 'Promoters', 'Respondents')).toBe(i.nps!.promoters);
    expect(value(c, 'Detractors', 'Share')).toBe(i.nps!.detractorShare);
    expect(pathsIn(reading('indices')).slice(0, 4)).toEqual(['/indices/nps/nps', '/indices/nps/confidenceLevel', '/indices/nps/confidenceInterval/0', '/indices/nps/confidenceInterval/1']);
  });

  it('reliability, validity and driver correlations', () => {
    const rel = expected.measurement!.reliability;
    const t = table('Reliability of the driver scales');
    for (const s of rel.scaleNames) {
      expect(value(t, s, 'Alpha')).toBe(rel.scales[s]!.alpha);
      expect(value(t, s, 'Lower')).toBe(rel.scales[s]!.confidenceInterval[0]);
      expect(value(t, s, 'Omega total')).toBe(rel.scales[s]!.omegaTotal);
      expect(value(t, s, 'AVE')).toBe(rel.scales[s]!.averageVarianceExtracted);
    }
    const h = table('Discriminant validity');
    for (const p of expected.measurement!.htmt!.pairs) expect(value(h, [p.first, p.second], 'HTMT')).toBe(p.value);
    const c = table('Correlations of the driver scores');
    const dc = expected.measurement!.driverCorrelations!;
    dc.drivers.forEach((d, j) => {
      dc.drivers.forEach((e, k) => expect(value(c, d, e)).toBe(dc.correlation[j]![k]));
      expect(value(c, d, 'VIF')).toBe(dc.vif[d]);
    });
    // The reading names the lowest and highest alpha.
    const alphas = rel.scaleNames.map((s) => rel.scales[s]!.alpha);
    const values = dataIn(reading('reliability')).map((d) => Number(d.attributes['value']));
    expect(values.slice(0, 2)).toEqual([Math.min(...alphas), Math.max(...alphas)]);
  });

  it('regression: every coefficient of the linear and the logistic fit', () => {
    const [linear, logistic] = expected.outcomes;
    const t = table('Coefficients of recommend');
    for (const c of (linear!.regression as any).coefficients) {
      expect(value(t, c.term, 'Estimate')).toBe(c.estimate);
      expect(value(t, c.term, 'Standard error')).toBe(c.standardError);
      expect(value(t, c.term, 't')).toBe(c.tStatistic);
      expect(value(t, c.term, 'p')).toBe(c.pValue);
      expect(value(t, c.term, 'Lower')).toBe(c.confidenceInterval[0]);
      expect(value(t, c.term, 'Upper')).toBe(c.confidenceInterval[1]);
      expect(value(t, c.term, 'Standardized')).toBe(c.standardizedEstimate ?? undefined);
      expect(value(t, c.term, 'VIF')).toBe((linear!.regression as any).vif[c.term]);
    }
    const l = table('Coefficients of retained');
    for (const c of (logistic!.regression as any).coefficients) {
      expect(value(l, c.term, 'Estimate')).toBe(c.estimate);
      expect(value(l, c.term, 'z')).toBe(c.zStatistic);
      expect(value(l, c.term, 'Odds ratio')).toBe(c.oddsRatio);
      expect(value(l, c.term, 'Lower')).toBe(c.oddsRatioInterval[0]);
    }
    // Reading: R² and the driver with the largest standardized effect.
    const fit = linear!.regression as any;
    const drivers = fit.coefficients.filter((c: any) => c.term !== '(Intercept)');
    const top = drivers.reduce((a: any, b: any) => (Math.abs(b.standardizedEstimate) > Math.abs(a.standardizedEstimate) ? b : a));
    const text = flat(reading('regression'));
    expect(text).toContain(`the variance in recommend; ${top.term} has the largest effect`);
    expect(pathsIn(reading('regression'))[0]).toBe('/outcomes/0/regression/rSquared');
  });

  it('importance, dominance and priorities', () => {
    const o = expected.outcomes[0]!;
    const imp = o.importance!;
    const t = table('Relative importance of the drivers of recommend');
    for (const d of imp.predictors) {
      expect(value(t, d, 'Rank')).toBe(imp.ranks['lmg']![d]);
      expect(value(t, d, 'LMG (Shapley), R² units')).toBe(imp.importance['lmg']![d]);
      expect(value(t, d, 'LMG (Shapley) share')).toBe(imp.shares['lmg']![d]);
      expect(value(t, d, 'Pratt share')).toBe(imp.shares['pratt']![d]);
      expect(value(t, d, 'Relative weight share')).toBe(imp.shares['johnson']![d]);
    }
    const dom = o.dominance!;
    const dt = table('Dominance analysis of recommend');
    dom.predictors.forEach((a, i) => dom.predictors.forEach((b, j) => {
      if (j <= i) return;
      expect(value(dt, [a, b], 'General')).toBe(dom.general[i]![j]);
      expect(value(dt, [a, b], 'Complete')).toBe(dom.complete![i]![j]);
    }));
    const p = o.priorities!;
    const pt = table('Priorities for recommend');
    for (const d of p.drivers) {
      const row = pt.rows.find((r) => flat(r[1]!) === d.driver)!;
      expect(Number(dataIn(row[0]!)[0]!.attributes['value'])).toBe(d.priority);
      expect(Number(dataIn(row[2]!)[0]!.attributes['value'])).toBe(d.importance);
      expect(Number(dataIn(row[3]!)[0]!.attributes['value'])).toBe(d.performance);
      expect(flat(row[5]!)).toBe(d.quadrant);
    }
    expect(pt.rows.map((r) => flat(r[1]!))).toEqual(p.priorityOrder);
    // Reading: the most important driver, and the first "concentrate here" driver when it is another.
    const top = imp.predictors.find((d) => imp.ranks['lmg']![d] === 1)!;
    const topQuadrant = p.drivers.find((d) => d.driver === top)!.quadrant;
    const focus = p.priorityOrder.find((d) => p.drivers.find((x) => x.driver === d)!.quadrant === 'concentrate here')!;
    expect(topQuadrant).toBe('keep up the good work');
    expect(flat(reading('importance'))).toMatch(new RegExp(`^${top[0]!.toUpperCase()}${top.slice(1)} matters most \\(\\d+\\.\\d% of the explained variance\\) and performs above average; ${focus} \\(\\d+\\.\\d%\\) matters too but performs below average: concentrate there\\.$`));
  });

  it('what-if: the change in the outcome and in NPS for each driver', () => {
    const effects = expected.outcomes[0]!.whatIf!;
    const t = table('What if one driver rises by 1 point');
    for (const e of effects) {
      expect(value(t, e.driver, 'Change in recommend')).toBe(e.outcomeChange.estimate);
      expect(value(t, e.driver, 'Upper')).toBe(e.outcomeChange.confidenceInterval[1]);
      expect(value(t, e.driver, 'NPS predicted')).toBe(e.nps!.predicted.nps);
      expect(value(t, e.driver, 'NPS change')).toBe(e.nps!.change);
      expect(value(t, e.driver, 'Predicted NPS, lower')).toBe(e.nps!.interval[0]);
    }
    const best = effects.reduce((a, b) => (b.outcomeChange.estimate > a.outcomeChange.estimate ? b : a));
    expect(flat(reading('what-if'))).toContain(`Raising ${best.driver} by 1 point would add the most to recommend`);
  });

  it('segments: sizes, profiles and tests', () => {
    const seg = expected.segmentation!.segments;
    const profile = expected.segmentation!.profile;
    const t = table('Loyalty segments');
    const labels = { true: 'True loyalty', latent: 'Latent loyalty', spurious: 'Spurious loyalty', none: 'No loyalty' } as const;
    for (const s of seg.segments) {
      expect(value(t, labels[s], 'Respondents')).toBe(seg.counts[s]);
      expect(value(t, labels[s], 'Share')).toBe(seg.shares[s]);
    }
    const pt = table('Segment profiles');
    for (const s of seg.segments) {
      expect(value(pt, 'NPS', labels[s])).toBe(profile.profiles[s].nps!.nps);
      expect(value(pt, 'Mean trust', labels[s])).toBe(profile.profiles[s].numeric['trust']!.mean);
      expect(value(pt, 'region = East', labels[s])).toBe(profile.profiles[s].categorical['region']!.shares['East']);
      expect(value(pt, 'Share of spend_12m', labels[s])).toBe(profile.profiles[s].revenue!.share);
    }
    const tt = table('Do the segments differ?');
    expect(value(tt, ['region', 'chi-square'], 'Statistic')).toBe(profile.tests.categorical['region']!.statistic);
    expect(value(tt, ['trust', 'one-way ANOVA, F'], 'p')).toBe(profile.tests.numeric['trust']!.anova!.pValue);
    expect(pathsIn(reading('segments'))).toContain('/segmentation/segments/shares/true');
  });

  it('waves: estimates per wave, the changes, and which changes are significant', () => {
    const w = expected.waves!;
    const t = table('Estimates per wave of wave');
    w.waves.forEach((s) => {
      expect(value(t, ['NPS', String(s.wave)], 'Estimate')).toBe(s.nps!.estimate);
      expect(value(t, ['NPS', String(s.wave)], 'Lower')).toBe(s.nps!.confidenceInterval[0]);
      expect(value(t, ['Retention', String(s.wave)], 'Estimate')).toBe(s.retention!.estimate);
      expect(value(t, ['Mean trust', String(s.wave)], 'Estimate')).toBe(s.drivers!.means['trust']!.mean);
    });
    const c = table('Changes between waves');
    const cmp = w.comparisons[0]!;
    expect(value(c, ['NPS', '1 to 2'], 'Change')).toBe(cmp.nps!.difference);
    expect(value(c, ['NPS', '1 to 2'], 'p')).toBe(cmp.nps!.pValue);
    expect(value(c, ['CSAT', '1 to 2'], 'Change')).toBe(cmp.csat!.difference);
    expect(shownQuantity(cell(c, ['CSAT', '1 to 2'], 'Change')!)).toBe(cmp.csat!.difference * 100);
    expect(value(c, ['trust', '1 to 2'], 'Change')).toBe(cmp.drivers!['trust']!.difference);
    // Significant at 5%: computed here from the p-values.
    const tests: [string, number][] = [
      ['NPS', cmp.nps!.pValue], ['CSAT', cmp.csat!.pValue], ['retention', cmp.retention!.pValue], ['Customer Loyalty Index', cmp.customerLoyaltyIndex!.pValue],
      ...Object.entries(cmp.drivers!).map(([d, r]): [string, number] => [d, r.pValue]),
    ];
    const significant = tests.filter(([, p]) => p < 0.05).map(([name]) => name);
    expect(significant).toEqual(['trust']);
    expect(flat(reading('waves'))).toBe('No change between waves 1 and 2 is significant at 5% except trust (+0.28, p < 0.001).');
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
    expect(byTag(head, 'meta').map((m) => m.attributes['charset'] ?? m.attributes['name'])).toEqual(['utf-8', 'viewport', 'color-scheme', 'generator']);
    expect(flat(byTag(head, 'title')[0]!)).toBe('Loyalty drivers report');
    const headings = findAll(byTag(doc, 'body')[0]!, (e) => /^h[1-6]$/.test(e.tag) && !findAll(doc, (s) => s.tag === 'svg').some((s) => findAll(s, (x) => x === e).length > 0));
    expect(headings[0]!.tag).toBe('h1');
    expect(headings.filter((h) => h.tag === 'h1')).toHaveLength(1);
    for (let k = 1; k < headings.length; k++) {
      expect(Number(headings[k]!.tag[1]) - Number(headings[k - 1]!.tag[1]), flat(headings[k]!)).toBeLessThanOrEqual(1);
    }
    expect(all.length).toBeGreaterThan(15);
    for (const t of all) {
      expect(t.caption.length).toBeGreaterThan(5);
      const wrapper = t.element.parent!;
      expect([wrapper.attributes['class'], wrapper.attributes['role'], wrapper.attributes['tabindex']]).toEqual(['table-scroll', 'region', '0']);
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
