// Bad input to the chart builders: typed errors with codes, naming what was wrong.
import { describe, expect, it } from 'vitest';
import {
  importanceChart,
  importancePerformanceChart,
  npsDistributionChart,
  reliabilityChart,
  segmentChart,
  trendChart,
} from '../../src/charts/index.js';
import { estimateTextWidth, vegaTextWidth } from '../../src/charts/textWidth.js';
import { InputError, InsufficientDataError } from '../../src/errors.js';
import { compareWaves, nps } from '../../src/index.js';
import { expectError } from '../helpers/fixtures.js';
import { survey } from './setup.js';

describe('chart builders reject what they cannot draw', () => {
  it('a result of the wrong kind names the function that makes the right one', () => {
    const s = survey();
    expectError(() => importanceChart(s.ipa as never), InputError, 'INVALID_OPTION', ['relativeImportance()', 'importance-performance']);
    expectError(() => importancePerformanceChart(s.importance as never), InputError, 'INVALID_OPTION', ['importancePerformance()']);
    expectError(() => segmentChart(null as never), InputError, 'INVALID_OPTION', ['segmentLoyalty()']);
    expectError(() => reliabilityChart({} as never), InputError, 'INVALID_OPTION', ['reliability()']);
    expectError(() => trendChart(s.nps as never), InputError, 'INVALID_OPTION', ['compareWaves()']);
    expectError(() => npsDistributionChart([9, 10], { nps: s.ipa as never }), InputError, 'INVALID_OPTION', ['nps()']);
  });

  it('common options are checked', () => {
    const s = survey();
    expectError(() => importanceChart(s.importance, { width: -5 }), InputError, 'INVALID_OPTION', ['options.width']);
    expectError(() => importanceChart(s.importance, { height: Number.NaN }), InputError, 'INVALID_OPTION', ['options.height']);
    expectError(() => importanceChart(s.importance, { title: 3 as never }), InputError, 'INVALID_OPTION', ['options.title']);
    expectError(() => importanceChart(s.importance, 'wide' as never), InputError, 'INVALID_OPTION', ['options']);
    expectError(() => importanceChart(s.importance, { labels: { trust: 7 as never } }), InputError, 'INVALID_OPTION', [
      'options.labels.trust',
    ]);
    expectError(() => importanceChart(s.importance, { labels: { trust: 'Same', image: 'Same' } }), InputError, 'INVALID_OPTION', [
      'same name',
    ]);
  });

  it('NPS distribution: scores are validated like nps(), and the nps result must describe them', () => {
    expectError(() => npsDistributionChart([9, 11]), InputError, 'OUT_OF_RANGE', ['scores']);
    expectError(() => npsDistributionChart([9, 7.5]), InputError, 'OUT_OF_RANGE');
    expectError(() => npsDistributionChart(['nine']), InputError, 'NOT_NUMERIC');
    expectError(() => npsDistributionChart([]), InputError, 'EMPTY_INPUT');
    expectError(() => npsDistributionChart([null, null]), InsufficientDataError, 'TOO_FEW_CASES');
    expectError(() => npsDistributionChart([9, null], { missing: 'fail' }), InputError, 'MISSING_VALUE');
    expectError(() => npsDistributionChart([9, 8], { weights: [1] }), InputError, 'LENGTH_MISMATCH');
    expectError(() => npsDistributionChart([9, 10, 3], { nps: nps([9, 10, 3, 4]) }), InputError, 'INVALID_OPTION', [
      'options.nps',
      '4 scores',
      'scores give 3',
    ]);
    expectError(() => npsDistributionChart([9, 10, 3], { nps: nps([9, 10, 3]), weights: [1, 1, 2] }), InputError, 'INVALID_OPTION', [
      'weighted',
    ]);
    expectError(() => npsDistributionChart([9, 10], { nps: nps([9, 10]), promoterMin: 8 }), InputError, 'INVALID_OPTION', [
      'promoterMin',
      'differs',
    ]);
    expectError(() => npsDistributionChart([9, 10], { promoterMin: 6, detractorMax: 6 }), InputError, 'INVALID_OPTION', ['detractorMax']);
    expectError(() => npsDistributionChart([9, 10], { scale: { min: 0, max: 10.5 } }), InputError, 'INVALID_OPTION', ['options.scale']);
    expectError(() => npsDistributionChart([9, 10], { measure: 'percent' as never }), InputError, 'INVALID_OPTION', ['options.measure']);
  });

  it('importance: a metric not computed, intervals without a bootstrap', () => {
    const s = survey();
    expectError(() => importanceChart(s.importanceNoBootstrap, { metric: 'car' }), InputError, 'INVALID_OPTION', ['options.metric', 'car']);
    expectError(() => importanceChart(s.importanceNoBootstrap, { intervals: true }), InputError, 'INVALID_OPTION', [
      'bootstrap: { replicates, seed }',
    ]);
    expectError(() => importanceChart(s.importance, { value: 'percent' as never }), InputError, 'INVALID_OPTION', ['options.value']);
    expectError(() => importanceChart(s.importance, { sort: 'alphabetical' as never }), InputError, 'INVALID_OPTION', ['options.sort']);
  });

  it('importance-performance: domains must be [low, high]', () => {
    const s = survey();
    expectError(() => importancePerformanceChart(s.ipa, { performanceDomain: [100, 0] }), InputError, 'INVALID_OPTION', [
      'options.performanceDomain',
    ]);
    expectError(() => importancePerformanceChart(s.ipa, { importanceDomain: [0] as never }), InputError, 'INVALID_OPTION', [
      'options.importanceDomain',
    ]);
    expectError(() => importancePerformanceChart(s.ipa, { quadrants: 'yes' as never }), InputError, 'INVALID_OPTION', [
      'options.quadrants',
    ]);
  });

  it('segments and reliability options', () => {
    const s = survey();
    expectError(() => segmentChart(s.segments, { view: 'table' as never }), InputError, 'INVALID_OPTION', ['options.view']);
    expectError(() => segmentChart(s.segments, { view: 'scatter', maxRespondents: 0 }), InputError, 'INVALID_OPTION', [
      'options.maxRespondents',
    ]);
    expectError(() => segmentChart(s.segments, { attitudeTitle: 1 as never }), InputError, 'INVALID_OPTION', ['options.attitudeTitle']);
    expectError(() => reliabilityChart(s.reliability, { statistics: ['omega' as never] }), InputError, 'INVALID_OPTION', [
      'options.statistics',
    ]);
    expectError(() => reliabilityChart(s.reliability, { statistics: [] }), InputError, 'INVALID_OPTION', ['options.statistics']);
    expectError(() => reliabilityChart(s.reliability, { thresholds: [0.7, 2] }), InputError, 'INVALID_OPTION', ['options.thresholds']);
  });

  it('trends: a measure the result lacks, unknown drivers, bad points', () => {
    const s = survey();
    const npsOnly = compareWaves(s.raw, { wave: 'wave', nps: 'recommend' });
    expectError(() => trendChart(npsOnly, { measure: 'csat' }), InputError, 'INVALID_OPTION', ['options.measure', 'csat']);
    expectError(() => trendChart(s.waves, { measure: 'drivers', drivers: ['loyalty'] }), InputError, 'INVALID_OPTION', [
      'options.drivers',
      'loyalty',
    ]);
    expectError(() => trendChart(s.waves, { measure: 'mean' as never }), InputError, 'INVALID_OPTION', ['options.measure']);
    expectError(() => trendChart([]), InputError, 'EMPTY_INPUT', ['points']);
    expectError(() => trendChart([{ wave: 1, result: { score: 3 } as never }]), InputError, 'INVALID_OPTION', ['points[0].result']);
    expectError(() => trendChart([{ wave: {} as never, result: { estimate: 3 } }]), InputError, 'INVALID_OPTION', ['points[0]']);
    expectError(() => trendChart([{ wave: 1, result: { estimate: 3, confidenceInterval: [1] as never } }]), InputError, 'INVALID_OPTION', [
      'confidenceInterval',
    ]);
    expectError(
      () =>
        trendChart([
          { wave: 1, result: { estimate: 3 } },
          { wave: '1', result: { estimate: 4 } },
        ]),
      InputError,
      'INVALID_OPTION',
      ['appears twice'],
    );
    expectError(() => trendChart(s.waves, { intervalStyle: 'ribbon' as never }), InputError, 'INVALID_OPTION', ['options.intervalStyle']);
  });
});

