// The numbers in each chart's data are the library's results themselves (compared with toBe:
// the same doubles, not recomputed), and the few the charts derive are checked by hand.
import { describe, expect, it } from 'vitest';
import {
  importanceChart,
  importancePerformanceChart,
  npsDistributionChart,
  reliabilityChart,
  segmentChart,
  trendChart,
  type SegmentRespondentDatum,
} from '../../src/charts/index.js';
import { nps } from '../../src/index.js';
import { tQuantile } from '../../src/internal/distributions.js';
import { survey } from './setup.js';

type Layered = { layer: { data?: { values: Record<string, unknown>[] }; encoding?: Record<string, unknown> }[] };

describe('npsDistributionChart', () => {
  it('counts and shares per score, worked by hand', () => {
    // Scores 3, 6, 7, 8, 9, 9, 10, 10 (a null is dropped): n = 8; promoters 4, passives 2, detractors 2.
    const scores = [10, 9, 9, 8, 7, 6, 3, 10, null];
    const spec = npsDistributionChart(scores);
    const v = spec.data.values;
    expect(v.map((d) => d.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(v.map((d) => d.count)).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 1, 2, 2]);
    expect(v.map((d) => d.share)).toEqual([0, 0, 0, 1 / 8, 0, 0, 1 / 8, 1 / 8, 1 / 8, 2 / 8, 2 / 8]);
    expect(v.map((d) => d.category)).toEqual([
      'detractor',
      'detractor',
      'detractor',
      'detractor',
      'detractor',
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    expect(v[10]!.categoryShare).toBe(0.5);
    expect(v[0]!.categoryShare).toBe(0.25);
    expect(v[10]!.categoryLabel).toBe('Promoters (9-10): 50.0%');
    expect(spec.description).toContain('detractors (0-6) 25.0%, passives (7-8) 25.0%, promoters (9-10) 50.0%');
  });

  it('weighted shares, worked by hand', () => {
    // Weights 1, 3, 2, 2: total 8; score 10 carries 1 + 2 = 3/8, score 5 carries 3/8, score 8 2/8.
    const spec = npsDistributionChart([10, 5, 10, 8], { weights: [1, 3, 2, 2] });
    const by = Object.fromEntries(spec.data.values.map((d) => [d.score, d]));
    expect(by[10]!.share).toBe(3 / 8);
    expect(by[10]!.count).toBe(2);
    expect(by[5]!.share).toBe(3 / 8);
    expect(by[8]!.share).toBe(2 / 8);
    expect(by[10]!.categoryShare).toBe(3 / 8);
  });

  it('cut points and scale come from the nps result', () => {
    const scores = [10, 9, 8, 7, 6, 5];
    const r = nps(scores, { promoterMin: 8, detractorMax: 5 });
    const v = npsDistributionChart(scores, { nps: r }).data.values;
    expect(v.find((d) => d.score === 8)!.category).toBe('promoter');
    expect(v.find((d) => d.score === 6)!.category).toBe('passive');
    expect(v.find((d) => d.score === 5)!.category).toBe('detractor');
    expect(v.find((d) => d.score === 8)!.categoryShare).toBe(r.promoterShare);
  });

  it("on the survey: category shares, NPS and interval are the nps result's", () => {
    const s = survey();
    const spec = npsDistributionChart(s.recommend, { nps: s.nps });
    const v = spec.data.values;
    const sum = (cat: string, key: 'count' | 'share') => v.filter((d) => d.category === cat).reduce((a, d) => a + d[key], 0);
    expect(sum('promoter', 'count')).toBe(s.nps.promoters);
    expect(sum('detractor', 'count')).toBe(s.nps.detractors);
    expect(sum('passive', 'count')).toBe(s.nps.passives);
    expect(Math.abs(sum('promoter', 'share') - s.nps.promoterShare)).toBeLessThan(1e-12);
    for (const d of v) {
      const expected = { promoter: s.nps.promoterShare, passive: s.nps.passiveShare, detractor: s.nps.detractorShare }[d.category];
      expect(d.categoryShare).toBe(expected);
    }
    const [lower, upper] = s.nps.confidenceInterval;
    expect(spec.description).toContain(
      `NPS ${s.nps.estimate.toFixed(1)}, 95% confidence interval ${lower.toFixed(1)} to ${upper.toFixed(1)} (adjusted Wald)`,
    );
    const title = spec['title'] as { subtitle: string };
    expect(title.subtitle).toContain(`NPS ${s.nps.estimate.toFixed(1)}`);
  });

  it("weighted survey: shares are weighted, category shares the weighted nps result's", () => {
    const s = survey();
    const v = npsDistributionChart(s.recommend, { nps: s.weightedNps, weights: s.weights }).data.values;
    const promoterShare = v.filter((d) => d.category === 'promoter').reduce((a, d) => a + d.share, 0);
    expect(Math.abs(promoterShare - s.weightedNps.promoterShare)).toBeLessThan(1e-12);
    expect(v[10]!.categoryShare).toBe(s.weightedNps.promoterShare);
  });
});

describe('importanceChart', () => {
  it("bars, intervals and ranks are the relativeImportance result's", () => {
    const { importance: r } = survey();
    const v = importanceChart(r).data.values;
    expect(v.map((d) => d.rank)).toEqual([1, 2, 3, 4]);
    for (const d of v) {
      expect(d.value).toBe(r.shares.lmg![d.driver]);
      expect(d.share).toBe(r.shares.lmg![d.driver]);
      expect(d.raw).toBe(r.importance.lmg![d.driver]);
      expect(d.rank).toBe(r.ranks.lmg![d.driver]);
      expect(d.lower).toBe(r.bootstrap!.shareIntervals.lmg![d.driver]!.confidenceInterval[0]);
      expect(d.upper).toBe(r.bootstrap!.shareIntervals.lmg![d.driver]!.confidenceInterval[1]);
      expect(d.standardError).toBe(r.bootstrap!.shareIntervals.lmg![d.driver]!.standardError);
    }
    const raw = importanceChart(r, { value: 'raw', sort: 'input', metric: 'car' }).data.values;
    expect(raw.map((d) => d.driver)).toEqual(r.predictors);
    for (const d of raw) {
      expect(d.value).toBe(r.importance.car![d.driver]);
      expect(d.lower).toBe(r.bootstrap!.intervals.car![d.driver]!.confidenceInterval[0]);
      expect(d.upper).toBe(r.bootstrap!.intervals.car![d.driver]!.confidenceInterval[1]);
    }
  });

  it('says what it shows: R2, n, the bootstrap, and each driver with its interval', () => {
    const { importance: r } = survey();
    const spec = importanceChart(r, { labels: { trust: 'Trust' } });
    const first = spec.data.values[0]!;
    expect(spec.description).toContain(`R² = ${r.rSquared.toFixed(3)}, n = 1,596`);
    expect(spec.description).toContain('95% bootstrap percentile intervals (200 replicates)');
    expect(spec.description).toContain(
      `1. ${first.label} ${(100 * first.value).toFixed(1)}% (${(100 * first.lower!).toFixed(1)}% to ${(100 * first.upper!).toFixed(1)}%)`,
    );
    expect(spec.data.values.some((d) => d.label === 'Trust')).toBe(true);
  });

  it('no interval fields without a bootstrap or with intervals: false', () => {
    const s = survey();
    for (const v of [
      importanceChart(s.importanceNoBootstrap).data.values,
      importanceChart(s.importance, { intervals: false }).data.values,
    ]) {
      for (const d of v) expect('lower' in d || 'upper' in d).toBe(false);
    }
    const spec = importanceChart(s.importanceNoBootstrap, { metric: 'pratt', value: 'raw' }) as unknown as Layered;
    expect(spec.layer.some((l) => (l as { mark: { type: string } }).mark.type === 'errorbar')).toBe(false);
  });
});

describe('importancePerformanceChart', () => {
  it("drivers and cuts are the importancePerformance result's", () => {
    const { ipa } = survey();
    const spec = importancePerformanceChart(ipa);
    spec.data.values.forEach((d, j) => {
      const e = ipa.drivers[j]!;
      expect(d).toEqual({
        driver: e.driver,
        label: e.driver,
        importance: e.importance,
        rawImportance: e.rawImportance,
        mean: e.mean,
        performance: e.performance,
        quadrant: e.quadrant,
        priority: e.priority,
      });
    });
    const layers = (spec as unknown as Layered).layer;
    const values = layers.flatMap((l) => l.data?.values ?? []);
    expect(values).toContainEqual({ performance: ipa.cuts.performance });
    expect(values).toContainEqual({ importance: ipa.cuts.importance });
    // The "concentrate here" tile spans low performance x high importance, meeting the others at the cuts.
    const tile = values.find((v) => v['quadrant'] === 'concentrate here' && 'performanceEnd' in v)!;
    expect(tile['performanceEnd']).toBe(ipa.cuts.performance);
    expect(tile['importance']).toBe(ipa.cuts.importance);
    expect(spec.description).toContain(`Priority order: ${ipa.priorityOrder.join(', ')}.`);
  });

  it('default axis ranges hold every driver and both cuts', () => {
    const { ipa } = survey();
    const layers = (importancePerformanceChart(ipa) as unknown as Layered).layer;
    const point = layers.find((l) => (l as { mark: { type: string } }).mark.type === 'point')!;
    const enc = point.encoding as { x: { scale: { domain: [number, number] } }; y: { scale: { domain: [number, number] } } };
    const [x0, x1] = enc.x.scale.domain;
    const [y0, y1] = enc.y.scale.domain;
    for (const d of ipa.drivers) {
      expect(d.performance).toBeGreaterThan(x0);
      expect(d.performance).toBeLessThan(x1);
      expect(d.importance).toBeGreaterThan(y0);
      expect(d.importance).toBeLessThan(y1);
    }
    expect(ipa.cuts.performance).toBeGreaterThan(x0);
    expect(ipa.cuts.importance).toBeLessThan(y1);
  });
});

describe('segmentChart', () => {
  it('cells are the segmentLoyalty counts and shares', () => {
    const { segments: r } = survey();
    const v = segmentChart(r).data.values;
    expect(v.map((d) => d.segment)).toEqual(['true', 'latent', 'spurious', 'none']);
    for (const d of v) {
      expect(d.count).toBe(r.counts[d.segment]);
      expect(d.share).toBe(r.shares[d.segment]);
    }
    expect(v.map((d) => [d.attitude, d.behaviour])).toEqual([
      ['High', 'High'],
      ['High', 'Low'],
      ['Low', 'High'],
      ['Low', 'Low'],
    ]);
  });

  it('the scatter draws each segmented respondent at its scores, with the cut lines at the cuts', () => {
    const { segments: r } = survey();
    const spec = segmentChart(r, { view: 'scatter' }) as unknown as Layered;
    const points = spec.layer[0]!.data!.values as unknown as SegmentRespondentDatum[];
    expect(points.length).toBe(r.n);
    for (const p of points) {
      expect(p.segment).toBe(r.assignments[p.row]);
      expect(p.attitude).toBe(r.scores.attitude[p.row]);
      expect(p.behaviour).toBe(r.scores.behaviour[p.row]);
    }
    expect(spec.layer[1]!.data!.values).toEqual([{ behaviourCut: r.cuts.behaviour.value }]);
    expect(spec.layer[2]!.data!.values).toEqual([{ attitudeCut: r.cuts.attitude.value }]);
    expect(r.unassigned.length).toBeGreaterThan(0);
    expect((spec as unknown as { description: string }).description).toContain(`${r.unassigned.length} rows have no segment`);
  });

  it('maxRespondents draws an evenly spaced sample and says so', () => {
    const { segments: r } = survey();
    const spec = segmentChart(r, { view: 'both', maxRespondents: 100 }) as unknown as { hconcat: Layered[]; description: string };
    const points = spec.hconcat[1]!.layer[0]!.data!.values as unknown as SegmentRespondentDatum[];
    expect(points.length).toBe(100);
    const rows = points.map((p) => p.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows).size).toBe(100);
    expect(spec.description).toContain(`a systematic sample of 100 of the ${r.n.toLocaleString('en-US')} respondents`);
  });
});

describe('reliabilityChart', () => {
  it("alpha, its interval and omega are the reliability result's", () => {
    const { reliability: r } = survey();
    const v = reliabilityChart(r, { statistics: ['alpha', 'standardizedAlpha', 'omegaTotal', 'averageVarianceExtracted'] }).data.values;
    expect(v.length).toBe(16);
    for (const d of v) {
      const s = r.scales[d.scale]!;
      expect(d.value).toBe(d.statistic === 'alpha' ? s.estimate : s[d.statistic]);
      expect(d.n).toBe(s.n);
      if (d.statistic === 'alpha') {
        expect(d.lower).toBe(s.confidenceInterval[0]);
        expect(d.upper).toBe(s.confidenceInterval[1]);
      } else expect(d.lower).toBeUndefined();
    }
  });

  it('a two-item scale has no omega: left out and said', async () => {
    const { reliability } = await import('../../src/index.js');
    const rows = survey().raw.slice(0, 300);
    const r = reliability(rows, { trust: ['tru1', 'tru2', 'tru3'], pair: ['sat1', 'sat2'] });
    const spec = reliabilityChart(r);
    expect(spec.data.values.map((d) => `${d.scale}:${d.statistic}`)).toEqual(['trust:alpha', 'trust:omegaTotal', 'pair:alpha']);
    expect(spec.description).toContain('pair has no Omega total (two items: no factor model)');
  });
});

describe('trendChart', () => {
  it("NPS per wave and its change are the compareWaves result's", () => {
    const { waves: r } = survey();
    const v = trendChart(r).data.values;
    expect(v.length).toBe(2);
    r.waves.forEach((w, i) => {
      expect(v[i]!.wave).toBe(String(w.wave));
      expect(v[i]!.estimate).toBe(w.nps!.estimate);
      expect(v[i]!.lower).toBe(w.nps!.confidenceInterval[0]);
      expect(v[i]!.upper).toBe(w.nps!.confidenceInterval[1]);
      expect(v[i]!.n).toBe(w.nps!.n);
    });
    const c = r.comparisons[0]!.nps!;
    expect(v[0]!.change).toBeUndefined();
    expect(v[1]).toMatchObject({
      changeFrom: '1',
      change: c.estimate,
      changeLower: c.confidenceInterval[0],
      changeUpper: c.confidenceInterval[1],
      pValue: c.pValue,
    });
  });

  it('CSAT changes, in proportion units in compareWaves, are drawn in points like the estimates', () => {
    const { waves: r } = survey();
    const v = trendChart(r, { measure: 'csat' }).data.values;
    const c = r.comparisons[0]!.csat!;
    expect(v[0]!.estimate).toBe(r.waves[0]!.csat!.estimate);
    expect(v[1]!.change).toBe(100 * c.estimate);
    expect(v[1]!.changeLower).toBe(100 * c.confidenceInterval[0]);
    expect(v[1]!.pValue).toBe(c.pValue);
  });

  it("driver means: the interval is mean -/+ t(0.975, n - 1) SE from the result's mean and SE", () => {
    const { waves: r } = survey();
    const v = trendChart(r, { measure: 'drivers' }).data.values;
    expect(v.length).toBe(8);
    for (const d of v) {
      const w = r.waves[d.waveOrder]!;
      const m = w.drivers!.means[d.series]!;
      const q = tQuantile(0.975, w.drivers!.n - 1);
      expect(d.estimate).toBe(m.mean);
      expect(Math.abs(d.lower! - (m.mean - q * m.standardError))).toBeLessThan(1e-12);
      expect(Math.abs(d.upper! - (m.mean + q * m.standardError))).toBeLessThan(1e-12);
    }
    const trust = v.find((d) => d.series === 'trust' && d.wave === '2')!;
    expect(trust.change).toBe(r.comparisons[0]!.drivers!['trust']!.estimate);
  });

  it('importance: per-wave bootstrap intervals and bootstrap differences', () => {
    const { waves: r } = survey();
    const v = trendChart(r, { measure: 'importance', drivers: ['trust'] }).data.values;
    expect(v.map((d) => d.series)).toEqual(['trust', 'trust']);
    v.forEach((d, i) => {
      expect(d.estimate).toBe(r.waves[i]!.importance!.importance['trust']);
      expect(d.lower).toBe(r.waves[i]!.importance!.intervals!['trust']!.confidenceInterval[0]);
    });
    expect(v[1]!.change).toBe(r.comparisons[0]!.importance!.drivers['trust']!.estimate);
    expect(v[1]!.pValue).toBeUndefined();
  });

  it("a list of per-wave index results: each result's estimate and interval", () => {
    const { perWave } = survey();
    const spec = trendChart(
      perWave.flatMap((w) => [
        { wave: w.wave, series: 'NPS', result: w.nps },
        { wave: w.wave, series: 'CSAT', result: w.csat },
        { wave: w.wave, series: 'CLI', result: w.cli },
      ]),
    );
    const v = spec.data.values;
    expect(v.map((d) => d.series)).toEqual(['NPS', 'CSAT', 'CLI', 'NPS', 'CSAT', 'CLI']);
    perWave.forEach((w, i) => {
      expect(v[3 * i]!.estimate).toBe(w.nps.estimate);
      expect(v[3 * i]!.lower).toBe(w.nps.confidenceInterval[0]);
      expect(v[3 * i + 1]!.estimate).toBe(w.csat.estimate);
      expect(v[3 * i + 2]!.estimate).toBe(w.cli.estimate);
      expect(v[3 * i + 2]!.upper).toBe(w.cli.confidenceInterval[1]);
    });
    const retention = trendChart(perWave.map((w) => ({ wave: w.wave, result: w.retention })));
    expect(retention.data.values[1]!.estimate).toBe(perWave[1]!.retention.estimate);
    expect(retention.description).toContain('the retention rate');
    expect(retention.description).toContain(`${(100 * perWave[1]!.retention.estimate).toFixed(1)}%`);
  });
});

describe('importancePerformanceChart with fixed ranges', () => {
  it('clips drivers outside the ranges and names them', () => {
    const { ipa } = survey();
    const best = [...ipa.drivers].sort((a, b) => b.performance - a.performance)[0]!;
    const spec = importancePerformanceChart(ipa, { performanceDomain: [0, best.performance - 0.01] });
    expect(spec.description).toContain(`Outside the drawn ranges, so not shown: ${best.driver}.`);
    const marks = (spec as unknown as Layered).layer.map((l) => (l as unknown as { mark: { type: string; clip?: boolean } }).mark);
    expect(marks.filter((m) => m.type === 'point' || m.type === 'rule').every((m) => m.clip === true)).toBe(true);
    expect(importancePerformanceChart(ipa).description).not.toContain('Outside');
  });
});
