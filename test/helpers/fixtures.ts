/**
 * Test helpers: fixture loading and tolerance checks. The fixture CSVs are simple (no embedded
 * commas or quotes), so a split is enough here; the library's own reader lives in src/io.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function loadJson<T = any>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}

/** Rows of a fixture CSV: quoted cells are strings, empty cells null, the rest numbers. */
export function loadCsv(name: string): Record<string, string | number | null>[] {
  const lines = readFileSync(fixturePath(name), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',').map((h) => h.replace(/^"|"$/g, ''));
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    const row: Record<string, string | number | null> = {};
    header.forEach((h, i) => {
      const c = cells[i] ?? '';
      row[h] = c === '' ? null : c.startsWith('"') ? c.slice(1, -1) : Number(c);
    });
    return row;
  });
}

/** Asserts |actual - expected| <= rel * |expected| (or <= rel when expected is 0). */
export function expectRel(actual: number, expected: number, rel = 1e-9, label = ''): void {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  const err = Math.abs(actual - expected) / scale;
  if (!(err <= rel)) {
    throw new Error(`${label} expected ${expected}, got ${actual} (relative error ${err.toExponential(2)} > ${rel})`);
  }
  expect(err).toBeLessThanOrEqual(rel);
}

/** Log relative error (digits of agreement), as NIST StRD reports it: -log10(|a - e| / |e|). */
export function digits(actual: number, expected: number): number {
  if (actual === expected) return 15;
  return -Math.log10(Math.abs(actual - expected) / Math.abs(expected));
}

/** Asserts that `fn` throws an error of class `cls` with `code`, and that the message mentions every string in `mentions`. */
export function expectError(
  fn: () => unknown,
  cls: abstract new (...a: any[]) => Error,
  code: string,
  mentions: string[] = [],
): Error & { code: string } {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a throw').toBeInstanceOf(cls);
  const err = caught as Error & { code: string };
  expect(err.code).toBe(code);
  for (const m of mentions) expect(err.message).toContain(m);
  return err;
}

/** A scratch folder inside the repository (git-ignored) for files a test writes and reads back. */
export function testTmpDir(): string {
  const dir = join(FIXTURES, '..', '.tmp');
  mkdirSync(dir, { recursive: true });
  return dir;
}
