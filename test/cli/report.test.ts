// `loyalty-drivers report` as a user runs it (in-process through main(argv, io); the spawned
// binary is checked by bin.test.ts) on the example survey: it
// writes exactly the HTML the in-process builder makes from the library's analysis of the same
// input, to standard output or to -o, with the bootstrap and title flags passed through; bad
// flags are usage errors (exit 2).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { LoyaltyModel } from '../../src/model/types.js';
import { analyzeSource } from '../../src/io/index.js';
import { renderReport } from '../../src/report/index.js';
import type { Row } from '../../src/types.js';
import { DATA, loadExample, MODEL, ROOT } from '../report/example.js';
import { runCli } from './run.js';

const TMP = join(ROOT, 'test', '.tmp', 'cli-report');

const run = runCli;

/**
 * Two pages equal but for the last digits of their numbers (the marked-up values and the charts'
 * SVG coordinates): the text around the numbers the same, each number within 1e-12 relative (or
 * 1e-9 absolute: a coordinate near 0 px).
 */
function sameToRounding(a: string, b: string): string[] {
  const pattern = /-?[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?/g;
  const split = (html: string) => ({ text: html.replace(pattern, '#'), numbers: [...html.matchAll(pattern)].map((m) => Number(m[0])) });
  const x = split(a);
  const y = split(b);
  if (x.text !== y.text) return ['the pages differ beyond their numbers'];
  return x.numbers.flatMap((v, i) => {
    const w = y.numbers[i]!;
    return Math.abs(v - w) <= Math.max(1e-12 * Math.max(Math.abs(v), Math.abs(w)), 1e-9) ? [] : [`number ${i}: ${v} vs ${w}`];
  });
}

let rows: readonly Row[];
let model: LoyaltyModel;
beforeAll(async () => {
  mkdirSync(TMP, { recursive: true });
  ({ rows, model } = await loadExample());
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('loyalty-drivers report', () => {
  it('writes to standard output the same HTML as the in-process builder', async () => {
    // Standard input: the rows are read, and the page is renderReport of analyze on them.
    const piped = await run(['report', '-', '--model', MODEL], readFileSync(DATA, 'utf8'));
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
    const expected = await renderReport(analyze(rows, model), { rows });
    expect(piped.stdout).toBe(expected);
    expect(piped.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    // A file streams (analyzeSource's engine; the NPS chart from the recommend column): the
    // library's page of the streamed analysis exactly, and the rows' page to rounding (1e-12).
    const r = await run(['report', DATA, '--model', MODEL]);
    expect(r.code).toBe(0);
    const recommendScores = rows.map((row) => row[model.recommend!.column]);
    expect(r.stdout).toBe(await renderReport(await analyzeSource(DATA, model, { perRow: true }), { recommendScores }));
    expect(sameToRounding(r.stdout, expected)).toEqual([]);
  });

  it('-o writes the file; --bootstrap, --seed and --title reach the analysis and the page; progress on stderr', async () => {
    const out = join(TMP, 'report.html');
    const r = await run([
      'report',
      DATA,
      '--model',
      MODEL,
      '--bootstrap',
      '100',
      '--seed',
      '7',
      '--title',
      'Spring <survey>',
      '-o',
      out,
      '--progress',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('loyalty-drivers: bootstrap 100/100');
    expect(r.stderr).toContain('loyalty-drivers: chart 13/13 (trend:importance)');
    expect(r.stderr).toContain(`loyalty-drivers: wrote ${out}`);
    const html = readFileSync(out, 'utf8');
    // A file: the streamed analysis, whose importance bootstrap is the Poisson one.
    const expected = await renderReport(await analyzeSource(DATA, model, { perRow: true, bootstrap: { replicates: 100, seed: 7 } }), {
      recommendScores: rows.map((row) => row[model.recommend!.column]),
      title: 'Spring <survey>',
    });
    expect(html).toBe(expected);
    expect(html).toContain('<h1>Spring &lt;survey&gt;</h1>');
    expect(html).toContain('data-path="/outcomes/0/importance/bootstrap/shareIntervals/lmg/trust/confidenceInterval/0"');
  });

  it('is listed in the help, and refuses other formats and a missing model (exit 2)', async () => {
    const help = await run(['--help']);
    expect(help.stdout).toMatch(/\n {2}report +The whole analysis as one self-contained HTML page/);
    const own = await run(['report', '--help']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('--title text');
    const json = await run(['report', DATA, '--model', MODEL, '--format', 'json']);
    expect(json.code).toBe(2);
    expect(json.stderr).toBe(
      'loyalty-drivers: usage error: --format: report writes HTML only; for the results as json, run "loyalty-drivers analyze --format json" (see: loyalty-drivers report --help)\n',
    );
    const bare = await run(['report', DATA]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('report runs what the model file asks for: give a model file with --model model.json');
  });
});
