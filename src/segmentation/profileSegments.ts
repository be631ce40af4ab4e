import { checkOptions, optionKeys } from '../internal/options.js';
import { estimateFields } from '../internal/estimateFields.js';
import { InputError, InsufficientDataError } from '../errors.js';
import { nps } from '../indices/nps.js';
import { linearizedMean } from '../internal/proportion.js';
import { sum, sumOfSquares, weightedSum } from '../internal/sums.js';
import { checkConfidenceLevel, readCell, requireColumn, requireRows } from '../internal/validate.js';
import { checkWeightsOrDesign, designSummary, readRowsDesign, type SurveyDesign } from '../survey/design.js';
import { designMean, type PreparedDesign } from '../survey/linearization.js';
import type { Row, Warning } from '../types.js';
import type { CategoricalSummary, NumericSummary, ProfileSegmentsOptions, ProfileSegmentsResult, SegmentProfile } from './profileTypes.js';
import { readVariable } from './profileVariables.js';
import { resolveMeasure } from './resolveMeasure.js';
import { categoricalTest, numericTests, type ChiSquareSummary, type NumericTests } from './segmentTests.js';
import { segmentLabel } from './segmentLabel.js';
import { LOYALTY_SEGMENTS, type LoyaltySegment } from './segmentLoyalty.js';

function sortCategories(labels: Iterable<string>): string[] {
  const all = [...new Set(labels)];
  const numeric = all.every((l) => l !== '' && Number.isFinite(Number(l)));
  return numeric ? all.sort((a, b) => Number(a) - Number(b)) : all.sort();
}

/**
 * Profiles Dick & Basu loyalty segments: size and share, means of drivers and numeric variables,
 * shares of categorical ones (lock-in prevalence such as `switching_cost`, channel), NPS, revenue
 * and revenue share per segment, with tests of differences across segments.
 *
 * Method: per segment, (weighted) means with their SE (Taylor-linearized as `survey::svymean`
 * with weights), (weighted) category shares, NPS from {@link nps} (Rocks 2016 SE), revenue totals
 * and shares of the profiled total. Tests over the non-empty segments, each on the rows where the
 * variable is present (available cases per variable), unweighted: one-way ANOVA (classical F) and
 * Kruskal-Wallis (tie-corrected) for numeric variables, Pearson chi-square (no continuity
 * correction) for categorical ones and for the NPS categories. A segment with no rows appears
 * with size 0 and is left out of the tests (`emptySegments`), as R drops unused factor levels.
 * References: R `aov`, `kruskal.test`, `chisq.test(correct = FALSE)`; Dick & Basu (1994).
 *
 * @param rows - The rows that were segmented.
 * @param segmentation - A {@link segmentLoyalty} result (or any `{ assignments }` aligned with rows).
 * @param options - `variables`, `nps` column, `revenue` measure, `weights` column, `confidenceLevel`.
 * @returns Profiles keyed by segment, tests keyed by variable, warnings (`TEST_NOT_COMPUTED`), the missing report.
 * @throws InputError `EMPTY_INPUT`, `LENGTH_MISMATCH` (assignments not one per row),
 *   `INVALID_OPTION` (unknown segment, duplicate variable name), `COLUMN_NOT_FOUND`,
 *   `NOT_NUMERIC`, `OUT_OF_RANGE`; InsufficientDataError `TOO_FEW_CASES` (fewer than 2 segments with rows).
 *
 * @example
 * ```ts
 * import { profileSegments, segmentLoyalty } from 'loyalty-drivers';
 * const rows = [
 *   { recommend: 9, sow: 0.8, lock: 0, spend: 80 }, { recommend: 10, sow: 0.9, lock: 1, spend: 90 },
 *   { recommend: 9, sow: 0.1, lock: 0, spend: 10 }, { recommend: 10, sow: 0.2, lock: 0, spend: 20 },
 *   { recommend: 2, sow: 0.7, lock: 1, spend: 70 }, { recommend: 3, sow: 0.9, lock: 1, spend: 60 },
 *   { recommend: 1, sow: 0.1, lock: 0, spend: 5 }, { recommend: 4, sow: 0.2, lock: 0, spend: 15 },
 * ];
 * const s = segmentLoyalty(rows, { attitude: 'recommend', behaviour: 'sow' });
 * const p = profileSegments(rows, s, { variables: ['lock'], nps: 'recommend', revenue: 'spend' });
 * p.profiles.spurious.n; // => 2
 * p.profiles.spurious.categorical.lock.shares; // => { 0: 0, 1: 1 } (both spurious customers are locked in)
 * p.profiles.spurious.nps; // => { estimate: -100, n: 2, ... }
 * p.profiles.spurious.revenue; // => { total: 130, share: 0.371428..., ... } (130 of 350)
 * p.tests.categorical.lock; // => { df: 3, pValue: 0.118280..., ... }
 * ```
 */
