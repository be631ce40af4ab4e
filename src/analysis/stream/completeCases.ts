/**
 * The complete-case mask of a chunk, one column at a time (a tight loop per column instead of a
 * check per cell in a row loop): the moment and regression accumulators drop rows the way the
 * row readers do, NaN or a missing code.
 * @internal
 */

/**
 * Clears `keep[i]` where `values[i]` is missing (NaN, or one of `codes`) for the first `m` rows,
 * and returns how many are.
 */
export function dropMissing(values: Float64Array, keep: Uint8Array, m: number, codes: readonly number[]): number {
  let missing = 0;
  if (codes.length === 0) {
    for (let i = 0; i < m; i++) {
      const v = values[i]!;
      if (v !== v) {
        keep[i] = 0;
        missing++;
      }
    }
  } else if (codes.length === 1) {
    const one = codes[0]!;
    for (let i = 0; i < m; i++) {
      const v = values[i]!;
      if (v !== v || v === one) {
        keep[i] = 0;
        missing++;
      }
    }
  } else {
    for (let i = 0; i < m; i++) {
      const v = values[i]!;
      if (v !== v || codes.includes(v)) {
        keep[i] = 0;
        missing++;
      }
    }
  }
  return missing;
}

/**
 * A chunk loop's missing-code test, split so that the usual single code is one comparison:
 * `v === one || (many !== undefined && many.includes(v))` (`one` is NaN, equal to nothing, when
 * there is not exactly one code).
 */
export function missingCodeTest(codes: readonly number[] | undefined): {
  readonly one: number;
  readonly many: readonly number[] | undefined;
} {
  return {
    one: codes !== undefined && codes.length === 1 ? codes[0]! : Number.NaN,
    many: codes !== undefined && codes.length > 1 ? codes : undefined,
  };
}
