// The real executable, spawned once per exit code: the in-process tests (cli.test.ts,
// report.test.ts) call main(argv, io); this proves bin.ts wires argv, the streams and the exit
// code to the process (0 success, 1 bad input or an output file that cannot be written, 2 usage
// error; errors one line on stderr).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../docs/examples.js';

const TMP = join(ROOT, 'test', '.tmp', 'cli-bin');
const DATA = join(ROOT, 'examples', 'data', 'loyalty-survey.csv');

function spawnBin(args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'bin.ts'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

beforeAll(() => mkdirSync(TMP, { recursive: true }));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('the loyalty-drivers binary', () => {
  it('exit 0: a file argument, JSON on stdout, nothing on stderr', () => {
    const r = spawnBin(['indices', DATA, '--recommend', 'recommend', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result.nps.estimate).toBe(-16.2);
  });
  it('exit 1: bad input, one line on stderr naming the line; standard input is read', () => {
    const r = spawnBin(['indices', '--recommend', 'recommend'], 'id,recommend\n1,9\n2,7,5\n3,10\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^loyalty-drivers: /);
    expect(r.stderr).toMatch(/line 3/);
  });
  it('exit 1: -o into a directory that does not exist names the path; no file appears', () => {
    const out = join(TMP, 'missing', 'out.json');
    const r = spawnBin(['indices', DATA, '--recommend', 'recommend', '--format', 'json', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    oneLine(r.stderr);
    expect(r.stderr).toContain(`FILE_NOT_WRITABLE: cannot write "${out}"`);
    expect(existsSync(join(TMP, 'missing'))).toBe(false);
  });
  it('exit 2: usage error, one line on stderr', () => {
    const file = join(TMP, 'ok.csv');
    writeFileSync(file, 'id,recommend\n1,9\n');
    const r = spawnBin(['indices', file, '--bogus']);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^loyalty-drivers: usage error: /);
  });
});
