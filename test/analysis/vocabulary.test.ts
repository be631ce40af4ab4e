// The one vocabulary (docs/guides/conventions.md) on analyze: rowsIn (not n), warnings with codes
// (not notes), the bootstrap request as BootstrapOptions, and no retired field in any section of
// the regression, importance, monitoring and segmentation domains.
import { describe, expect, it } from 'vitest';
import { analyze, InputError, validateModel } from '../../src/index.js';
import { expectError } from '../helpers/fixtures.js';
import { expectNoRetiredKeys, expectWarnings } from '../helpers/vocabulary.js';

const rows = Array.from({ length: 60 }, (_, i) => ({
  s1: 1 + (i % 5),
  s2: 1 + ((i * 3) % 5),
  t1: 1 + ((i * 2) % 5),
  t2: 1 + ((i + 1) % 5),
  recommend: (i * 7) % 11,
  wave: i < 30 ? 1 : 2,
}));
const scales = { satisfaction: { items: ['s1', 's2'], min: 1, max: 5 }, trust: { items: ['t1', 't2'], min: 1, max: 5 } };
const model = validateModel({ scales, outcomes: ['recommend'], recommend: 'recommend', wave: 'wave' }, { columns: Object.keys(rows[0]!) });

describe('the vocabulary of analyze', () => {
  it('rowsIn, warnings, the bootstrap options echoed; no retired field in the sections', () => {
    const a = analyze(rows, model, { bootstrap: { replicates: 50, seed: 4 } });
    expect(a.rowsIn).toBe(60);
    expect(a).not.toHaveProperty('n');
    expect(a).not.toHaveProperty('notes');
    expect(expectWarnings(a, 'analyze')).toEqual([]);
    expect(a.options.bootstrap).toEqual({ replicates: 50, seed: 4, confidenceLevel: 0.95 });
    expect(a.options).not.toHaveProperty('seed');
    expect(a.outcomes[0]!.importance!.bootstrap).toMatchObject({ replicates: 50, seed: 4 });
    expect(a.waves!.bootstrap).toMatchObject({ replicates: 50, seed: 4 });
    expectNoRetiredKeys(a, 'analyze', ['/measurement', '/model']);
    expect(analyze(rows, model).options.bootstrap).toBe(false);
  });

  it('steps that cannot run are warnings with codes', () => {
    const oneWave = rows.map((r) => ({ ...r, wave: 1 }));
    const oneDriver = validateModel(
      { scales: { satisfaction: scales.satisfaction }, outcomes: ['recommend'], wave: 'wave' },
      { columns: Object.keys(rows[0]!) },
    );
    const a = analyze(oneWave, oneDriver);
    expect(expectWarnings(a, 'analyze').map((w) => w.code)).toEqual(['TOO_FEW_DRIVERS', 'TOO_FEW_WAVES']);
  });

  it('the bootstrap option is BootstrapOptions: a number, a missing seed or a stray key is refused', () => {
    expectError(() => analyze(rows, model, { bootstrap: 100 as never }), InputError, 'INVALID_OPTION', [
      'options.bootstrap: expected false or',
    ]);
    expectError(() => analyze(rows, model, { bootstrap: { replicates: 100 } as never }), InputError, 'INVALID_OPTION', [
      'options.bootstrap.seed: required',
    ]);
    expectError(() => analyze(rows, model, { seed: 1 } as never), InputError, 'INVALID_OPTION', ['options.seed: unknown option']);
  });
});
