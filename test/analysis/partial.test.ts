/**
 * `analyze` and `report` run each section on its own (issue 13, item 3): on the first 10 rows of
 * the example survey the logistic regression of `retained` separates, and on the first 10 or 20
 * rows wave 2 has too few complete cases for importance. Before, either error aborted the whole
 * run; now each is a `skipped` entry and everything else is computed and written. A partial run
 * of the command-line tool exits 0 and says on standard error what was left out.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, parseModel } from '../../src/index.js';
import { runCli } from '../cli/run.js';
import { fixturePath, loadCsv } from '../helpers/fixtures.js';

const model = parseModel(readFileSync(new URL('../../examples/data/model.json', import.meta.url), 'utf8'));
const survey = loadCsv('loyalty-survey.csv');
const csvLines = readFileSync(fixturePath('loyalty-survey.csv'), 'utf8').split('\n');
const head = (n: number) => `${csvLines.slice(0, n + 1).join('\n')}\n`;
const dir = mkdtempSync(join(tmpdir(), 'ld-partial-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MODEL = new URL('../../examples/data/model.json', import.meta.url).pathname;

describe('a partial analysis', () => {
  it('first 10 rows: the separated logistic fit and the thin wave are skipped; the rest is computed', () => {
    const a = analyze(survey.slice(0, 10), model);
    // 10 rows leave some driver's bottom or top third of the scale empty: no penalty-reward.
    expect(a.skipped.map((s) => [s.section, s.outcome ?? null, s.code])).toEqual([
      ['asymmetry', 'recommend', 'ZERO_VARIANCE'],
      ['regression', 'retained', 'SEPARATION'],
      ['waves', null, 'TOO_FEW_CASES'],
    ]);
    expect(a.skipped[2]!.message).toContain('wave 2');
    expect(a.indices.nps?.n).toBe(10);
    expect(a.measurement?.reliability.scales).toBeDefined();
    expect(a.outcomes.map((o) => o.outcome)).toEqual(['recommend']);
    expect(a.waves).toBeUndefined();
    expect(JSON.parse(JSON.stringify(a)).skipped).toEqual(a.skipped);
  });

  it('the whole survey skips nothing', () => {
    expect(analyze(survey, model).skipped).toEqual([]);
  });

  it('the tool: exit 0, the result on stdout, one "skipped" line per section on stderr', async () => {
    const r = await runCli(['analyze', '-', '--model', MODEL, '--format', 'json'], head(20));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.result.skipped.map((s: { section: string }) => s.section)).toEqual(['waves']);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^loyalty-drivers: skipped waves: TOO_FEW_CASES: wave 2/)]);
    expect(out.notes.some((n: string) => n.startsWith('skipped waves: TOO_FEW_CASES: wave 2'))).toBe(true);
  });

  it('report: the page is written, lists the sections left out, and exits 0', async () => {
    const file = join(dir, 'partial.html');
    const r = await runCli(['report', '-', '--model', MODEL, '-o', file], head(10));
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('Sections left out');
    expect(html).toContain('regression of retained');
    expect(r.stderr).toMatch(/skipped regression of retained: SEPARATION/);
  });
});
