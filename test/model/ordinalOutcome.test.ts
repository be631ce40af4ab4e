/**
 * The model file's `ordinal` outcome kind: validated, read as integer codes, and used by the
 * tool's importance as family 'ordinal' (and `binary` as family 'binomial') when no --family is
 * given; analyze's sections take the family (binaryImportance with family 'ordinal').
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryImportance } from '../../src/analysis/sections.js';
import { checkModel, modelColumns, validateModel } from '../../src/model/index.js';
import { relativeImportance } from '../../src/index.js';
import { fixturePath, loadCsv } from '../helpers/fixtures.js';
import { runCli } from '../cli/run.js';

const ROOT = join(__dirname, '..', '..');
const example = JSON.parse(readFileSync(join(ROOT, 'examples', 'data', 'model.json'), 'utf8')) as Record<string, unknown>;
const survey = loadCsv('loyalty-survey.csv');
const columns = Object.keys(survey[0]!);
const ordinalModel = {
  ...example,
  outcomes: [
    { column: 'recommend', kind: 'ordinal' },
    { column: 'retained', kind: 'binary' },
  ],
};

describe('model outcome kind "ordinal"', () => {
  it('validates, and the column is read as an integer code', () => {
    const check = checkModel(ordinalModel, { columns });
    expect(check.errors).toEqual([]);
    expect(check.model!.outcomes[0]).toEqual({ column: 'recommend', kind: 'ordinal' });
    // recommend is also the NPS question (0-10 integer); an ordinal outcome alone is an integer.
    const c = modelColumns(validateModel({ ...example, recommend: undefined, outcomes: [{ column: 'upsell_intent', kind: 'ordinal' }] }));
    expect(c['upsell_intent']).toMatchObject({ type: 'number', integer: true });
    expect(checkModel({ ...example, outcomes: [{ column: 'recommend', kind: 'ordered' }] }, { columns }).errors[0]?.message).toBe(
      'model.outcomes[0].kind: expected "continuous", "binary" or "ordinal", got "ordered"',
    );
  });

  it('analysis sections: family ordinal importance and dominance over proportional-odds fits', () => {
    const drivers = ['sat1', 'tru1', 'img1'];
    const skipped: never[] = [];
    const out = binaryImportance(survey, { outcome: 'recommend', drivers, family: 'ordinal' }, skipped);
    expect(skipped).toEqual([]);
    expect(out.importance!.family).toBe('ordinal');
    expect(out.dominance!.family).toBe('ordinal');
    const lib = relativeImportance(survey, {
      outcome: 'recommend',
      predictors: drivers,
      family: 'ordinal',
      metrics: ['lmg', 'first', 'last'],
    });
    expect(out.importance!.importance.lmg).toEqual(lib.importance.lmg);
    // The default stays binomial, with logistic relative weights.
    const binary = binaryImportance(survey, { outcome: 'retained', drivers }, []);
    expect(binary.importance!.family).toBe('binomial');
    expect(binary.importance!.metrics).toContain('johnson');
  });

  it("the tool's importance takes the family from the model's kind of the outcome", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ordinal-model-'));
    const modelFile = join(dir, 'model.json');
    writeFileSync(modelFile, JSON.stringify(ordinalModel));
    const run = async (outcome: string) => {
      const out = await runCli([
        'importance',
        fixturePath('loyalty-survey.csv'),
        '--model',
        modelFile,
        '--outcome',
        outcome,
        '--no-dominance',
        '--format',
        'json',
      ]);
      expect(out.code).toBe(0);
      return JSON.parse(out.stdout).result.importance;
    };
    expect((await run('recommend')).family).toBe('ordinal');
    expect((await run('retained')).family).toBe('binomial');
  });
});
