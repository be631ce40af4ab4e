// The tables and readings of the example survey's report, cell by cell: each cell under its
// row and column heading holds the number of the result it names (toBe), and each reading names
// what the numbers say (computed here from the results).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/index.js';
import type { Row } from '../../src/types.js';
import type { LoyaltyModel } from '../../src/model/types.js';
import { exampleReport, flat, readingOf, sectionOf, shownQuantity } from './example.js';
import { byTag, type Element, type ParsedTable } from './html.js';

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

describe("the tables and readings of the example survey's report", () => {
  it("indices: each cell is the index result's own number", () => {
    const t = table('Loyalty indices');
    const i = expected.indices;
    expect(value(t, 'NPS', 'Estimate')).toBe(i.nps!.estimate);
    expect(value(t, 'NPS', 'Lower')).toBe(i.nps!.confidenceInterval[0]);
    expect(value(t, 'NPS', 'Upper')).toBe(i.nps!.confidenceInterval[1]);
    expect(value(t, 'NPS', 'Standard error')).toBe(i.nps!.standardError);
    expect(value(t, 'NPS (weighted)', 'Estimate')).toBe(i.npsWeighted!.estimate);
    expect(value(t, 'CSAT', 'Estimate')).toBe(i.csat!.estimate);
    expect(value(t, 'CSAT', 'Lower')).toBe(i.csat!.confidenceInterval[0]);
    expect(value(t, 'Customer Loyalty Index', 'Estimate')).toBe(i.customerLoyaltyIndex!.estimate);
    expect(value(t, 'Retention rate', 'Estimate')).toBe(i.retention!.estimate);
    expect(shownQuantity(cell(t, 'Churn rate', 'Estimate')!)).toBe((1 - i.retention!.estimate) * 100);
    expect(shownQuantity(cell(t, 'Churn rate', 'Lower')!)).toBe((1 - i.retention!.confidenceInterval[1]) * 100);
    expect(value(t, 'Retention rate', 'n')).toBe(2000);
    const c = table('NPS categories of recommend');
    expect(value(c, 'Promoters', 'Respondents')).toBe(i.nps!.promoters);
    expect(value(c, 'Detractors', 'Share')).toBe(i.nps!.detractorShare);
    expect(pathsIn(reading('indices')).slice(0, 4)).toEqual([
      '/indices/nps/estimate',
      '/indices/nps/confidenceLevel',
      '/indices/nps/confidenceInterval/0',
      '/indices/nps/confidenceInterval/1',
    ]);
  });

  it('reliability, validity and driver correlations', () => {
    const rel = expected.measurement!.reliability;
    const t = table('Reliability of the driver scales');
    for (const s of rel.scaleNames) {
      expect(value(t, s, 'Alpha')).toBe(rel.scales[s]!.estimate);
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
    const alphas = rel.scaleNames.map((s) => rel.scales[s]!.estimate);
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
    dom.predictors.forEach((a, i) =>
      dom.predictors.forEach((b, j) => {
        if (j <= i) return;
        expect(value(dt, [a, b], 'General')).toBe(dom.general[i]![j]);
        expect(value(dt, [a, b], 'Complete')).toBe(dom.complete![i]![j]);
      }),
    );
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
    expect(flat(reading('importance'))).toMatch(
      new RegExp(
        `^${top[0]!.toUpperCase()}${top.slice(1)} matters most \\(\\d+\\.\\d% of the explained variance\\) and performs above average; ${focus} \\(\\d+\\.\\d%\\) matters too but performs below average: concentrate there\\.$`,
      ),
    );
  });

  it('what-if: the change in the outcome and in NPS for each driver', () => {
    const effects = expected.outcomes[0]!.whatIf!;
    const t = table('What if one driver rises by 1 point');
    for (const e of effects) {
      expect(value(t, e.driver, 'Change in recommend')).toBe(e.outcomeChange.estimate);
      expect(value(t, e.driver, 'Upper')).toBe(e.outcomeChange.confidenceInterval[1]);
      expect(value(t, e.driver, 'NPS predicted')).toBe(e.nps!.predicted.estimate);
      expect(value(t, e.driver, 'NPS change')).toBe(e.nps!.change);
      expect(value(t, e.driver, 'Predicted NPS, lower')).toBe(e.nps!.predicted.confidenceInterval[0]);
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
      expect(value(t, labels[s], 'Share (unweighted)')).toBe(seg.shares[s]);
    }
    const pt = table('Segment profiles');
    for (const s of seg.segments) {
      expect(value(pt, 'NPS', labels[s])).toBe(profile.profiles[s].nps!.estimate);
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
    expect(value(c, ['NPS', '1 to 2'], 'Change')).toBe(cmp.nps!.estimate);
    expect(value(c, ['NPS', '1 to 2'], 'p')).toBe(cmp.nps!.pValue);
    expect(value(c, ['CSAT', '1 to 2'], 'Change')).toBe(cmp.csat!.estimate);
    expect(shownQuantity(cell(c, ['CSAT', '1 to 2'], 'Change')!)).toBe(cmp.csat!.estimate * 100);
    expect(value(c, ['trust', '1 to 2'], 'Change')).toBe(cmp.drivers!['trust']!.estimate);
    // Significant at 5%: computed here from the p-values.
    const tests: [string, number][] = [
      ['NPS', cmp.nps!.pValue],
      ['CSAT', cmp.csat!.pValue],
      ['retention', cmp.retention!.pValue],
      ['Customer Loyalty Index', cmp.customerLoyaltyIndex!.pValue],
      ...Object.entries(cmp.drivers!).map(([d, r]): [string, number] => [d, r.pValue]),
    ];
    const significant = tests.filter(([, p]) => p < 0.05).map(([name]) => name);
    expect(significant).toEqual(['trust']);
    expect(flat(reading('waves'))).toBe('No change between waves 1 and 2 is significant at 5% except trust (+0.28, p < 0.001).');
  });
});
