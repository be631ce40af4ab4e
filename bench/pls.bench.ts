/**
 * PLS path model benchmark (issue 17): `plsPathModel` on the ECSI-style model (6 constructs,
 * 19 items, 9 paths) on 250 and 100,000 seeded rows, and its bootstrap. Baselines in the same
 * run: for the fit, the item covariance matrix alone (`centredCrossProducts`, the least a PLS fit
 * from rows must compute); for the bootstrap, the naive one: each replicate materializes its
 * resampled rows, forms their covariance and re-estimates the model (`estimatePls`, from unit
 * weights) with its effects and HTMT. On 100,000 rows a replicate costs about n p^2 / 2
 * multiply-adds whatever the method (the resampled covariance), so the bootstrap is timed at 50
 * replicates (the naive one at 3) and 5,000 extrapolated.
 */
import { plsPathModel, type PlsPathModelOptions } from '../src/index.js';
import { createRandom } from '../src/internal/random.js';
import { centredCrossProducts } from '../src/internal/sums.js';
import { estimatePls } from '../src/pls/estimatePls.js';
import { htmtValues } from '../src/pls/htmtValues.js';
import { specifyPathModel } from '../src/pls/specifyPathModel.js';
import { report, seeded, type Timing, time } from './harness.js';
import { ECSI_CONSTRUCTS as CONSTRUCTS, ECSI_PATHS as PATHS } from './ecsiModel.js';

function makeRows(n: number, seed: number): { rows: Record<string, number>[]; columns: Float64Array[] } {
  const rand = seeded(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const names = Object.values(CONSTRUCTS).flat();
  const columns = names.map(() => new Float64Array(n));
  const rows: Record<string, number>[] = new Array(n);
  for (let c = 0; c < n; c++) {
    const img = normal();
    const exp = 0.5 * img + 0.87 * normal();
    const qual = 0.6 * exp + 0.8 * normal();
    const val = 0.3 * exp + 0.5 * qual + 0.75 * normal();
    const sat = 0.3 * img + 0.4 * qual + 0.2 * val + 0.7 * normal();
    const loy = 0.6 * sat + 0.2 * img + 0.7 * normal();
    const eta: Record<string, number> = { image: img, expectation: exp, quality: qual, value: val, satisfaction: sat, loyalty: loy };
    const row: Record<string, number> = {};
    let j = 0;
    for (const [construct, items] of Object.entries(CONSTRUCTS)) {
      for (const item of items) {
        const v = Math.min(10, Math.max(1, Math.round(6.5 + 1.8 * (0.8 * eta[construct]! + 0.6 * normal()))));
        row[item] = v;
        columns[j++]![c] = v;
      }
    }
    rows[c] = row;
  }
  return { rows, columns };
}

/** The naive bootstrap: resampled rows, their covariance, the model re-estimated, per replicate. */
function naiveBootstrap(columns: readonly Float64Array[], replicates: number): number {
  const spec = specifyPathModel(CONSTRUCTS, PATHS);
  const sizes = spec.items.map((it) => it.length);
  const offsets = sizes.map((_, j) => sizes.slice(0, j).reduce((a, b) => a + b, 0));
  const n = columns[0]!.length;
  const random = createRandom(1);
  let check = 0;
  for (let b = 0; b < replicates; b++) {
    const draw = Array.from({ length: n }, () => random.integer(n));
    const resampled = columns.map((col) => Float64Array.from(draw, (i) => col[i]!));
    const { sscp } = centredCrossProducts(resampled);
    const r = sscp.map((row, i) => row.map((v, j) => (i === j ? 1 : v / Math.sqrt(sscp[i]![i]! * sscp[j]![j]!))));
    const est = estimatePls(r, offsets, spec, 'path', 300, 1e-7);
    const m = spec.names.length;
    let power = est.coefficients.map((row) => [...row]);
    const total = est.coefficients.map((row) => [...row]);
    for (let s = 1; s < m; s++) {
      power = power.map((row) => est.coefficients[0]!.map((_, j) => row.reduce((x, v, k) => x + v * est.coefficients[k]![j]!, 0)));
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) total[i]![j]! += power[i]![j]!;
    }
    check += total[0]![m - 1]! + (htmtValues(r, offsets, sizes)[0] ?? 0);
  }
  return check;
}

export function bench(): void {
  const options: PlsPathModelOptions = { constructs: CONSTRUCTS, paths: PATHS };
  for (const n of [250, 100_000]) {
    const { rows, columns } = makeRows(n, 17);
    const base = time('item covariance matrix alone', () => centredCrossProducts(columns), 3);
    const fit = time('plsPathModel (with f2: 9 re-estimations)', () => plsPathModel(rows, options), 3);
    report(`PLS path model, ECSI-style (6 constructs, 19 items), ${n.toLocaleString('en')} rows`, base, [fit]);
    const small = n <= 1000;
    // 100,000 rows: a few replicates each, reported per replicate (the fit subtracted).
    const B = small ? 5000 : 50;
    const naiveB = small ? 5000 : 3;
    const scale = (t: Timing, replicates: number, fixed: number): Timing =>
      small ? t : { ...t, name: `${t.name}, per replicate`, medianMs: (t.medianMs - fixed) / replicates };
    const naive = time(
      `naive bootstrap, ${naiveB.toLocaleString('en')} replicates (rows resampled, model re-estimated)`,
      () => naiveBootstrap(columns, naiveB),
      1,
      0,
    );
    const percentile = time(
      `plsPathModel, ${B.toLocaleString('en')} replicates, percentile`,
      () => plsPathModel(rows, { ...options, bootstrap: { replicates: B, seed: 1 } }),
      small ? 3 : 1,
    );
    const bca = time(
      `plsPathModel, ${B.toLocaleString('en')} replicates, BCa (+ ${n.toLocaleString('en')} jackknife fits)`,
      () => plsPathModel(rows, { ...options, bootstrap: { replicates: B, seed: 1 }, intervalMethod: 'bca' }),
      small ? 3 : 1,
    );
    report(
      `PLS bootstrap, ${n.toLocaleString('en')} rows${small ? `, ${B.toLocaleString('en')} replicates` : ', ms per replicate'}`,
      scale(naive, naiveB, 0),
      small ? [percentile, bca] : [scale(percentile, B, fit.medianMs)],
    );
    // Wall time on a shared machine includes waiting for a core; the CPU time does not.
    const c0 = process.cpuUsage();
    plsPathModel(rows, { ...options, bootstrap: { replicates: B, seed: 2 } });
    const cpu = process.cpuUsage(c0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (small) {
      console.log(`CPU time of one fit with ${B.toLocaleString('en')} replicates (percentile): ${cpuMs.toFixed(0)} ms`);
    } else {
      const per = (percentile.medianMs - fit.medianMs) / B;
      console.log(
        `5,000 replicates on ${n.toLocaleString('en')} rows: about ${((per * 5000) / 1000).toFixed(0)} s wall here (n p^2 / 2 multiply-adds each; CPU time ${(cpuMs / B).toFixed(1)} ms per replicate incl. the fit, so about ${((cpuMs / B) * 5).toFixed(0)} s of CPU); the BCa jackknife adds ${((bca.medianMs - percentile.medianMs) / 1000).toFixed(1)} s`,
      );
    }
  }
}
