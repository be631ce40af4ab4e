// The command-line tool as a user runs it (in-process through main(argv, io); the spawned
// binary is checked by bin.test.ts) on the example survey, its JSON compared with the library's
// own results for the same input, and its failure modes (exit codes 1 and 2 with one-line errors
// naming line and column).
import { numericDifferences } from './close.js';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyze,
  compareWaves,
  dominanceAnalysis,
  logisticRegression,
  nps,
  ols,
  relativeImportance,
  reliability,
  segmentLoyalty,
  validateModel,
  withScaleScores,
} from '../../src/index.js';
import { readData } from '../../src/io/index.js';
import { ROOT } from '../docs/examples.js';
import { runCli } from './run.js';

const DATA = join(ROOT, 'examples', 'data', 'loyalty-survey.csv');
const MODEL = join(ROOT, 'examples', 'data', 'model.json');
const TMP = join(ROOT, 'test', '.tmp-cli');

const run = runCli;

async function json(args: string[]): Promise<any> {
  const r = await run([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** The library's results, after a JSON round trip (what the tool prints). */
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

let rows: any[];
let model: any;
beforeAll(async () => {
  mkdirSync(TMP, { recursive: true });
  model = validateModel(JSON.parse(readFileSync(MODEL, 'utf8')));
  rows = (await readData(DATA, { model })).rows;
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('subcommands on the example survey match the library', () => {
  it('analyze', async () => {
    const out = await json(['analyze', DATA, '--model', MODEL]);
    expect(out.command).toBe('analyze');
    expect(out.input.rows).toBe(2000);
    // A file streams (column chunks, per-section accumulators): equal to analyze on the rows to
    // rounding (test/analysis/analyzeSource.test.ts: 1e-12 relative), so to 1e-10 relative here.
    expect(numericDifferences(out.result, plain(analyze(rows, model)))).toEqual([]);
  });
  it('indices (with a model, and from flags alone)', async () => {
    const out = await json(['indices', DATA, '--model', MODEL]);
    expect(out.result.nps).toEqual(plain(nps(rows.map((r) => r.recommend))));
    expect(out.result.npsWeighted.standardError).toBe(
      nps(
        rows.map((r) => r.recommend),
        { weights: rows.map((r) => r.weight) },
      ).standardError,
    );
    const bare = await json(['indices', DATA, '--recommend', 'recommend', '--interval', 'wald']);
    expect(bare.result.nps).toEqual(
      plain(
        nps(
          rows.map((r) => r.recommend),
          { intervalMethod: 'wald' },
        ),
      ),
    );
    expect(bare.result.npsWeighted).toBeUndefined();
  });
  it('reliability', async () => {
    const out = await json(['reliability', DATA, '--model', MODEL]);
    expect(out.result.reliability).toEqual(plain(reliability(rows, model.scales)));
  });
  it('regress: OLS with robust SEs, and logistic for the binary outcome', async () => {
    const scored = withScaleScores(rows, model.scales);
    const drivers = ['satisfaction', 'image', 'trust', 'engagement'];
    const out = await json(['regress', DATA, '--model', MODEL, '--robust', 'HC3', '--weights', 'none']);
    expect(out.result).toEqual(plain(ols(scored, { outcome: 'recommend', predictors: drivers, robust: 'HC3' })));
    const logit = await json(['regress', DATA, '--model', MODEL, '--outcome', 'retained']);
    expect(logit.result).toEqual(plain(logisticRegression(scored, { outcome: 'retained', predictors: drivers, weights: 'weight' })));
  });
  it('importance with a seeded bootstrap', async () => {
    const scored = withScaleScores(rows, model.scales);
    const drivers = ['satisfaction', 'image', 'trust', 'engagement'];
    const out = await json(['importance', DATA, '--model', MODEL, '--bootstrap', '50', '--seed', '7']);
    expect(out.result.importance).toEqual(
      plain(
        relativeImportance(scored, {
          outcome: 'recommend',
          predictors: drivers,
          weights: 'weight',
          bootstrap: { replicates: 50, seed: 7 },
        }),
      ),
    );
    expect(out.result.dominance).toEqual(
      plain(dominanceAnalysis(scored, { outcome: 'recommend', predictors: drivers, weights: 'weight' })),
    );
    expect(out.result.priorities.priorityOrder).toHaveLength(4);
  });
  it('segment', async () => {
    const out = await json(['segment', DATA, '--model', MODEL]);
    const expected = segmentLoyalty(rows, {
      attitude: { mean: ['recommend', 'repurchase_intent', 'upsell_intent'], name: 'loyaltyIndex', scale: { min: 0, max: 10 } },
      behaviour: { ratio: ['spend_12m', 'category_spend_12m'] },
    });
    expect(out.result.segments.counts).toEqual(expected.counts);
    expect(out.result.segments.assignments).toEqual(expected.assignments);
  });
  it('segment from flags alone (a CRM export without a model)', async () => {
    const out = await json([
      'segment',
      DATA,
      '--attitude',
      'recommend',
      '--attitude-cut',
      '8',
      '--behaviour',
      'spend_12m/category_spend_12m',
      '--behaviour-cut',
      '0.5',
      '--profile',
      'switching_cost,channel',
    ]);
    const expected = segmentLoyalty(rows, {
      attitude: 'recommend',
      attitudeCut: 8,
      behaviour: { ratio: ['spend_12m', 'category_spend_12m'] },
      behaviourCut: 0.5,
    });
    expect(out.result.segments.counts).toEqual(expected.counts);
  });
  it('compare', async () => {
    const out = await json(['compare', DATA, '--model', MODEL]);
    const drivers = Object.fromEntries(['satisfaction', 'image', 'trust', 'engagement'].map((d) => [d, model.scales[d]]));
    expect(out.result).toEqual(
      plain(
        compareWaves(rows, {
          wave: 'wave',
          nps: { column: 'recommend', promoterMin: 9, detractorMax: 6 },
          csat: { column: 'csat', satisfiedMin: 4 },
          retention: 'retained',
          customerLoyaltyIndex: { items: ['recommend', 'repurchase_intent', 'upsell_intent'], scale: { min: 0, max: 10 } },
          drivers,
          importance: { outcome: 'recommend', bootstrap: false },
          weights: 'weight',
          missingCodes: [-99],
          // the model's id and segmentation ask for segment transitions; the example has no panel
          id: 'respondent_id',
          segments: {
            attitude: { mean: ['recommend', 'repurchase_intent', 'upsell_intent'] },
            behaviour: { ratio: ['spend_12m', 'category_spend_12m'] },
            revenue: 'spend_12m',
          },
        }),
      ),
    );
    expect(out.result.warnings.map((w: { code: string }) => w.code)).toEqual(['NO_PANEL']);
  });
  it('reads standard input, and writes tables and CSV', async () => {
    const csv = readFileSync(DATA, 'utf8');
    const r = await run(['indices', '--recommend', 'recommend', '--format', 'csv'], csv);
    expect(r.code).toBe(0);
    const [header, first] = r.stdout.trim().split('\n');
    expect(header).toBe('index,estimate,standard error,lower,upper,n,unit,method');
    expect(first!.split(',').slice(0, 2)).toEqual(['NPS', '-16.2']);
    const table = await run(['indices', DATA, '--model', MODEL]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Customer Loyalty Index');
  });
  it('writes to --output', async () => {
    const file = join(TMP, 'out.json');
    const r = await run(['indices', DATA, '--recommend', 'recommend', '--format', 'json', '-o', file, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).result.nps.estimate).toBe(-16.2);
  });
});

describe('errors and usage', () => {
  const write = (name: string, text: string) => {
    const p = join(TMP, name);
    writeFileSync(p, text);
    return p;
  };
  const oneLine = (r: { stderr: string }) => {
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };
  it('a ragged row: exit 1, names the line', async () => {
    const r = await run(['indices', write('ragged.csv', 'id,recommend\n1,9\n2,7,5\n3,10\n'), '--recommend', 'recommend']);
    expect(r.code).toBe(1);
    oneLine(r);
    expect(r.stderr).toMatch(/line 3/);
  });
  it('-99 in a 0-10 column: exit 1 naming line and column; declared as missing: exit 0', async () => {
    const file = write('codes.csv', 'id,recommend\n1,9\n2,-99\n3,10\n');
    const r = await run(['indices', file, '--recommend', 'recommend']);
    expect(r.code).toBe(1);
    oneLine(r);
    expect(r.stderr).toContain('OUT_OF_RANGE');
    expect(r.stderr).toMatch(/recommend/);
    expect(r.stderr).toMatch(/line 3|row 1/);
    const ok = await run(['indices', file, '--recommend', 'recommend', '--missing-codes=-99', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).result.nps.n).toBe(2);
  });
  it('a non-numeric value in a numeric column names line and column', async () => {
    const r = await run(['indices', write('text.csv', 'id,recommend\n1,9\n2,nine\n'), '--recommend', 'recommend']);
    expect(r.code).toBe(1);
    oneLine(r);
    expect(r.stderr).toContain('NOT_NUMERIC');
    expect(r.stderr).toMatch(/line 3/);
    expect(r.stderr).toContain('recommend');
  });
  it('a column the model names but the file lacks', async () => {
    const r = await run(['analyze', write('wrong.csv', 'id,recommend\n1,9\n2,7\n'), '--model', MODEL]);
    expect(r.code).toBe(1);
    oneLine(r);
    expect(r.stderr).toMatch(/COLUMN_NOT_FOUND|not a column/);
  });
  it('byte-order marks: a leading one (Excel "CSV UTF-8") is stripped; one anywhere else is exit 1 naming line and column', async () => {
    const r = await run(['indices', write('bom.csv', '\uFEFFid,recommend\n1,9\n2,7\n'), '--recommend', 'recommend', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result.nps.n).toBe(2);
    // Two files concatenated: the second file's BOM lands on line 4.
    const bad = await run(['indices', write('bom2.csv', '\uFEFFid,recommend\n1,9\n2,7\n\uFEFF3,8\n'), '--recommend', 'recommend']);
    expect(bad.code).toBe(1);
    oneLine(bad);
    expect(bad.stderr).toContain('MALFORMED_INPUT');
    expect(bad.stderr).toMatch(/line 4, column 1/);
  });
  it('unknown flags, commands and bad flag values exit 2', async () => {
    for (const args of [
      ['indices', DATA, '--bogus'],
      ['frobnicate'],
      ['indices', DATA, '--format', 'xml'],
      ['importance', DATA, '--bootstrap', 'many'],
      [],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  });
  it('--help lists every command, and each command has help with examples', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['analyze', 'indices', 'reliability', 'regress', 'importance', 'segment', 'compare']) {
      expect(r.stdout).toContain(c);
      const h = await run([c, '--help']);
      expect(h.code).toBe(0);
      expect(h.stdout).toContain('Examples:');
      expect(h.stdout).toContain(`loyalty-drivers ${c}`);
    }
  });
});