export function profileSegments(
  rows: readonly Row[],
  segmentation: { readonly assignments: readonly (LoyaltySegment | null)[] },
  options: ProfileSegmentsOptions = {},
): ProfileSegmentsResult {
  checkOptions(options, PROFILE_SEGMENTS_KEYS);
  const data = requireRows(rows);
  const assignments = segmentation?.assignments;
  if (!Array.isArray(assignments) || assignments.length !== data.length) {
    throw new InputError(
      'LENGTH_MISMATCH',
      `segmentation.assignments: expected ${data.length} assignments (one per row), got ${Array.isArray(assignments) ? assignments.length : typeof assignments}`,
      {
        argument: 'segmentation.assignments',
        expected: `${data.length} assignments`,
      },
    );
  }
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  if (options.weights !== undefined) requireColumn(data, options.weights, 'options.weights');
  checkWeightsOrDesign(options);
  const prepared: PreparedDesign | null = options.design === undefined ? null : readRowsDesign(data, options.design);
  // Rows profiled: a known segment and, when weighted, a weight.
  const segmentOf: (LoyaltySegment | null)[] = new Array(data.length).fill(null);
  const weight = new Float64Array(data.length).fill(1);
  if (prepared) weight.set(prepared.weights);
  let dropped = 0;
  let missingWeights = 0;
  assignments.forEach((a, i) => {
    if (a === null || a === undefined) {
      dropped++;
      return;
    }
    if (!(LOYALTY_SEGMENTS as readonly unknown[]).includes(a)) {
      throw new InputError(
        'INVALID_OPTION',
        `segmentation.assignments[${i}]: expected one of ${LOYALTY_SEGMENTS.join(', ')} or null, got ${JSON.stringify(a)}`,
        {
          argument: 'segmentation.assignments',
          row: i,
          expected: LOYALTY_SEGMENTS.join(' | '),
        },
      );
    }
    if (options.weights !== undefined) {
      const w = readCell(data[i]![options.weights], i, { argument: 'rows', column: options.weights, scale: { min: 0 } });
      if (w === null) {
        dropped++;
        missingWeights++;
        return;
      }
      weight[i] = w;
    }
    segmentOf[i] = a;
  });
  const members: Record<LoyaltySegment, number[]> = { true: [], latent: [], spurious: [], none: [] };
  segmentOf.forEach((s, i) => {
    if (s !== null) members[s].push(i);
  });
  const used = LOYALTY_SEGMENTS.filter((s) => members[s].length > 0);
  const emptySegments = LOYALTY_SEGMENTS.filter((s) => members[s].length === 0);
  if (used.length < 2) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `segmentation: ${used.length === 0 ? 'no segment has' : `only "${used[0]}" has`} rows (empty: ${emptySegments.join(', ')}); a profile compares at least 2 segments`,
      {
        argument: 'segmentation.assignments',
        expected: 'rows in at least 2 segments',
      },
    );
  }
  const weighted = options.weights !== undefined || prepared !== null;
  const segmentCode = Int32Array.from(segmentOf, (s) => (s === null ? -1 : LOYALTY_SEGMENTS.indexOf(s)));
  const weightOf = (idx: readonly number[]): number => sum(Float64Array.from(idx, (i) => weight[i]!));
  const segmentWeight = LOYALTY_SEGMENTS.map((s) => weightOf(members[s]));
  const totalWeight = sum(segmentWeight);
  const warnings: Warning[] = [];
  const byColumn: Record<string, number> = {};
  if (missingWeights > 0) byColumn[options.weights!] = missingWeights;

  const variables = (options.variables ?? []).map((v, j) => readVariable(data, v, `options.variables[${j}]`));
  const seen = new Set<string>();
  for (const v of variables) {
    if (seen.has(v.name)) {
      throw new InputError('INVALID_OPTION', `options.variables: the name "${v.name}" is used twice; give each measure its own name`, {
        argument: 'options.variables',
        value: v.name,
        expected: 'unique names',
      });
    }
    seen.add(v.name);
  }
  /** Per segment, the rows where `values` is present; counts the others as missing under `name`. */
  const presentBy = (name: string, values: readonly unknown[]): Record<LoyaltySegment, number[]> => {
    const out = {} as Record<LoyaltySegment, number[]>;
    let absent = 0;
    for (const s of LOYALTY_SEGMENTS) {
      out[s] = members[s].filter((i) => values[i] !== null);
      absent += members[s].length - out[s].length;
    }
    if (absent > 0) byColumn[name] = (byColumn[name] ?? 0) + absent;
    return out;
  };

  const numericSummary = (xs: number[], ws: number[] | undefined, idx: readonly number[]): NumericSummary | null => {
    if (xs.length === 0) return null;
    // With a design, the segment is a domain of the whole design (R svyby(..., svymean)).
    const est = prepared ? domainMean(prepared, idx, xs) : linearizedMean(xs, ws);
    return {
      n: xs.length,
      mean: est.mean,
      standardDeviation: !ws && xs.length > 1 ? Math.sqrt(sumOfSquares(xs) / (xs.length - 1)) : null,
      standardError: xs.length > 1 ? Math.sqrt(est.variance) : null,
    };
  };

  const numericBySegment: Record<string, Record<string, NumericSummary | null>> = {};
  const categoricalBySegment: Record<string, Record<string, CategoricalSummary>> = {};
  const testsNumeric: Record<string, NumericTests> = {};
  const testsCategorical: Record<string, ChiSquareSummary | null> = {};
  for (const s of LOYALTY_SEGMENTS) {
    numericBySegment[s] = {};
    categoricalBySegment[s] = {};
  }
  for (const v of variables) {
    const present = presentBy(v.name, v.values);
    if (v.type === 'numeric') {
      const groups: number[][] = [];
      for (const s of LOYALTY_SEGMENTS) {
        const idx = present[s];
        const xs = idx.map((i) => v.values[i] as number);
        numericBySegment[s]![v.name] = numericSummary(xs, weighted ? idx.map((i) => weight[i]!) : undefined, idx);
        if (xs.length > 0) groups.push(xs);
      }
      testsNumeric[v.name] = numericTests(v.name, groups, warnings);
    } else {
      const labels = new Set<string>();
      for (const s of LOYALTY_SEGMENTS) for (const i of present[s]) labels.add(v.values[i] as string);
      const categories = sortCategories(labels);
      const table: number[][] = [];
      for (const s of LOYALTY_SEGMENTS) {
        const idx = present[s];
        const counts: Record<string, number> = {};
        const wsum: Record<string, number> = {};
        for (const c of categories) {
          counts[c] = 0;
          wsum[c] = 0;
        }
        for (const i of idx) {
          counts[v.values[i] as string]!++;
          wsum[v.values[i] as string]! += weight[i]!;
        }
        const total = sum(Object.values(wsum));
        const shares: Record<string, number> = {};
        for (const c of categories) shares[c] = total > 0 ? wsum[c]! / total : 0;
        categoricalBySegment[s]![v.name] = { n: idx.length, counts, shares };
        if (idx.length > 0) table.push(categories.map((c) => counts[c]!));
      }
      const columns = prepared ? Int32Array.from(v.values, (x) => (x === null ? -1 : categories.indexOf(x as string))) : undefined;
      testsCategorical[v.name] = categoricalTest(
        v.name,
        table,
        warnings,
        prepared && columns ? { rows: segmentCode, columns, prepared } : undefined,
      );
    }
  }

  // NPS per segment, and the promoter / passive / detractor table across segments.
  const npsBySegment: Record<string, SegmentProfile['nps']> = {};
  let npsTest: ChiSquareSummary | null = null;
  if (options.nps !== undefined) {
    const spec = typeof options.nps === 'string' ? { column: options.nps } : options.nps;
    requireColumn(data, spec.column, 'options.nps');
    const codes = 'missingCodes' in spec ? spec.missingCodes : undefined;
    const table: number[][] = [];
    let absent = 0;
    const category = new Int32Array(data.length).fill(-1);
    const vectorDesign = prepared && options.design ? designColumns(data, options.design) : undefined;
    for (const s of LOYALTY_SEGMENTS) {
      const idx = members[s];
      if (idx.length === 0) {
        npsBySegment[s] = null;
        continue;
      }
      const values = idx.map((i) => data[i]![spec.column]);
      const attempt = values.some(
        (x) => x !== null && x !== undefined && x !== '' && !Number.isNaN(x) && !(typeof x === 'number' && codes?.includes(x)),
      );
      if (!attempt) {
        npsBySegment[s] = null;
        absent += idx.length;
        continue;
      }
      const cuts = {
        promoterMin: spec.promoterMin,
        detractorMax: spec.detractorMax,
        scale: spec.scale,
        confidenceLevel,
        ...(codes === undefined ? {} : { missingCodes: codes }),
      };
      // With a design: the segment as a domain, every other row's value missing (R svyby).
      const r = vectorDesign
        ? nps(
            data.map((row, i) => (segmentOf[i] === s ? row[spec.column] : null)),
            { ...cuts, design: vectorDesign, intervalMethod: 'wald' },
          )
        : nps(values, { ...cuts, ...(weighted ? { weights: idx.map((i) => weight[i]!), intervalMethod: 'wald' as const } : {}) });
      absent += vectorDesign ? (r.n === idx.length ? 0 : idx.length - r.n) : r.missing.rowsDropped;
      if (prepared) {
        for (const i of idx) {
          const x = data[i]![spec.column];
          if (typeof x !== 'number' || Number.isNaN(x) || codes?.includes(x)) continue;
          category[i] = x >= r.options.promoterMin ? 0 : x <= r.options.detractorMax ? 2 : 1;
        }
      }
      npsBySegment[s] = {
        ...estimateFields(r),
        promoterShare: r.promoterShare,
        detractorShare: r.detractorShare,
      };
      table.push([r.promoters, r.passives, r.detractors]);
    }
    if (absent > 0) byColumn[spec.column] = (byColumn[spec.column] ?? 0) + absent;
    npsTest = categoricalTest('NPS categories', table, warnings, prepared ? { rows: segmentCode, columns: category, prepared } : undefined);
  }

  // Revenue per segment and its share of the profiled total.
  const revenueBySegment: Record<string, SegmentProfile['revenue']> = {};
  let revenueTest: NumericTests | null = null;
  if (options.revenue !== undefined) {
    const m = resolveMeasure(data, options.revenue, { argument: 'options.revenue' });
    const present = presentBy(m.name, m.values);
    const totals: Record<string, number> = {};
    const groups: number[][] = [];
    for (const s of LOYALTY_SEGMENTS) {
      const idx = present[s];
      const xs = idx.map((i) => m.values[i]!);
      totals[s] = weightedSum(
        xs,
        idx.map((i) => weight[i]!),
      );
      if (xs.length > 0) groups.push(xs);
    }
    const grand = sum(Object.values(totals));
    for (const s of LOYALTY_SEGMENTS) {
      const idx = present[s];
      const w = weightOf(idx);
      revenueBySegment[s] = {
        n: idx.length,
        total: totals[s]!,
        mean: idx.length > 0 ? totals[s]! / w : null,
        share: grand !== 0 ? totals[s]! / grand : 0,
      };
    }
    revenueTest = numericTests(`revenue (${m.name})`, groups, warnings);
  }

  const profiles = {} as Record<LoyaltySegment, SegmentProfile>;
  for (const s of LOYALTY_SEGMENTS) {
    profiles[s] = {
      segment: s,
      label: segmentLabel(s),
      n: members[s].length,
      share: segmentWeight[LOYALTY_SEGMENTS.indexOf(s)]! / totalWeight,
      numeric: numericBySegment[s]!,
      categorical: categoricalBySegment[s]!,
      nps: options.nps === undefined ? null : (npsBySegment[s] ?? null),
      revenue: options.revenue === undefined ? null : (revenueBySegment[s] ?? null),
    };
  }
  const n = LOYALTY_SEGMENTS.reduce((a, s) => a + members[s].length, 0);
  return {
    method: 'segment-profile',
    n,
    weighted,
    segments: LOYALTY_SEGMENTS,
    emptySegments,
    profiles,
    tests: { numeric: testsNumeric, categorical: testsCategorical, nps: npsTest, revenue: revenueTest },
    variables: variables.map((v) => ({ name: v.name, type: v.type, definition: v.definition })),
    warnings,
    missing: { policy: 'omit', rowsIn: data.length, rowsUsed: n, rowsDropped: dropped, byColumn },
    design: prepared ? designSummary(prepared, null) : null,
    options: { confidenceLevel, weights: options.weights ?? null },
  };
}

