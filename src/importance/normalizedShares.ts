/**
 * Shares of a total.
 *
 * @internal
 */

/** Values divided by their sum (all 0 when the sum is 0). */
export function normalizedShares(values: readonly number[]): number[] {
  let total = 0;
  for (const v of values) total += v;
  return values.map((v) => (total === 0 ? 0 : v / total));
}
