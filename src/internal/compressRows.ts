/**
 * Exact compression of a sample for likelihood fits: cases with the same values in every given
 * column (predictors, outcome and, where it matters, the weight) are one row carrying their
 * count. Frequency weights give the identical maximum-likelihood estimates, log-likelihood,
 * information and deviance, so a fit on the groups is the fit on the cases; survey drivers are
 * discrete (scale scores are means of a few Likert items), so a large file has few patterns.
 *
 * @internal
 */

/** Cases grouped by their pattern. */
export interface RowGroups {
  /** Number of groups. */
  readonly groups: number;
  /** Group of each case. */
  readonly groupOf: Int32Array;
  /** First case of each group (its values are the group's). */
  readonly first: Int32Array;
  /** Cases in each group. */
  readonly counts: Float64Array;
}

/**
 * Compression pays when it removes at least half the rows: the grouping costs about one pass of
 * hashing over the cases, a fit costs several passes (IRLS, Newton) or thousands (subset fits).
 */
export const MIN_COMPRESSION = 2;

/**
 * Groups the cases by their values in `columns` (NaN never occurs here: complete cases), or
 * returns null when fewer than `minFactor` cases per group on average would result. Columns are
 * coded to dense integers, combined by mixed radix (re-coded whenever the radix would pass 2^52),
 * so no string keys are built.
 */
export function compressRows(columns: readonly ArrayLike<number>[], minFactor = MIN_COMPRESSION): RowGroups | null {
  const n = columns.length === 0 ? 0 : columns[0]!.length;
  if (n < 2 * minFactor) return null;
  const limit = Math.floor(n / minFactor);
  let key: Float64Array = new Float64Array(n);
  let radix = 1;
  const code = new Float64Array(n);
  for (const col of columns) {
    const card = codeColumn(col, n, limit, code);
    if (card < 0) return null;
    if (radix * card > 2 ** 52) {
      const recoded = recode(key);
      if (recoded.size * card > 2 ** 52) return null;
      key = recoded.key;
      radix = recoded.size;
    }
    for (let i = 0; i < n; i++) key[i] = key[i]! + radix * code[i]!;
    radix *= card;
  }
  const groupOf = new Int32Array(n);
  const index = new Map<number, number>();
  const firstList: number[] = [];
  for (let i = 0; i < n; i++) {
    let g = index.get(key[i]!);
    if (g === undefined) {
      g = index.size;
      if (g >= limit) return null;
      index.set(key[i]!, g);
      firstList.push(i);
    }
    groupOf[i] = g;
  }
  const groups = index.size;
  const counts = new Float64Array(groups);
  for (let i = 0; i < n; i++) counts[groupOf[i]!] = counts[groupOf[i]!]! + 1;
  return { groups, groupOf, first: Int32Array.from(firstList), counts };
}

/** Denominators tried for the grid fast path: means of up to 6 items, halves, tenths, twelfths. */
const GRID = [1, 2, 3, 4, 5, 6, 8, 10, 12];

/**
 * Codes the values of `col` into `code` and returns how many codes there are (-1 when more than
 * `limit`). Fast path: when every value is exactly `k / den` for one small denominator (a mean of
 * den Likert items), the code is `k - min k` (checked value by value: `k / den` must give the value
 * back, so distinct values get distinct codes); the codes need not be dense. Otherwise a Map.
 */
function codeColumn(col: ArrayLike<number>, n: number, limit: number, code: Float64Array): number {
  for (const den of GRID) {
    let lo = Infinity;
    let hi = -Infinity;
    let ok = true;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      const k = Math.round(v * den);
      if (k / den !== v || !Number.isSafeInteger(k)) {
        ok = false;
        break;
      }
      code[i] = k;
      if (k < lo) lo = k;
      if (k > hi) hi = k;
    }
    if (!ok) continue;
    // A sparse grid (few values spread wide) falls through to the Map.
    if (hi - lo + 1 > limit) break;
    for (let i = 0; i < n; i++) code[i] = code[i]! - lo;
    return hi - lo + 1;
  }
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const v = col[i]! === 0 ? 0 : col[i]!; // -0 and 0 are one value
    let c = seen.get(v);
    if (c === undefined) {
      c = seen.size;
      if (c >= limit) return -1;
      seen.set(v, c);
    }
    code[i] = c;
    // A continuous column shows itself early (half its first 4,096 values distinct): give up then
    // rather than hash half the file first. It only forgoes an optimization.
    if (i === 4095 && seen.size > 2048) return -1;
  }
  return seen.size;
}

/** Dense codes of a key column. */
function recode(key: Float64Array): { key: Float64Array; size: number } {
  const seen = new Map<number, number>();
  const out = new Float64Array(key.length);
  for (let i = 0; i < key.length; i++) {
    let c = seen.get(key[i]!);
    if (c === undefined) {
      c = seen.size;
      seen.set(key[i]!, c);
    }
    out[i] = c;
  }
  return { key: out, size: seen.size };
}

/** The values of `col` at the groups' first cases. */
export function pickFirst(col: ArrayLike<number>, groups: RowGroups): Float64Array {
  const out = new Float64Array(groups.groups);
  for (let g = 0; g < groups.groups; g++) out[g] = col[groups.first[g]!]!;
  return out;
}

/**
 * The fit weights of distinct cases standing for `counts` cases each: case weight times count
 * (the count itself when unweighted), so a weighted sum over them is the sum over the cases.
 */
export function frequencyWeights(caseWeights: Float64Array | undefined, counts: Float64Array): Float64Array {
  return caseWeights ? caseWeights.map((v, g) => v * counts[g]!) : counts;
}

/** Per group, the sum of `w` over its cases. */
export function sumByGroup(w: ArrayLike<number>, groups: RowGroups): Float64Array {
  const out = new Float64Array(groups.groups);
  for (let i = 0; i < w.length; i++) out[groups.groupOf[i]!] = out[groups.groupOf[i]!]! + w[i]!;
  return out;
}