describe('text widths for server-side layout', () => {
  it('Helvetica/Arial advance widths, worked by hand', () => {
    // H 722 + e 556 + l 222 + l 222 + o 556 = 2278 units of 1/1000 em; at 10 px: 22.78 px.
    expect(estimateTextWidth('Hello', 10)).toBeCloseTo(22.78, 10);
    // Digits are all 556: "2024" at 12 px = 4 x 0.556 x 12.
    expect(estimateTextWidth('2024', 12)).toBeCloseTo(26.688, 10);
    expect(estimateTextWidth('Hello', 10, true)).toBeCloseTo(22.78 * 1.07, 10);
    // Outside ASCII: the average width 556 (e.g. the superscript in R²).
    expect(estimateTextWidth('R²', 10)).toBeCloseTo((722 + 556) / 100, 10);
  });

  it("as Vega's textMetrics.width: font size and weight from the item, capped at its limit", () => {
    expect(vegaTextWidth({ fontSize: 10 }, 'Hello')).toBeCloseTo(22.78, 10);
    expect(vegaTextWidth({}, 'Hello')).toBeCloseTo(22.78 * 1.1, 10); // Vega's default 11 px
    expect(vegaTextWidth({ fontSize: 10, fontWeight: 'bold' }, 'Hello')).toBeCloseTo(22.78 * 1.07, 10);
    expect(vegaTextWidth({ fontSize: 10, fontWeight: 700 }, 'Hello')).toBeCloseTo(22.78 * 1.07, 10);
    expect(vegaTextWidth({ fontSize: 10, limit: 15 }, 'Hello')).toBe(15);
    expect(vegaTextWidth({ fontSize: 10 }, null)).toBe(0);
    expect(vegaTextWidth({ fontSize: 10 }, 42)).toBeCloseTo(11.12, 10);
  });
});