/** The valid option keys (strict options: see src/internal/options.ts). */
const PROFILE_SEGMENTS_KEYS = optionKeys<ProfileSegmentsOptions>({
  variables: true,
  nps: true,
  revenue: true,
  weights: true,
  design: true,
  confidenceLevel: true,
});

/** The domain mean of `xs` (kept at rows `idx`) over the whole design, as `linearizedMean` reports. */
function domainMean(d: PreparedDesign, idx: readonly number[], xs: readonly number[]): { mean: number; variance: number } {
  const y = new Float64Array(d.n);
  const used = new Uint8Array(d.n);
  idx.forEach((i, j) => {
    y[i] = xs[j]!;
    used[i] = 1;
  });
  const est = designMean(y, d, used);
  return { mean: est.estimate, variance: est.variance };
}

/** The design of column names as arrays over the rows (for the vector functions such as nps). */
function designColumns(rows: readonly Row[], design: SurveyDesign<string>): SurveyDesign {
  const col = (name: string | undefined) => (name === undefined ? undefined : rows.map((r) => r[name]));
  return {
    weights: col(design.weights)!,
    ...(design.strata !== undefined ? { strata: col(design.strata) } : {}),
    ...(design.clusters !== undefined ? { clusters: col(design.clusters) } : {}),
    ...(design.fpc !== undefined ? { fpc: col(design.fpc) } : {}),
    ...(design.lonelyPsu !== undefined ? { lonelyPsu: design.lonelyPsu } : {}),
  };
}
