import { InputError } from '../errors.js';
import type { NormalizedScale, ScaleDefinition, ScaleDefinitions } from './types.js';

function invalid(argument: string, message: string, expected: string, column?: string): InputError {
  return new InputError('INVALID_OPTION', `${argument}: ${message}`, { argument, column, expected });
}

/**
 * Validates one scale description (a list of items or a {@link ScaleDefinition}).
 * @param minimumItems - 1 for scores, 2 for reliability and validity.
 * @internal
 */
export function normalizeScale(name: string, definition: unknown, argument: string, minimumItems: number): NormalizedScale {
  const def: ScaleDefinition | undefined = Array.isArray(definition)
    ? { items: definition as readonly string[] }
    : definition !== null && typeof definition === 'object'
      ? (definition as ScaleDefinition)
      : undefined;
  if (def === undefined || !Array.isArray(def.items)) {
    throw invalid(argument, `scale "${name}": expected a list of item names or { items, reverse?, min?, max? }`, 'a list of item names');
  }
  const items = def.items;
  if (items.length < minimumItems) {
    const only = items.length === 1 ? ` (only "${String(items[0])}")` : '';
    throw invalid(
      argument,
      `scale "${name}" has ${items.length} item${items.length === 1 ? '' : 's'}${only}; reliability and validity need at least ${minimumItems} items per scale`,
      `at least ${minimumItems} items`,
      items.length === 1 ? String(items[0]) : undefined,
    );
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string' || item.length === 0) {
      throw invalid(argument, `scale "${name}": item names must be non-empty strings, got ${JSON.stringify(item)}`, 'a column name');
    }
    if (seen.has(item)) throw invalid(argument, `scale "${name}" lists item "${item}" twice`, 'distinct items', item);
    seen.add(item);
  }
  const reverse = def.reverse ?? [];
  if (!Array.isArray(reverse)) throw invalid(argument, `scale "${name}": reverse must be a list of item names`, 'a list of item names');
  for (const r of reverse) {
    if (!seen.has(r)) {
      throw invalid(
        argument,
        `scale "${name}": reverse item "${String(r)}" is not one of its items (${items.join(', ')})`,
        "one of the scale's items",
        String(r),
      );
    }
  }
  for (const key of ['min', 'max'] as const) {
    const v = def[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v))) {
      throw invalid(argument, `scale "${name}": ${key} must be a finite number, got ${JSON.stringify(v)}`, 'a finite number');
    }
  }
  if (def.min !== undefined && def.max !== undefined && !(def.min < def.max)) {
    throw invalid(argument, `scale "${name}": min (${def.min}) must be below max (${def.max})`, 'min < max');
  }
  if (reverse.length > 0 && (def.min === undefined || def.max === undefined)) {
    throw invalid(
      argument,
      `scale "${name}": reverse-worded item "${reverse[0]}" is recoded as min + max - x, so the scale needs min and max (e.g. { min: 1, max: 7 })`,
      'min and max',
      reverse[0],
    );
  }
  const rev = new Set(reverse);
  return {
    name,
    items: [...items],
    reversed: items.map((i) => rev.has(i)),
    min: def.min,
    max: def.max,
    integer: def.integer === true,
  };
}

/**
 * Validates a {@link ScaleDefinitions} object into an ordered list of scales (in the object's
 * key order). Throws `INVALID_OPTION` naming the scale (and item) at fault.
 * @internal
 */
export function normalizeScales(scales: unknown, argument = 'scales', minimumItems = 1, minimumScales = 1): NormalizedScale[] {
  if (scales === null || typeof scales !== 'object' || Array.isArray(scales)) {
    throw invalid(
      argument,
      'expected an object mapping each driver name to its items, e.g. { satisfaction: ["sat1", "sat2", "sat3"] }',
      'an object of scales',
    );
  }
  const names = Object.keys(scales);
  if (names.length < minimumScales) {
    throw invalid(
      argument,
      `expected at least ${minimumScales} scale${minimumScales === 1 ? '' : 's'}, got ${names.length}`,
      `at least ${minimumScales} scales`,
    );
  }
  return names.map((name) => normalizeScale(name, (scales as ScaleDefinitions)[name], argument, minimumItems));
}
