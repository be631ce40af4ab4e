// formatReliability: the text report of the fixture scale (numbers are those checked against
// psych and lavaan in reliability.test.ts, rounded).
import { describe, expect, it } from 'vitest';
import { formatReliability, reliability } from '../../src/measurement/index.js';
import { loadCsv } from '../helpers/fixtures.js';

describe('formatReliability', () => {
  it('summarises scales, items and warnings', () => {
    const rows = loadCsv('measurement-likert5.csv');
    const text = formatReliability(
      reliability(rows, { loyalty: { items: ['l1', 'l2', 'l3', 'l4', 'l5'], reverse: ['l4'], min: 1, max: 7 }, two: ['l1', 'l2'] }),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('Reliability of 2 scales (n = 487, complete cases on every item, from rows)');
    expect(lines[2]).toBe(
      'loyalty      5  0.806      0.806  [0.777, 0.832] feldt  0.809  0.461  chi2(5) = 1.34, p = 0.9307, CFI 1.000, RMSEA 0.000, SRMR 0.007',
    );
    expect(lines[3]).toBe('two          2  0.695      0.695  [0.636, 0.745] feldt      -      -  -');
    expect(lines).toContain('loyalty  l4 (R)  3.94  1.48   0.558             0.778    0.637');
    expect(lines[lines.length - 1]).toContain('scale "two" has 2 items');
  });

  it('says when each scale has its own sample', () => {
    const rows = loadCsv('loyalty-survey.csv');
    const text = formatReliability(
      reliability(rows, { satisfaction: ['sat1', 'sat2', 'sat3'] }, { listwise: 'per-scale', intervalMethod: 'duhachek' }),
    );
    expect(text.split('\n')[0]).toBe('Reliability of 1 scale (each scale on its own complete cases, from rows)');
    expect(text).toContain('duhachek');
  });
});
