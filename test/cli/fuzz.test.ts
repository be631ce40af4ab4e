/**
 * A small seeded fuzz corpus through every command (issue 13: "A small seeded fuzz corpus of
 * mutated CSV and model files runs through every command in `npm test`, asserting exit codes
 * 0/1/2, no stack trace, and bounded time").
 *
 * The corpus: the first 80 rows of the example survey and its model file, each mutated by one to
 * three seeded edits drawn from the kinds of damage real exports suffer (a byte deleted, inserted
 * or flipped, a line duplicated, dropped or truncated, a field emptied or turned into text, a
 * stray quote, another delimiter, CRLF, a BOM, a huge or negative number, a column renamed). The
 * same seed gives the same corpus, so a failure reproduces: its test name carries the seed.
 * Exit 70 (an internal error) is a bug, as is any line of a JavaScript stack trace on stderr.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/internal/random.js';
import { mutateCsv } from '../helpers/csvMutations.js';
import { fixturePath } from '../helpers/fixtures.js';
import { runCli } from './run.js';

const CSV_MUTANTS = 60;
const MODEL_MUTANTS = 24;
/** Per-run bound, generous for 2 shared cores: the clean 80-row file runs in about 0.1 s. */
const BOUND_MS = 15_000;

const dir = mkdtempSync(join(tmpdir(), 'ld-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = readFileSync(fixturePath('loyalty-survey.csv'), 'utf8').split('\n').slice(0, 81).join('\n') + '\n';
const modelText = readFileSync(new URL('../../examples/data/model.json', import.meta.url), 'utf8');
const cleanModel = join(dir, 'model.json');
writeFileSync(cleanModel, modelText);
const cleanCsv = join(dir, 'survey.csv');
writeFileSync(cleanCsv, csv);

function mutate(text: string, seed: number): string {
  return mutateCsv(text, createRandom(seed));
}

const commands: readonly (readonly string[])[] = [
  ['analyze'],
  ['indices'],
  ['reliability'],
  ['regress', '--outcome', 'recommend'],
  ['importance'],
  ['segment'],
  ['compare'],
  ['report'],
];

/** How the runs ended, by exit code: the corpus must reach both the analyses and the errors. */
const tally = new Map<number, number>();

async function expectClean(args: string[]): Promise<void> {
  const started = performance.now();
  const r = await runCli(args);
  tally.set(r.code, (tally.get(r.code) ?? 0) + 1);
  const elapsed = performance.now() - started;
  expect([0, 1, 2], `exit ${r.code}: ${r.stderr}`).toContain(r.code);
  expect(r.stderr, 'a stack trace on stderr').not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  if (r.code !== 0) expect(r.stderr.trim().length, 'a failure says why').toBeGreaterThan(0);
  expect(elapsed).toBeLessThan(BOUND_MS);
}

describe('fuzz: mutated survey files through every command', () => {
  for (let seed = 1; seed <= CSV_MUTANTS; seed++) {
    it(`csv seed ${seed}`, async () => {
      const file = join(dir, `survey-${seed}.csv`);
      writeFileSync(file, mutate(csv, seed));
      for (const c of commands) {
        const extra = c[0] === 'report' ? ['-o', join(dir, `report-${seed}.html`)] : ['--format', 'json'];
        await expectClean([...c, file, '--model', cleanModel, ...extra]);
      }
    }, 120_000);
  }
});

describe('fuzz: mutated model files', () => {
  for (let seed = 1001; seed <= 1000 + MODEL_MUTANTS; seed++) {
    it(`model seed ${seed}`, async () => {
      const file = join(dir, `model-${seed}.json`);
      writeFileSync(file, mutate(modelText, seed));
      for (const c of [['analyze'], ['indices'], ['importance']]) {
        await expectClean([...c, cleanCsv, '--model', file, '--format', 'json']);
      }
    }, 120_000);
  }
});

describe('fuzz: the corpus', () => {
  it('reaches both successful analyses and input errors', () => {
    // Runs in file order, after the two corpora above.
    expect(tally.get(0) ?? 0).toBeGreaterThan(50);
    expect(tally.get(1) ?? 0).toBeGreaterThan(50);
    console.log(
      `fuzz: ${[...tally]
        .sort()
        .map(([code, n]) => `exit ${code}: ${n} runs`)
        .join(', ')}`,
    );
  });
});
