import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkOption } from '../internal/validate.js';
import type { PlsMode } from './types.js';

/** A validated path model: constructs in the order given, paths as indices. @internal */
export interface PathModelSpec {
  readonly names: readonly string[];
  readonly items: readonly (readonly string[])[];
  readonly modes: readonly PlsMode[];
  /** Common-factor constructs, corrected by consistent PLS. */
  readonly reflective: readonly boolean[];
  /** `[from, to]` construct indices, in the order given. */
  readonly paths: readonly (readonly [number, number])[];
  /** `predecessors[j]`: the constructs with a path into j, in path order. */
  readonly predecessors: readonly (readonly number[])[];
}

const CONSTRUCT_KEYS = optionKeys<{ items: unknown; mode: unknown; type: unknown }>({ items: true, mode: true, type: true });

function invalid(argument: string, message: string, expected: string): InputError {
  return new InputError('INVALID_OPTION', `${argument}: ${message}`, { argument, expected });
}

/**
 * Checks `constructs` and `paths` (a construct: a list of items, or `{ items, mode?, type? }`): at least two constructs, each with distinct items (no item
 * in two constructs), every construct on a path, no self-paths, duplicates or cycles (the
 * effects and the path scheme need a recursive model).
 * @internal
 */
export function specifyPathModel(constructs: unknown, paths: unknown): PathModelSpec {
  if (constructs === null || typeof constructs !== 'object' || Array.isArray(constructs)) {
    throw invalid('options.constructs', 'expected an object of constructs, { name: [items] | { items, mode } }', 'an object');
  }
  const names = Object.keys(constructs);
  if (names.length < 2)
    throw invalid('options.constructs', `a path model needs at least two constructs, got ${names.length}`, 'two or more constructs');
  const owner = new Map<string, string>();
  const items: string[][] = [];
  const modes: PlsMode[] = [];
  const reflective: boolean[] = [];
  for (const name of names) {
    const arg = `options.constructs.${name}`;
    const def = (constructs as Record<string, unknown>)[name];
    let list: unknown;
    let mode: unknown = 'A';
    let type: unknown = 'composite';
    if (Array.isArray(def)) list = def;
    else if (def !== null && typeof def === 'object') {
      checkOptions(def, CONSTRUCT_KEYS, arg);
      list = (def as { items?: unknown }).items;
      mode = (def as { mode?: unknown }).mode ?? 'A';
      type = (def as { type?: unknown }).type ?? 'composite';
    }
    if (!Array.isArray(list) || list.length === 0 || list.some((v) => typeof v !== 'string' || v === '')) {
      throw invalid(arg, 'expected a non-empty list of item names, or { items, mode }', 'item names');
    }
    modes.push(checkOption(`${arg}.mode`, mode, ['A', 'B'] as const));
    const isReflective = checkOption(`${arg}.type`, type, ['composite', 'reflective'] as const) === 'reflective';
    if (isReflective && mode === 'B') {
      throw invalid(
        `${arg}.mode`,
        'a reflective construct is estimated in mode A (consistent PLS); mode B is for composites',
        '"A" with type "reflective"',
      );
    }
    reflective.push(isReflective);
    for (const item of list as string[]) {
      const other = owner.get(item);
      if (other !== undefined) {
        throw invalid(
          arg,
          `item "${item}" is already an item of "${other}"${other === name ? ' (listed twice)' : ''}; each item measures one construct`,
          'distinct items',
        );
      }
      owner.set(item, name);
    }
    items.push([...(list as string[])]);
  }
  if (!Array.isArray(paths) || paths.length === 0)
    throw invalid('options.paths', 'expected a non-empty list of [from, to] construct pairs', '[from, to] pairs');
  const index = new Map(names.map((n, i) => [n, i]));
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  paths.forEach((p: unknown, k) => {
    const arg = `options.paths[${k}]`;
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || typeof p[1] !== 'string') {
      throw invalid(arg, 'expected a pair [from, to] of construct names', '[from, to]');
    }
    for (const c of p as string[]) {
      if (!index.has(c))
        throw invalid(arg, `"${c}" is not a construct (constructs: ${names.map((n) => `"${n}"`).join(', ')})`, names.join(' | '));
    }
    const [from, to] = p as [string, string];
    if (from === to) throw invalid(arg, `a path from "${from}" to itself`, 'two different constructs');
    const key = `${from}\u0000${to}`;
    if (seen.has(key)) throw invalid(arg, `the path "${from}" -> "${to}" is listed twice`, 'distinct paths');
    if (seen.has(`${to}\u0000${from}`))
      throw invalid(arg, `"${from}" -> "${to}" and "${to}" -> "${from}" make a cycle; the model must be recursive`, 'no cycles');
    seen.add(key);
    pairs.push([index.get(from)!, index.get(to)!]);
  });
  const m = names.length;
  const predecessors: number[][] = names.map(() => []);
  const onPath = new Array<boolean>(m).fill(false);
  for (const [f, t] of pairs) {
    predecessors[t]!.push(f);
    onPath[f] = true;
    onPath[t] = true;
  }
  const loose = names.filter((_, j) => !onPath[j]);
  if (loose.length > 0)
    throw invalid('options.paths', `construct "${loose[0]}" is on no path; every construct needs one`, `a path for "${loose[0]}"`);
  // Cycle check (depth-first): 0 unvisited, 1 on the stack, 2 done.
  const state = new Array<number>(m).fill(0);
  const visit = (j: number, trail: number[]): void => {
    state[j] = 1;
    for (const [f, t] of pairs) {
      if (f !== j) continue;
      if (state[t] === 1) {
        const cycle = [...trail.slice(trail.indexOf(t)), j, t].map((c) => `"${names[c]}"`).join(' -> ');
        throw invalid('options.paths', `the paths make a cycle (${cycle}); the model must be recursive`, 'no cycles');
      }
      if (state[t] === 0) visit(t, [...trail, j]);
    }
    state[j] = 2;
  };
  for (let j = 0; j < m; j++) if (state[j] === 0) visit(j, []);
  return { names, items, modes, reflective, paths: pairs, predecessors };
}
