/**
 * Splits rows into waves for {@link compareWaves}: reads the wave column and the weights, orders
 * the waves, and rethrows errors raised inside one wave with the wave named.
 * @internal
 */
import { InputError, InsufficientDataError, LoyaltyError } from '../errors.js';
import { isMissing, readCell, requireColumn } from '../internal/validate.js';
import type { Row } from '../types.js';
import type { WaveValue } from './waveTypes.js';

export interface WaveSplit {
  /** Waves compared, in order. */
  readonly waves: readonly WaveValue[];
  /** Row positions of each wave, aligned with `waves`. */
  readonly members: readonly number[][];
  /** Sampling weight per input row (1 when unweighted; unused for dropped rows). */
  readonly weight: Float64Array;
  readonly dropped: number;
  readonly byColumn: Record<string, number>;
}

function label(v: unknown, row: number, column: string): WaveValue {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  throw new InputError('NOT_NUMERIC', `column "${column}", row ${row}: a wave must be a number or a string, got ${typeof v}`, {
    argument: 'options.wave',
    column,
    row,
    expected: 'a number or a string',
  });
}

export function splitWaves(
  data: readonly Row[],
  column: string,
  order: readonly WaveValue[] | undefined,
  weights: string | undefined,
): WaveSplit {
  requireColumn(data, column, 'options.wave');
  if (weights !== undefined) requireColumn(data, weights, 'options.weights');
  const weight = new Float64Array(data.length).fill(1);
  const byColumn: Record<string, number> = {};
  const seen = new Map<string, WaveValue>();
  const key = (v: WaveValue) => `${typeof v}:${v}`;
  const rowWave: (string | null)[] = data.map((r, i) => {
    const v = r[column];
    if (isMissing(v)) {
      byColumn[column] = (byColumn[column] ?? 0) + 1;
      return null;
    }
    const w = label(v, i, column);
    if (weights !== undefined) {
      const wi = readCell(r[weights], i, { argument: 'rows', column: weights, scale: { min: 0 } });
      if (wi === null) {
        byColumn[weights] = (byColumn[weights] ?? 0) + 1;
        return null;
      }
      weight[i] = wi;
    }
    if (!seen.has(key(w))) seen.set(key(w), w);
    return key(w);
  });
  let waves: WaveValue[];
  if (order !== undefined) {
    if (!Array.isArray(order) || order.length === 0) {
      throw new InputError('INVALID_OPTION', 'options.order: expected a non-empty list of waves', {
        argument: 'options.order',
        expected: 'a list of waves',
      });
    }
    const present = [...seen.values()].map(String).join(', ');
    for (const w of order) {
      if (!seen.has(key(w))) {
        throw new InputError(
          'INVALID_OPTION',
          `options.order: wave ${JSON.stringify(w)} is not in column "${column}" (waves present: ${present})`,
          {
            argument: 'options.order',
            column,
            value: typeof w === 'number' || typeof w === 'string' ? w : String(w),
            expected: `one of ${present}`,
          },
        );
      }
    }
    if (new Set(order.map(key)).size !== order.length) {
      throw new InputError('INVALID_OPTION', 'options.order: a wave is listed twice', {
        argument: 'options.order',
        expected: 'distinct waves',
      });
    }
    waves = [...order];
  } else {
    waves = [...seen.values()];
    const numeric = waves.every((w) => typeof w === 'number');
    waves.sort(numeric ? (a, b) => (a as number) - (b as number) : (a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  }
  if (waves.length < 2) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `options.wave: column "${column}" has ${waves.length === 0 ? 'no wave' : `one wave (${JSON.stringify(waves[0])})`}; comparing waves needs at least 2`,
      {
        argument: 'options.wave',
        column,
        expected: 'at least 2 waves',
      },
    );
  }
  const position = new Map(waves.map((w, j) => [key(w), j]));
  const members: number[][] = waves.map(() => []);
  let dropped = 0;
  rowWave.forEach((k, i) => {
    const j = k === null ? undefined : position.get(k);
    if (j === undefined) dropped++;
    else members[j]!.push(i);
  });
  return { waves, members, weight, dropped, byColumn };
}

/** How a wave is named in messages: `wave 1`, `wave "North"`. */
export function waveName(w: WaveValue): string {
  return `wave ${typeof w === 'number' ? w : JSON.stringify(w)}`;
}

/**
 * Runs `fn`, rethrowing a library error with `context` (the wave or pair) leading its message.
 * When `fn` worked on the wave's values only, `rows` maps a position in them back to the input
 * row, which the message and `location.row` then name.
 */
export function inWave<T>(context: string, fn: () => T, rows?: readonly number[]): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LoyaltyError) {
      const Cls = e.constructor as new (code: string, message: string, location: object) => LoyaltyError;
      const position = e.location.row;
      if (rows !== undefined && position !== undefined && rows[position] !== undefined) {
        throw new Cls(e.code, `${context}: ${e.message} (input row ${rows[position]})`, { ...e.location, row: rows[position] });
      }
      throw new Cls(e.code, `${context}: ${e.message}`, e.location);
    }
    throw e;
  }
}
