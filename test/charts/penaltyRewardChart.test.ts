// penaltyRewardChart: a valid Vega-Lite spec whose numbers are the penaltyReward result's, and
// an SVG with a bar per driver and part, the class names and the zero rule.
import { describe, expect, it } from 'vitest';
import { penaltyRewardChart, renderSvg } from '../../src/charts/index.js';
import { InputError, penaltyReward } from '../../src/index.js';
import { expectError, loadCsv } from '../helpers/fixtures.js';
import { countRole, expectValidSpec, expectWellFormedSvg } from './setup.js';

const rows = loadCsv('loyalty-survey.csv');
const result = () => penaltyReward(rows, { outcome: 'recommend', drivers: ['sat1', 'img2', 'tru1', 'eng1'], low: 2, high: 6 });

describe('penaltyRewardChart', () => {
  it('carries the result numbers and validates against the schema', () => {
    const r = result();
    const spec = penaltyRewardChart(r, { labels: { sat1: 'Satisfaction' } });
    expectValidSpec(spec, 'penalty-reward');
    expect(spec.data.values).toHaveLength(8);
    const first = spec.data.values[0]!;
    expect(first).toMatchObject({ driver: 'sat1', label: 'Satisfaction', part: 'penalty', kanoClass: 'performance' });
    expect(first.estimate).toBe(r.drivers[0]!.penalty.estimate);
    expect([first.lower, first.upper]).toEqual(r.drivers[0]!.penalty.confidenceInterval);
    expect(first.group).toBe('Low group (score <= 2)');
    expect(spec.description).toContain('Satisfaction penalty -0.88, reward 0.76 (performance)');
  });

  it('uses the bootstrap intervals when the result has them', () => {
    const r = penaltyReward(rows.slice(0, 600), {
      outcome: 'recommend',
      drivers: ['sat1', 'tru1'],
      low: 2,
      high: 6,
      bootstrap: { replicates: 60, seed: 3 },
    });
    const spec = penaltyRewardChart(r);
    expect(spec.data.values[1]!.lower).toBe(r.bootstrap!.drivers['sat1']!.reward.confidenceInterval[0]);
    expect(spec.description).toContain('bootstrap percentile intervals (60 resamples)');
  });

  it('renders: a bar per driver and part, the class names', async () => {
    const svg = await renderSvg(penaltyRewardChart(result()));
    expectWellFormedSvg(svg, 'penalty-reward');
    expect(countRole(svg, 'bar')).toBe(8);
    expect(svg).toContain('>performance</text>');
    expect(svg).toContain('>Penalty and reward of the drivers</text>');
  });

  it('refuses another result and unknown options', () => {
    expectError(() => penaltyRewardChart({ method: 'nps' } as never), InputError, 'INVALID_OPTION', ['penaltyReward()']);
    expectError(() => penaltyRewardChart(result(), { lables: {} } as never), InputError, 'INVALID_OPTION', ['labels']);
  });
});
