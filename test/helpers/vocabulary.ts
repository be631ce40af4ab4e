/**
 * Checks of the one vocabulary (docs/guides/conventions.md) shared by the field-name tests of each
 * domain: the estimate fields under their names, and no retired name anywhere in a result.
 */
import { expect } from 'vitest';

export const ESTIMATE_FIELDS = ['estimate', 'standardError', 'confidenceInterval', 'confidenceLevel', 'intervalMethod'] as const;
export const KEBAB = /^[a-z]+(-[a-z]+)*$/;
/** Field names the conventions retire from results: `estimate`, `confidenceInterval` and `warnings` replace them. */
export const RETIRED = ['difference', 'lower', 'upper', 'interval', 'notes'] as const;

/**
 * `e` carries the vocabulary of an estimate: the five fields (SE optional with `withoutSe`), an
 * interval pair, the level and a kebab-case method (`intervalMethod` when given).
 */
export function expectEstimateFields(
  e: unknown,
  what: string,
  expected: { level?: number; intervalMethod?: string; withoutSe?: boolean } = {},
): void {
  const o = e as Record<string, unknown>;
  for (const key of ESTIMATE_FIELDS) {
    if (key === 'standardError' && expected.withoutSe) continue;
    expect(o, `${what}.${key}`).toHaveProperty(key);
  }
  expect(typeof o['estimate'], `${what}.estimate`).toBe('number');
  const ci = o['confidenceInterval'] as unknown[];
  expect(Array.isArray(ci) && ci.length === 2 && ci.every((v) => typeof v === 'number'), `${what}.confidenceInterval is a pair`).toBe(true);
  expect(o['confidenceLevel'], `${what}.confidenceLevel`).toBe(expected.level ?? 0.95);
  expect(o['intervalMethod'], `${what}.intervalMethod`).toMatch(KEBAB);
  if (expected.intervalMethod !== undefined) expect(o['intervalMethod'], `${what}.intervalMethod`).toBe(expected.intervalMethod);
}

/**
 * No key of `value`, at any depth, is a retired name (paths under `skip` are not searched: results
 * of other domains nested in an analysis). Returns the paths searched, for a sanity count.
 */
export function expectNoRetiredKeys(value: unknown, what: string, skip: readonly string[] = []): number {
  let visited = 0;
  const walk = (v: unknown, path: string): void => {
    if (skip.includes(path) || v === null || typeof v !== 'object') return;
    visited++;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}/${i}`));
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      expect(RETIRED as readonly string[], `${what}: retired field at ${path}/${k}`).not.toContain(k);
      walk(x, `${path}/${k}`);
    }
  };
  walk(value, '');
  return visited;
}

/** `warnings` is an array of `{ code, message }` with UPPER_SNAKE codes. */
export function expectWarnings(r: unknown, what: string): readonly { code: string; message: string }[] {
  const w = (r as { warnings?: unknown }).warnings;
  expect(Array.isArray(w), `${what}.warnings is an array`).toBe(true);
  for (const x of w as { code: unknown; message: unknown }[]) {
    expect(Object.keys(x as object).sort(), `${what}.warnings[]`).toEqual(['code', 'message']);
    expect(x.code, `${what}.warnings[].code`).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
    expect(typeof x.message).toBe('string');
  }
  return w as { code: string; message: string }[];
}
