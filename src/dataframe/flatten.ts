/**
 * Flattening of result objects into flat records and the detection of tables inside results.
 * @internal
 */
import type { FlatRecord } from './types.js';

/** A plain object (not an array, not null, not a class instance such as Date). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

function isScalar(x: unknown): x is string | number | boolean | null | undefined {
  return x === null || x === undefined || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
}

/** A cell as a DataFrame should hold it: NaN and undefined become null. */
export function cell(x: unknown): string | number | boolean | null {
  if (x === undefined || (typeof x === 'number' && Number.isNaN(x))) return null;
  if (isScalar(x)) return x;
  return JSON.stringify(x) ?? null;
}

/**
 * Flattens nested objects into dotted column names (`nps.standardError`); a pair of numbers
 * under a key ending in `Interval` becomes `.lower` and `.upper`; other arrays of scalars become
 * `key[0]`, `key[1]`...; deeper arrays are kept as JSON text.
 */
export function flattenRecord(record: Record<string, unknown>, prefix = '', out: FlatRecord = {}): FlatRecord {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix + key;
    if (isPlainObject(value)) flattenRecord(value, `${name}.`, out);
    else if (Array.isArray(value) && value.every(isScalar)) {
      if (value.length === 2 && /interval$/i.test(key) && value.every((v) => typeof v === 'number')) {
        out[`${name}.lower`] = cell(value[0]);
        out[`${name}.upper`] = cell(value[1]);
      } else value.forEach((v, i) => (out[`${name}[${i}]`] = cell(v)));
    } else out[name] = cell(value);
  }
  return out;
}

/** How a value can be read as a table, if it can. */
export type TableShape = 'records' | 'byKey' | 'columns' | 'scalars';

/** The table shape of a value: an array of objects, an object of objects, of equal-length arrays, or of scalars. */
export function tableShape(value: unknown): TableShape | undefined {
  if (Array.isArray(value)) return value.length > 0 && value.every(isPlainObject) ? 'records' : undefined;
  if (!isPlainObject(value)) return undefined;
  const entries = Object.values(value);
  if (entries.length === 0) return undefined;
  if (entries.every(isPlainObject)) return 'byKey';
  if (entries.every((v) => Array.isArray(v) && v.every(isScalar))) {
    const length = (entries[0] as unknown[]).length;
    return length > 0 && entries.every((v) => (v as unknown[]).length === length) ? 'columns' : undefined;
  }
  if (entries.length >= 2 && entries.every((v) => typeof v === 'number' || v === null)) return 'scalars';
  return undefined;
}

/** Turns a value of a known table shape into flat records. */
export function toRecords(value: unknown, shape: TableShape, index: string): FlatRecord[] {
  switch (shape) {
    case 'records':
      return (value as Record<string, unknown>[]).map((r) => flattenRecord(r));
    case 'byKey': {
      // { lmg: { satisfaction: 0.1, image: 0.2 }, first: {...} } -> one row per inner key.
      const outer = value as Record<string, Record<string, unknown>>;
      const inner: string[] = [];
      for (const o of Object.values(outer)) for (const k of Object.keys(o)) if (!inner.includes(k)) inner.push(k);
      const allScalar = Object.values(outer).every((o) => Object.values(o).every(isScalar));
      if (allScalar) {
        return inner.map((k) => {
          const row: FlatRecord = { [index]: k };
          for (const [name, o] of Object.entries(outer)) row[name] = cell(o[k]);
          return row;
        });
      }
      // { true: { n, share, ... }, latent: {...} } -> one row per outer key, flattened.
      return Object.entries(outer).map(([k, o]) => ({ [index]: k, ...flattenRecord(o) }));
    }
    case 'columns': {
      const cols = value as Record<string, unknown[]>;
      const n = (Object.values(cols)[0] ?? []).length;
      return Array.from({ length: n }, (_, i) => {
        const row: FlatRecord = {};
        for (const [name, values] of Object.entries(cols)) row[name] = cell(values[i]);
        return row;
      });
    }
    case 'scalars':
      return Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ [index]: k, value: cell(v) }));
  }
}
