/**
 * The model file's sampling sections: `missing` (the driver models' policy), `design` (strata,
 * clusters, fpc) and `raking` (population margins). Each checker records its problems with the
 * key's path and returns the section, or undefined when it is wrong.
 * @internal
 */
import { isPlainObject, show, type ProblemCollector } from './problems.js';
import type { DesignDeclaration, ModelMissingPolicy, RakingDeclaration } from './types.js';

const POLICIES = ['omit', 'pairwise', 'fiml'] as const;
const LONELY = ['fail', 'remove', 'adjust', 'certainty', 'average'] as const;

/** `missing`: `"omit"`, `"pairwise"` or `"fiml"`; pairwise and FIML are unweighted. */
export function checkMissing(c: ProblemCollector, path: string, value: unknown, weighted: boolean): ModelMissingPolicy | undefined {
  if (!(POLICIES as readonly unknown[]).includes(value)) {
    c.error(path, `expected "omit", "pairwise" or "fiml", got ${show(value)}`);
    return undefined;
  }
  if (value !== 'omit' && weighted) {
    c.error(path, `"${value}" works on unweighted data, and model.weight is set; remove one of them (weighted FIML is not implemented)`);
    return undefined;
  }
  return value as ModelMissingPolicy;
}

/** `design`: `{ strata?, clusters?, fpc?, lonelyPsu? }`, with the weights from `model.weight`. */
export function checkDesign(c: ProblemCollector, path: string, value: unknown, weighted: boolean): DesignDeclaration | undefined {
  const o = c.object(path, value, 'an object { strata?, clusters?, fpc?, lonelyPsu? }');
  if (o === undefined) return undefined;
  const before = c.errorCount;
  c.unknownKeys(path, o, ['strata', 'clusters', 'fpc', 'lonelyPsu']);
  if (!weighted) c.error(path, 'a design needs its sampling weights: set model.weight (a column of 1s for a self-weighting sample)');
  const out: { -readonly [K in keyof DesignDeclaration]: DesignDeclaration[K] } = {};
  for (const key of ['strata', 'clusters', 'fpc'] as const) {
    if (o[key] === undefined) continue;
    const column = c.column(`${path}.${key}`, o[key]);
    if (column !== undefined) out[key] = column;
  }
  if (o['lonelyPsu'] !== undefined) {
    if ((LONELY as readonly unknown[]).includes(o['lonelyPsu'])) out.lonelyPsu = o['lonelyPsu'] as DesignDeclaration['lonelyPsu'];
    else c.error(`${path}.lonelyPsu`, `expected one of ${LONELY.map((v) => `"${v}"`).join(', ')}, got ${show(o['lonelyPsu'])}`);
  }
  return c.errorCount > before ? undefined : out;
}

/** `raking`: `{ margins: { column: { level: share } }, bounds?, maxIterations?, tolerance? }`. */
export function checkRaking(c: ProblemCollector, path: string, value: unknown): RakingDeclaration | undefined {
  const o = c.object(path, value, 'an object { margins, bounds?, maxIterations?, tolerance? }');
  if (o === undefined) return undefined;
  const before = c.errorCount;
  c.unknownKeys(path, o, ['margins', 'bounds', 'maxIterations', 'tolerance']);
  const m = c.object(`${path}.margins`, o['margins'], 'an object mapping each raking column to { level: share }');
  const margins: Record<string, Record<string, number>> = {};
  for (const [name, levels] of Object.entries(m ?? {})) {
    const column = c.column(`${path}.margins.${name}`, name);
    if (!isPlainObject(levels) || Object.keys(levels).length < 2) {
      c.error(`${path}.margins.${name}`, `expected an object of at least two levels with their shares, got ${show(levels)}`);
      continue;
    }
    const shares: Record<string, number> = {};
    for (const [level, share] of Object.entries(levels)) {
      const v = c.finite(`${path}.margins.${name}.${level}`, share);
      if (v !== undefined && !(v > 0)) c.error(`${path}.margins.${name}.${level}`, `expected a positive share or total, got ${v}`);
      if (v !== undefined) shares[level] = v;
    }
    if (column !== undefined) margins[column] = shares;
  }
  if (m !== undefined && Object.keys(m).length === 0) c.error(`${path}.margins`, 'expected at least one raking column');
  let bounds: [number, number] | undefined;
  if (o['bounds'] !== undefined) {
    const b = o['bounds'];
    if (
      Array.isArray(b) &&
      b.length === 2 &&
      b.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
      b[0] <= 1 &&
      b[1] >= 1 &&
      b[0] >= 0
    ) {
      bounds = [b[0], b[1]];
    } else c.error(`${path}.bounds`, `expected [lower, upper] with 0 <= lower <= 1 <= upper, got ${show(b)}`);
  }
  const count = (key: 'maxIterations' | 'tolerance') => (o[key] === undefined ? undefined : c.finite(`${path}.${key}`, o[key]));
  const maxIterations = count('maxIterations');
  const tolerance = count('tolerance');
  if (c.errorCount > before) return undefined;
  return {
    margins,
    ...(bounds ? { bounds } : {}),
    ...(maxIterations !== undefined ? { maxIterations } : {}),
    ...(tolerance !== undefined ? { tolerance } : {}),
  };
}
