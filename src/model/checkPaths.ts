/**
 * The model file's `paths` section: the loyalty driver model as a PLS path model. Constructs
 * reuse the model's scales (their items, reverse-worded items and range), or name their own
 * items, or are a single data column; `relationships` lists the structural paths as seminr's
 * `paths(from, to)`. Each problem is recorded with the key's path.
 * @internal
 */
import { isPlainObject, keyPath, show, suggestion, type ProblemCollector } from './problems.js';
import type { ModelPathConstruct, ModelPaths, ModelScale, NormalizedColumnDeclaration } from './types.js';

const SECTION_KEYS = ['constructs', 'relationships', 'target', 'scheme', 'intervalMethod'] as const;
const CONSTRUCT_KEYS = ['items', 'reverse', 'mode', 'type', 'min', 'max'] as const;
const SCHEMES = ['path', 'factorial', 'centroid'] as const;

/** A name or a non-empty list of names, as `from` and `to` of a relationship. */
function names(c: ProblemCollector, path: string, value: unknown): string[] | undefined {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((v) => typeof v !== 'string' || v === '')) {
    c.error(path, `expected a construct name or a non-empty list of them, got ${show(value)}`);
    return undefined;
  }
  return list as string[];
}

/**
 * `paths`: `{ relationships: [{ from, to }], constructs?, target?, scheme?, intervalMethod? }`. A construct is a
 * scale of the model, a key of `constructs` with its own `items`, or a data column (one item).
 * The validated constructs are in path order (the longest chain of paths into each, then first
 * appearance).
 */
