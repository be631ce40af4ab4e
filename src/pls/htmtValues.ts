import type { Dense } from '../internal/matrix.js';

/** Mean absolute correlation within one block (a = b: pairs i < j) or between two. */
function meanAbs(r: Dense, oa: number, ka: number, ob: number, kb: number, same: boolean): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < ka; i++) {
    for (let j = same ? i + 1 : 0; j < kb; j++) {
      sum += Math.abs(r[oa + i]![ob + j]!);
      count++;
    }
  }
  return sum / count;
}

/**
 * HTMT of every pair of constructs (a < b, row-major), from the item correlations: the mean
 * absolute heterotrait correlation over the geometric mean of the two mean absolute monotrait
 * correlations (Henseler, Ringle & Sarstedt 2015; a single item's monotrait mean is 1, as
 * seminr). Null when a construct's items do not correlate at all.
 * @internal
 */
export function htmtValues(r: Dense, offsets: readonly number[], sizes: readonly number[]): (number | null)[] {
  const m = sizes.length;
  const mono = sizes.map((k, j) => (k === 1 ? 1 : meanAbs(r, offsets[j]!, k, offsets[j]!, k, true)));
  const out: (number | null)[] = [];
  for (let a = 0; a < m; a++) {
    for (let c = a + 1; c < m; c++) {
      const denominator = Math.sqrt(mono[a]! * mono[c]!);
      out.push(denominator > 0 ? meanAbs(r, offsets[a]!, sizes[a]!, offsets[c]!, sizes[c]!, false) / denominator : null);
    }
  }
  return out;
}
