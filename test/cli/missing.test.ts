// The tool's --missing flag (issue 16): pairwise and FIML in reliability, regress and importance,
// equal to the library on the same rows; refused with weights or a bootstrap (usage errors, exit 2).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ols, relativeImportance, reliability, validateModel, withScaleScores } from '../../src/index.js';
import { readData } from '../../src/io/index.js';
import { ROOT } from '../docs/examples.js';
import { runCli } from './run.js';

const DATA = join(ROOT, 'examples', 'data', 'loyalty-survey.csv');
const MODEL = join(ROOT, 'examples', 'data', 'model.json');
const json = async (args: string[]) => {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).result;
};

describe('--missing pairwise | fiml', async () => {
  const { rows } = await readData(DATA);
  const model = validateModel(JSON.parse((await import('node:fs')).readFileSync(MODEL, 'utf8')), { columns: Object.keys(rows[0]!) });
  const drivers = [...model.drivers];
  const scored = withScaleScores(rows, Object.fromEntries(drivers.map((d) => [d, model.scales[d]!])), { ...model.scoring });
  it('importance --missing fiml equals relativeImportance(missing: "fiml")', async () => {
    const out = await json(['importance', DATA, '--model', MODEL, '--missing', 'fiml', '--weights', 'none', '--no-dominance']);
    const lib = relativeImportance(scored, { outcome: 'recommend', predictors: drivers, missing: 'fiml' });
    expect(out.importance.importance.lmg).toEqual(lib.importance.lmg);
    expect(out.importance.missing.policy).toBe('fiml');
  });
  it('regress --missing pairwise equals ols(missing: "pairwise")', async () => {
    const out = await json(['regress', DATA, '--model', MODEL, '--missing', 'pairwise', '--weights', 'none']);
    const lib = ols(scored, { outcome: 'recommend', predictors: drivers, missing: 'pairwise' });
    expect(out.coefficients.map((c: { estimate: number }) => c.estimate)).toEqual(lib.coefficients.map((c) => c.estimate));
  });
  it('reliability --missing fiml uses every respondent', async () => {
    const out = await json(['reliability', DATA, '--model', MODEL, '--missing', 'fiml']);
    const lib = reliability(rows, Object.fromEntries(drivers.map((d) => [d, model.scales[d]!])), { missing: 'fiml', missingCodes: [-99] });
    expect(out.reliability.n).toBe(lib.n);
    expect(out.reliability.missing.policy).toBe('fiml');
  });
  it('usage errors: an unknown policy, weights, a bootstrap', async () => {
    const bad = await runCli(['importance', DATA, '--model', MODEL, '--missing', 'mean']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--missing: expected omit, pairwise or fiml, got "mean"/);
    const weighted = await runCli(['regress', DATA, '--model', MODEL, '--missing', 'fiml']);
    expect(weighted.code).toBe(2);
    expect(weighted.stderr).toMatch(/works on unweighted data; add --weights none/);
    const boot = await runCli(['importance', DATA, '--model', MODEL, '--missing', 'fiml', '--weights', 'none', '--bootstrap', '100']);
    expect(boot.code).toBe(2);
    expect(boot.stderr).toMatch(/--bootstrap: not with --missing fiml/);
    const engine = await runCli(['importance', DATA, '--model', MODEL, '--missing', 'fiml', '--weights', 'none', '--engine', 'duckdb']);
    expect(engine.code).toBe(2);
    expect(engine.stderr).toMatch(/--missing fiml: not with --engine duckdb/);
  });
});
