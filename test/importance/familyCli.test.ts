/**
 * `loyalty-drivers importance --family ...`: the flags reach the library (the numbers themselves
 * are checked against R in family.test.ts and familySets.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { relativeImportance } from '../../src/index.js';
import { fixturePath } from '../helpers/fixtures.js';
import { runCli } from '../cli/run.js';

const DATA = fixturePath('loyalty-survey.csv');

describe('importance command: families, sets, always-in and categorical drivers', () => {
  it('--family binomial --pseudo-r2 nagelkerke --categorical region --sets --always --signed', async () => {
    const args = ['importance', DATA, '--outcome', 'retained', '--predictors', 'sat1,tru1,img1,region', '--categorical', 'region'];
    const out = await runCli([
      ...args,
      '--family',
      'binomial',
      '--pseudo-r2',
      'nagelkerke',
      '--sets',
      'core=sat1+tru1',
      '--always',
      'tenure_months',
      '--signed',
      '--format',
      'json',
    ]);
    expect(out.code).toBe(0);
    const imp = JSON.parse(out.stdout).result.importance;
    expect(imp.family).toBe('binomial');
    expect(imp.fitIndex).toBe('nagelkerke');
    expect(imp.predictors).toEqual(['core', 'img1', 'region']);
    expect(imp.model.always.columns).toEqual(['tenure_months']);
    expect(imp.signs.img1).toBe(1);
    const { loadCsv } = await import('../helpers/fixtures.js');
    const lib = relativeImportance(loadCsv('loyalty-survey.csv'), {
      outcome: 'retained',
      predictors: ['sat1', 'tru1', 'img1', 'region'],
      categorical: ['region'],
      family: 'binomial',
      pseudoRSquared: 'nagelkerke',
      sets: { core: ['sat1', 'tru1'] },
      always: ['tenure_months'],
      signed: true,
    });
    expect(imp.importance.lmg).toEqual(lib.importance.lmg);
    const text = await runCli([...args, '--family', 'ordinal', '--outcome', 'recommend']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('McFadden pseudo-R-squared (ordinal)');
    expect(text.stdout).toContain('against the reference level "East"');
  });

  it('bad flags are usage errors', async () => {
    const base = ['importance', DATA, '--outcome', 'retained', '--predictors', 'sat1,tru1'];
    expect((await runCli([...base, '--family', 'poisson'])).stderr).toContain('--family');
    expect((await runCli([...base, '--pseudo-r2', 'mcfadden'])).stderr).toContain('--pseudo-r2: applies to');
    expect((await runCli([...base, '--family', 'binomial', '--sets', 'core'])).stderr).toContain('--sets');
  });
});