export function checkPaths(
  c: ProblemCollector,
  path: string,
  value: unknown,
  scales: Readonly<Record<string, ModelScale>>,
  columns: Readonly<Record<string, NormalizedColumnDeclaration>>,
): ModelPaths | undefined {
  const o = c.object(path, value, 'an object { relationships: [{ from, to }], constructs?, target?, scheme? }');
  if (o === undefined) return undefined;
  const before = c.errorCount;
  c.unknownKeys(path, o, SECTION_KEYS);
  const declared = o['constructs'] === undefined ? {} : c.object(`${path}.constructs`, o['constructs'], 'an object of constructs by name');

  // The relationships first: they say which constructs the model has, in order of appearance.
  const pairs: { from: string; to: string }[] = [];
  const order: string[] = [];
  const where = new Map<string, string>();
  const rp = `${path}.relationships`;
  if (!Array.isArray(o['relationships']) || o['relationships'].length === 0) {
    c.error(rp, `expected a non-empty list of { from, to } (construct names or lists of them), got ${show(o['relationships'])}`);
  } else {
    o['relationships'].forEach((entry: unknown, k) => {
      const p = `${rp}[${k}]`;
      if (!isPlainObject(entry)) {
        c.error(p, `expected { from, to }, got ${show(entry)}`);
        return;
      }
      c.unknownKeys(p, entry, ['from', 'to']);
      const from = names(c, `${p}.from`, entry['from']);
      const to = names(c, `${p}.to`, entry['to']);
      if (from === undefined || to === undefined) return;
      for (const f of from) {
        for (const t of to) {
          if (f === t) c.error(p, `a path from "${f}" to itself`);
          else if (pairs.some((q) => q.from === f && q.to === t)) c.error(p, `the path "${f}" -> "${t}" is listed twice`);
          else pairs.push({ from: f, to: t });
          for (const [name, at] of [
            [f, `${p}.from`],
            [t, `${p}.to`],
          ] as const) {
            if (!where.has(name)) {
              where.set(name, at);
              order.push(name);
            }
          }
        }
      }
    });
  }

  const constructs: Record<string, ModelPathConstruct> = {};
  const known = [...new Set([...Object.keys(scales), ...Object.keys(declared ?? {})])];
  for (const name of order) {
    const at = where.get(name)!;
    const d = declared?.[name];
    const dp = keyPath(`${path}.constructs`, name);
    const own = isPlainObject(d) ? d : undefined;
    if (d !== undefined && own === undefined) {
      c.error(dp, `expected { items?, mode?, type?, min?, max? }, got ${show(d)}`);
      continue;
    }
    if (own !== undefined) c.unknownKeys(dp, own, CONSTRUCT_KEYS);
    const scale = scales[name];
    let items: string[] | undefined;
    let reverse: string[] = [];
    let min: number | undefined;
    let max: number | undefined;
    const same = (a: unknown, b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);
    if (scale !== undefined) {
      // A validated model repeats the scale's items and reverse items: accepted when they match.
      if (own?.['items'] !== undefined && !same(own['items'], scale.items))
        c.error(`${dp}.items`, `"${name}" is a scale; its items come from model.scales.${name}`);
      if (own?.['reverse'] !== undefined && !same(own['reverse'], scale.reverse))
        c.error(`${dp}.reverse`, `"${name}" is a scale; its reverse-worded items come from model.scales.${name}`);
      items = [...scale.items];
      reverse = [...scale.reverse];
      min = scale.min;
      max = scale.max;
    } else if (own?.['items'] !== undefined) {
      items = c.columnList(`${dp}.items`, own['items'], 1);
      if (own['reverse'] !== undefined) {
        const r = own['reverse'];
        if (!Array.isArray(r) || r.some((v) => typeof v !== 'string' || !items?.includes(v)))
          c.error(`${dp}.reverse`, `expected a list of the construct's items, got ${show(r)}`);
        else reverse = [...(r as string[])];
      }
    } else if (c.hasColumn(name)) {
      // A data column is a single-item construct (e.g. the recommend question as loyalty).
      items = [name];
      min = columns[name]?.min;
      max = columns[name]?.max;
    } else {
      c.error(
        at,
        `"${name}" is not a scale, a construct with items in ${path}.constructs, or a column of the data${suggestion(name, known)}`,
        'INVALID_OPTION',
      );
      continue;
    }
    if (items === undefined) continue;
    for (const key of ['min', 'max'] as const) {
      if (own?.[key] === undefined) continue;
      const v = c.finite(`${dp}.${key}`, own[key]);
      if (v !== undefined) {
        if (key === 'min') min = v;
        else max = v;
      }
    }
    if (min !== undefined && max !== undefined && !(min < max)) c.error(`${dp}.min`, `min (${min}) must be below max (${max})`);
    if (reverse.length > 0 && (min === undefined || max === undefined))
      c.error(dp, 'reverse-worded items are recoded as min + max - x, so the construct needs min and max');
    const mode = own?.['mode'] ?? 'A';
    const type = own?.['type'] ?? 'composite';
    if (mode !== 'A' && mode !== 'B')
      c.error(`${dp}.mode`, `expected "A" (correlation weights) or "B" (regression weights), got ${show(mode)}`);
    if (type !== 'composite' && type !== 'reflective') c.error(`${dp}.type`, `expected "composite" or "reflective", got ${show(type)}`);
    if (type === 'reflective' && mode === 'B') {
      c.error(`${dp}.mode`, 'a reflective construct is estimated in mode A (consistent PLS); mode B is for composites');
    }
    constructs[name] = {
      items,
      mode: mode as 'A' | 'B',
      type: type as 'composite' | 'reflective',
      reverse,
      ...(min === undefined ? {} : { min }),
      ...(max === undefined ? {} : { max }),
    };
  }
  for (const name of Object.keys(declared ?? {})) {
    if (!where.has(name)) c.error(keyPath(`${path}.constructs`, name), `"${name}" is on no relationship; every construct needs a path`);
  }
  // Each item measures one construct (PLS weights are per construct).
  const owner = new Map<string, string>();
  for (const [name, k] of Object.entries(constructs)) {
    for (const item of k.items) {
      const other = owner.get(item);
      if (other !== undefined) {
        c.error(
          where.get(name)!,
          `item "${item}" belongs to both "${other}" and "${name}"; each item measures one construct`,
          'INVALID_OPTION',
          item,
        );
      } else owner.set(item, name);
    }
  }
  if (order.length === 1) c.error(rp, 'a path model needs at least two constructs');
  // Recursive model: no cycle (depth-first over the paths).
  const state = new Map<string, number>();
  const visit = (name: string, trail: string[]): boolean => {
    state.set(name, 1);
    for (const q of pairs) {
      if (q.from !== name) continue;
      if (state.get(q.to) === 1) {
        const cycle = [...trail.slice(trail.indexOf(q.to)), name, q.to].map((v) => `"${v}"`).join(' -> ');
        c.error(rp, `the relationships make a cycle (${cycle}); the model must be recursive`);
        return true;
      }
      if (!state.has(q.to) && visit(q.to, [...trail, name])) return true;
    }
    state.set(name, 2);
    return false;
  };
  let cyclic = false;
  for (const name of order) {
    if (!state.has(name) && visit(name, [])) {
      cyclic = true;
      break;
    }
  }

  let target: string | undefined;
  if (o['target'] !== undefined) {
    const t = o['target'];
    if (typeof t !== 'string' || !where.has(t)) {
      c.error(`${path}.target`, `${show(t)} is not a construct of the relationships${typeof t === 'string' ? suggestion(t, order) : ''}`);
    } else if (!pairs.some((q) => q.to === t)) {
      c.error(`${path}.target`, `"${t}" has no path into it; the IPMA target must be an endogenous construct`);
    } else {
      target = t;
      // IPMA rescales every item of the target's drivers (and the target) from its range.
      for (const [name, k] of Object.entries(constructs)) {
        if (k.min === undefined || k.max === undefined) {
          c.error(
            scales[name] !== undefined ? keyPath('model.scales', name) : keyPath(`${path}.constructs`, name),
            `the importance-performance map (${path}.target) rescales items to 0-100 from their range: give "${name}" min and max`,
          );
        }
      }
    }
  }
  const scheme = o['scheme'] ?? 'path';
  if (!(SCHEMES as readonly unknown[]).includes(scheme))
    c.error(`${path}.scheme`, `expected "path", "factorial" or "centroid", got ${show(scheme)}`);
  const intervalMethod = o['intervalMethod'] ?? 'percentile';
  if (intervalMethod !== 'percentile' && intervalMethod !== 'bca')
    c.error(`${path}.intervalMethod`, `expected "percentile" or "bca", got ${show(intervalMethod)}`);
  if (c.errorCount > before || cyclic) return undefined;
  // Constructs in path order: by the longest chain of paths into each, then by first appearance.
  const depth = new Map(order.map((n) => [n, 0]));
  for (let pass = 0; pass < order.length; pass++)
    for (const q of pairs) depth.set(q.to, Math.max(depth.get(q.to)!, depth.get(q.from)! + 1));
  const sorted = [...order].sort((a, b) => depth.get(a)! - depth.get(b)! || order.indexOf(a) - order.indexOf(b));
  return {
    constructs: Object.fromEntries(sorted.map((n) => [n, constructs[n]!])),
    relationships: pairs,
    ...(target === undefined ? {} : { target }),
    scheme: scheme as ModelPaths['scheme'],
    intervalMethod: intervalMethod as ModelPaths['intervalMethod'],
  };
}
