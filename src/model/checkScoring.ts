/**
 * Check of the model's `scoring` section (how driver scores are made from the items).
 * @internal
 */
import { keyPath, show, suggestion, type ProblemCollector } from './problems.js';
import type { ModelScale, ScoringDeclaration } from './types.js';

/** `scoring`: statistic, minimumAnswered (a number, or per scale) and rescale. */
export function checkScoring(
  c: ProblemCollector,
  path: string,
  value: unknown,
  scales: Readonly<Record<string, ModelScale>>,
): Required<ScoringDeclaration> | undefined {
  const defaults: Required<ScoringDeclaration> = { statistic: 'mean', minimumAnswered: {}, rescale: 'none' };
  if (value === undefined) return defaults;
  const o = c.object(path, value, 'an object { statistic?, minimumAnswered?, rescale? }');
  if (o === undefined) return undefined;
  const before = c.errorCount;
  c.unknownKeys(path, o, ['statistic', 'minimumAnswered', 'rescale']);
  const statistic = o['statistic'] ?? 'mean';
  if (statistic !== 'mean' && statistic !== 'sum') c.error(`${path}.statistic`, `expected "mean" or "sum", got ${show(statistic)}`);
  const rescale = o['rescale'] ?? 'none';
  if (rescale !== 'none' && rescale !== '0-100') c.error(`${path}.rescale`, `expected "none" or "0-100", got ${show(rescale)}`);
  if (rescale === '0-100') {
    for (const [name, scale] of Object.entries(scales)) {
      if (scale.min === undefined || scale.max === undefined)
        c.error(keyPath('model.scales', name), 'scoring.rescale "0-100" needs min and max on every scale');
    }
  }
  const m = o['minimumAnswered'];
  let minimumAnswered: number | Record<string, number> = {};
  const positive = (p: string, v: unknown, k?: number): boolean => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && (k === undefined || v <= k)) return true;
    c.error(p, `expected an integer from 1${k === undefined ? '' : ` to ${k} (the scale's items)`}, got ${show(v)}`);
    return false;
  };
  if (typeof m === 'number') {
    if (positive(`${path}.minimumAnswered`, m)) minimumAnswered = m;
  } else if (m !== undefined) {
    const per = c.object(`${path}.minimumAnswered`, m, 'a number, or an object of numbers per scale');
    const out: Record<string, number> = {};
    for (const [name, v] of Object.entries(per ?? {})) {
      const p = keyPath(`${path}.minimumAnswered`, name);
      const scale = scales[name];
      if (scale === undefined) c.error(p, `"${name}" is not a scale of the model${suggestion(name, Object.keys(scales))}`);
      else if (positive(p, v, scale.items.length)) out[name] = v as number;
    }
    minimumAnswered = out;
  }
  if (c.errorCount > before) return undefined;
  return { statistic: statistic as 'mean' | 'sum', minimumAnswered, rescale: rescale as 'none' | '0-100' };
}
