// `loyalty-drivers regress --robust HC4 | HC4m | HC5`: the tool prints the library's fit.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ols, validateModel, withScaleScores } from '../../src/index.js';
import { readData } from '../../src/io/index.js';
import { runCli } from '../cli/run.js';
import { ROOT } from '../docs/examples.js';
import { readFileSync } from 'node:fs';

const DATA = join(ROOT, 'examples', 'data', 'loyalty-survey.csv');
const MODEL = join(ROOT, 'examples', 'data', 'model.json');

describe('regress --robust HC4 | HC4m | HC5', () => {
  it('prints the library fit with the leverage-adjusted errors, and refuses an unknown type', async () => {
    const model = validateModel(JSON.parse(readFileSync(MODEL, 'utf8')));
    const { rows } = await readData(DATA, { model });
    const scored = withScaleScores(rows, model.scales);
    const drivers = ['satisfaction', 'image', 'trust', 'engagement'];
    for (const type of ['HC4', 'HC4m', 'HC5'] as const) {
      const r = await runCli(['regress', DATA, '--model', MODEL, '--robust', type, '--weights', 'none', '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).result).toEqual(
        JSON.parse(JSON.stringify(ols(scored, { outcome: 'recommend', predictors: drivers, robust: type }))),
      );
    }
    const bad = await runCli(['regress', DATA, '--model', MODEL, '--robust', 'HC6']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/HC4m/);
  });
});
