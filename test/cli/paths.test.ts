// `loyalty-drivers paths`: the model file's path model on the ECSI example, its JSON equal to the
// library's (analyze's paths section for the same model and bootstrap), stable CSV columns, the
// table format, and usage errors (exit 2) naming the flag.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, parseModel } from '../../src/index.js';
import { ROOT } from '../docs/examples.js';
import { loadCsv } from '../helpers/fixtures.js';
import { runCli } from './run.js';

const DATA = join(ROOT, 'examples', 'data', 'ecsi.csv');
const MODEL = join(ROOT, 'examples', 'data', 'ecsi-model.json');
const SURVEY_MODEL = join(ROOT, 'examples', 'data', 'model.json');
const rows = loadCsv('ecsi.csv');
const model = parseModel(readFileSync(MODEL, 'utf8'));
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('loyalty-drivers paths', () => {
  it('JSON: the path model, its bootstrap and the IPMA, as the library computes them', async () => {
    const r = await runCli(['paths', DATA, '--model', MODEL, '--bootstrap', '100', '--seed', '3', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.command).toBe('paths');
    expect(out.result).toEqual(plain(analyze(rows, model, { bootstrap: { replicates: 100, seed: 3 } }).paths));
    expect(out.result.model.bootstrap.replicates).toBe(100);
    expect(out.result.importancePerformance.target).toBe('loyalty');
  });

  it('CSV: one row per path, construct, effect and IPMA construct, with stable columns', async () => {
    const r = await runCli(['paths', DATA, '--model', MODEL, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'table,from,to,path,f2,VIF,construct,kind,R2,adj. R2,alpha,rhoA,rhoC,AVE,items,direct,indirect,total,priority,importance,standardized,performance,quadrant',
    );
    const fit = analyze(rows, model).paths!;
    expect(lines.length - 1).toBe(fit.model.paths.length + 6 + fit.model.effects.length + fit.importancePerformance!.constructs.length);
    expect(lines[1]).toBe(
      `"Path model: paths (standardized, n = 250)",image,expectation,${fit.model.paths[0]!.estimate},${fit.model.paths[0]!.fSquared},1${','.repeat(17)}`,
    );
  });

  it('table: the paths, constructs, effects, mediation and the map, in that order', async () => {
    const r = await runCli(['paths', DATA, '--model', MODEL, '--bootstrap', '60']);
    expect(r.code).toBe(0);
    const titles = [...r.stdout.matchAll(/^(Path model: [a-z, ]+|Importance-performance map of loyalty)/gm)].map((m) => m[1]!.trim());
    expect(titles).toEqual([
      'Path model: paths',
      'Path model: constructs',
      'Path model: direct, indirect and total effects',
      'Path model: mediation',
      'Importance-performance map of loyalty',
    ]);
    expect(r.stdout).toContain('95% bootstrap percentile intervals, 60 replicates, seed 1');
    expect(r.stdout).toMatch(/Converged after \d+ weight updates \(path scheme\)/);
  });

  it('flags: --target none, --scheme, --missing', async () => {
    const none = JSON.parse((await runCli(['paths', DATA, '--model', MODEL, '--target', 'none', '--format', 'json'])).stdout);
    expect(none.result.importancePerformance).toBeUndefined();
    const sat = JSON.parse(
      (await runCli(['paths', DATA, '--model', MODEL, '--target', 'satisfaction', '--scheme', 'factorial', '--format', 'json'])).stdout,
    );
    expect(sat.result.importancePerformance.target).toBe('satisfaction');
    expect(sat.result.model.options.scheme).toBe('factorial');
    const pairwise = JSON.parse((await runCli(['paths', DATA, '--model', MODEL, '--missing', 'pairwise', '--format', 'json'])).stdout);
    expect(pairwise.result.model.options.missing).toBe('pairwise');
  });

  it('--interval-method bca: the BCa intervals of the model with paths.intervalMethod "bca", and t and p in the table', async () => {
    const r = await runCli(['paths', DATA, '--model', MODEL, '--bootstrap', '80', '--interval-method', 'bca', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const bca = { ...model, paths: { ...model.paths!, intervalMethod: 'bca' as const } };
    expect(out.result).toEqual(plain(analyze(rows, bca, { bootstrap: { replicates: 80, seed: 1 } }).paths));
    expect(out.result.model.bootstrap.intervalMethod).toBe('bca');
    // BCa differs from the percentile interval of the same replicates.
    const percentile = analyze(rows, model, { bootstrap: { replicates: 80, seed: 1 } }).paths!.model.bootstrap!;
    expect(out.result.model.bootstrap.paths[0].confidenceInterval).not.toEqual(percentile.paths[0]!.confidenceInterval);
    const table = await runCli(['paths', DATA, '--model', MODEL, '--bootstrap', '60', '--interval-method', 'bca']);
    expect(table.stdout).toContain('95% bootstrap bca intervals, 60 replicates, seed 1');
    expect(table.stdout).toMatch(/path +SE +t +p +lower +upper/);
  });

  it('usage errors exit 2 and name the flag', async () => {
    const cases: [string[], string][] = [
      [['--target', 'image'], '--target: "image" has no path into it'],
      [['--target', 'imge'], '--target: "imge" is not a construct'],
      [['--scheme', 'pth'], '--scheme: expected path, factorial or centroid'],
      [['--interval-method', 'bc'], '--interval-method: expected percentile or bca'],
      [['--missing', 'fiml', '--bootstrap', '100'], '--bootstrap: not with missing fiml'],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli(['paths', DATA, '--model', MODEL, ...flags]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
    const noPaths = await runCli(['paths', DATA, '--model', SURVEY_MODEL]);
    expect(noPaths.code).toBe(2);
    expect(noPaths.stderr).toContain('the model has no "paths" section');
    const noModel = await runCli(['paths', DATA]);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('--model');
  });

  it('--help shows the flags and examples', async () => {
    const r = await runCli(['paths', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--target construct|none');
    expect(r.stdout).toContain('loyalty-drivers paths ecsi.csv --model ecsi-model.json');
  });
});
