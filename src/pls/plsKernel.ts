import type { PathModelSpec } from './specifyPathModel.js';
import type { PlsScheme } from './types.js';

/** Outcome of one {@link PlsKernel} fit. @internal */
export const KERNEL_CONVERGED = 0;
/** @internal */
export const KERNEL_NOT_CONVERGED = 1;
/** A singular system (collinear predecessors or mode B items): the fit has no estimates. @internal */
export const KERNEL_SINGULAR = -1;

/**
 * The PLS algorithm of `estimatePls`, step for step, on flat preallocated buffers, writing only
 * the bootstrapped statistics into a caller's array: what the bootstrap and its jackknife run
 * thousands of times. Layout of the statistics (`offsets`): paths (in `spec.paths` order),
 * loadings and weights (items in construct order), total and indirect effects (the `reached`
 * pairs), specific indirect effects (the `chains`), HTMT (pairs a < b, row-major; NaN when a
 * construct's items do not correlate).
 * @internal
 */
export interface PlsKernel {
  /** Number of statistics per fit. */
  readonly size: number;
  readonly offsets: {
    readonly paths: number;
    readonly loadings: number;
    readonly weights: number;
    readonly totals: number;
    readonly indirect: number;
    readonly specific: number;
    readonly htmt: number;
  };
  /**
   * Fits the model to the item correlation matrix `r` (p x p, row-major, unit diagonal),
   * starting from `start` (standardized weights; unit weights when null), and writes the
   * statistics to `out` from `at`. Returns {@link KERNEL_CONVERGED}, {@link KERNEL_NOT_CONVERGED}
   * (stopped at `maxIterations`, estimates written) or {@link KERNEL_SINGULAR}.
   */
  fit(r: Float64Array, start: Float64Array | null, out: Float64Array, at: number): number;
  /** The final weights of the last fit (items in construct order). */
  readonly weights: Float64Array;
}

/**
 * Gaussian elimination with partial pivoting on the augmented k x (k + 1) system in `a`
 * (row-major), the solution into `x`; false when singular (pivot below 1e-13 of the largest
 * coefficient, as `solveSmall`).
 */
function solveInPlace(a: Float64Array, k: number, x: Float64Array): boolean {
  const w = k + 1;
  let scale = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) scale = Math.max(scale, Math.abs(a[i * w + j]!));
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r * w + c]!) > Math.abs(a[pivot * w + c]!)) pivot = r;
    if (!(Math.abs(a[pivot * w + c]!) > 1e-13 * scale)) return false;
    if (pivot !== c) {
      for (let j = 0; j < w; j++) {
        const t = a[c * w + j]!;
        a[c * w + j] = a[pivot * w + j]!;
        a[pivot * w + j] = t;
      }
    }
    const d = a[c * w + c]!;
    for (let r = c + 1; r < k; r++) {
      const f = a[r * w + c]! / d;
      if (f === 0) continue;
      for (let j = c; j < w; j++) a[r * w + j]! -= f * a[c * w + j]!;
    }
  }
  for (let r = k - 1; r >= 0; r--) {
    let v = a[r * w + k]!;
    for (let j = r + 1; j < k; j++) v -= a[r * w + j]! * x[j]!;
    x[r] = v / a[r * w + r]!;
  }
  return true;
}

/**
 * Builds the kernel of one model: index tables and every buffer allocated once.
 * @internal
 */
export function plsKernel(
  spec: PathModelSpec,
  itemOffsets: readonly number[],
  scheme: PlsScheme,
  maxIterations: number,
  tolerance: number,
  reached: readonly (readonly [number, number])[],
  chains: readonly (readonly number[])[],
): PlsKernel {
  const m = spec.names.length;
  const sizes = Int32Array.from(spec.items, (it) => it.length);
  const first = Int32Array.from(itemOffsets);
  const p = sizes.reduce((a, b) => a + b, 0);
  const block = new Int32Array(p);
  for (let j = 0; j < m; j++) for (let i = 0; i < sizes[j]!; i++) block[first[j]! + i] = j;
  const adjacent = new Uint8Array(m * m);
  for (const [f, t] of spec.paths) {
    adjacent[f * m + t] = 1;
    adjacent[t * m + f] = 1;
  }
  const modeB = Uint8Array.from(spec.modes, (mode, j) => (mode === 'B' && sizes[j]! > 1 ? 1 : 0));
  const reflective = Uint8Array.from(spec.reflective, (v) => (v ? 1 : 0));
  const anyReflective = reflective.some((v) => v === 1);
  const predecessors = spec.predecessors.map((pr) => Int32Array.from(pr));
  const maxK = Math.max(2, ...sizes, ...predecessors.map((pr) => pr.length));
  const system = new Float64Array(maxK * (maxK + 1));
  const solution = new Float64Array(maxK);
  const w = new Float64Array(p);
  const next = new Float64Array(p);
  const sw = new Float64Array(p * m); // (R W)[i][a]
  const c = new Float64Array(m * m); // W' R W
  const e = new Float64Array(m * m); // inner weights
  const rhoA = new Float64Array(m);
  const scale = new Float64Array(m);
  const structural = new Float64Array(m * m);
  const coef = new Float64Array(m * m);
  const total = new Float64Array(m * m);
  const power = new Float64Array(m * m);
  const scratch = new Float64Array(m * m);
  const P = spec.paths.length;
  const offsets = {
    paths: 0,
    loadings: P,
    weights: P + p,
    totals: P + 2 * p,
    indirect: P + 2 * p + reached.length,
    specific: P + 2 * p + 2 * reached.length,
    htmt: P + 2 * p + 2 * reached.length + chains.length,
  };
  const size = offsets.htmt + (m * (m - 1)) / 2;
  const chainList = chains.map((ch) => Int32Array.from(ch));

  /** sw = R w (per construct block of w) and c = w' R w. */
  function products(r: Float64Array): void {
    for (let i = 0; i < p; i++) {
      const row = i * p;
      for (let a = 0; a < m; a++) {
        let v = 0;
        const o = first[a]!;
        for (let k = 0; k < sizes[a]!; k++) v += r[row + o + k]! * w[o + k]!;
        sw[i * m + a] = v;
      }
    }
    c.fill(0);
    for (let i = 0; i < p; i++) {
      const a = block[i]!;
      const wi = w[i]!;
      for (let b = 0; b < m; b++) c[a * m + b]! += wi * sw[i * m + b]!;
    }
  }

  /** Regression of t on its predecessors from the m x m correlations `s`, into `solution`. */
  function regress(s: Float64Array, t: number): boolean {
    const pr = predecessors[t]!;
    const k = pr.length;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) system[i * (k + 1) + j] = s[pr[i]! * m + pr[j]!]!;
      system[i * (k + 1) + k] = s[pr[i]! * m + t]!;
    }
    return solveInPlace(system, k, solution);
  }

  /** Scales each block of `x` so its composite has variance 1 under r. */
  function standardize(r: Float64Array, x: Float64Array): void {
    for (let j = 0; j < m; j++) {
      const o = first[j]!;
      const k = sizes[j]!;
      let q = 0;
      for (let a = 0; a < k; a++) {
        let t = 0;
        for (let b = 0; b < k; b++) t += r[(o + a) * p + o + b]! * x[o + b]!;
        q += x[o + a]! * t;
      }
      const s = 1 / Math.sqrt(q);
      for (let a = 0; a < k; a++) x[o + a]! *= s;
    }
  }

  function fit(r: Float64Array, start: Float64Array | null, out: Float64Array, at: number): number {
    if (start === null) w.fill(1);
    else w.set(start);
    let converged = false;
    for (let iteration = 0; iteration < maxIterations; iteration++) {
      // The weights at the top of an iteration: standardized (unit weights on the first).
      products(r);
      // Standardize them: scale the products instead of recomputing them.
      for (let a = 0; a < m; a++) scale[a] = 1 / Math.sqrt(c[a * m + a]!);
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) c[a * m + b]! *= scale[a]! * scale[b]!;
        for (let i = 0; i < p; i++) sw[i * m + a]! *= scale[a]!;
      }
      e.fill(0);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          if (adjacent[i * m + j] === 0) continue;
          e[i * m + j] = scheme === 'centroid' ? Math.sign(c[i * m + j]!) : c[i * m + j]!;
        }
      }
      if (scheme === 'path') {
        for (let t = 0; t < m; t++) {
          const pr = predecessors[t]!;
          if (pr.length === 0) continue;
          if (!regress(c, t)) return KERNEL_SINGULAR;
          for (let k = 0; k < pr.length; k++) e[pr[k]! * m + t] = solution[k]!;
        }
      }
      // Inner proxies: item-proxy covariances (R W E)[i][j] / sd_j for the items of j.
      for (let j = 0; j < m; j++) {
        let variance = 0;
        for (let a = 0; a < m; a++) {
          const ea = e[a * m + j]!;
          if (ea === 0) continue;
          for (let b = 0; b < m; b++) variance += ea * c[a * m + b]! * e[b * m + j]!;
        }
        const sd = Math.sqrt(variance);
        const o = first[j]!;
        const k = sizes[j]!;
        for (let i = 0; i < k; i++) {
          let v = 0;
          for (let a = 0; a < m; a++) {
            const ea = e[a * m + j]!;
            if (ea !== 0) v += sw[(o + i) * m + a]! * ea;
          }
          next[o + i] = v / sd;
        }
        if (modeB[j] === 1) {
          for (let a = 0; a < k; a++) {
            for (let b = 0; b < k; b++) system[a * (k + 1) + b] = r[(o + a) * p + o + b]!;
            system[a * (k + 1) + k] = next[o + a]!;
          }
          if (!solveInPlace(system, k, solution)) return KERNEL_SINGULAR;
          for (let a = 0; a < k; a++) next[o + a] = solution[a]!;
        }
      }
      standardize(r, next);
      let change = 0;
      for (let i = 0; i < p; i++) {
        change += Math.abs(next[i]! - w[i]!);
        w[i] = next[i]!;
      }
      if (change < tolerance) {
        converged = true;
        break;
      }
    }
    // Final weights: construct correlations, rhoA, PLSc correction, loadings, paths.
    products(r);
    for (let j = 0; j < m; j++) {
      const o = first[j]!;
      const k = sizes[j]!;
      if (k === 1 || spec.modes[j] === 'B') {
        rhoA[j] = 1;
        continue;
      }
      let ww = 0;
      let off = 0;
      let outer = 0;
      for (let a = 0; a < k; a++) {
        const wa = w[o + a]!;
        ww += wa * wa;
        for (let b = 0; b < k; b++) {
          if (a === b) continue;
          const wb = w[o + b]!;
          off += wa * r[(o + a) * p + o + b]! * wb;
          outer += wa * wa * wb * wb;
        }
      }
      rhoA[j] = ww * ww * (off / outer);
    }
    if (anyReflective) {
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) {
          const ra = reflective[a] === 1 ? rhoA[a]! : 1;
          const rb = reflective[b] === 1 ? rhoA[b]! : 1;
          structural[a * m + b] = a === b ? 1 : c[a * m + b]! / Math.sqrt(ra * rb);
        }
      }
    } else structural.set(c);
    for (let j = 0; j < m; j++) {
      const o = first[j]!;
      const k = sizes[j]!;
      if (reflective[j] === 1 && k > 1) {
        let ww = 0;
        for (let a = 0; a < k; a++) ww += w[o + a]! * w[o + a]!;
        const s = Math.sqrt(rhoA[j]!) / ww;
        for (let a = 0; a < k; a++) out[at + offsets.loadings + o + a] = w[o + a]! * s;
      } else {
        for (let a = 0; a < k; a++) out[at + offsets.loadings + o + a] = sw[(o + a) * m + j]!;
      }
      for (let a = 0; a < k; a++) out[at + offsets.weights + o + a] = w[o + a]!;
    }
    coef.fill(0);
    for (let t = 0; t < m; t++) {
      const pr = predecessors[t]!;
      if (pr.length === 0) continue;
      if (!regress(structural, t)) return KERNEL_SINGULAR;
      for (let k = 0; k < pr.length; k++) coef[pr[k]! * m + t] = solution[k]!;
    }
    for (let k = 0; k < P; k++) {
      const [f, t] = spec.paths[k]!;
      out[at + k] = coef[f * m + t]!;
    }
    // Total effects B + B^2 + ... + B^(m-1) (B nilpotent), as plsPathModel sums them.
    total.set(coef);
    power.set(coef);
    for (let step = 1; step < m; step++) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          let v = 0;
          for (let k = 0; k < m; k++) v += power[i * m + k]! * coef[k * m + j]!;
          scratch[i * m + j] = v;
        }
      }
      power.set(scratch);
      for (let i = 0; i < m * m; i++) total[i]! += power[i]!;
    }
    for (let k = 0; k < reached.length; k++) {
      const [f, t] = reached[k]!;
      out[at + offsets.totals + k] = total[f * m + t]!;
      out[at + offsets.indirect + k] = total[f * m + t]! - coef[f * m + t]!;
    }
    for (let k = 0; k < chainList.length; k++) {
      const ch = chainList[k]!;
      let v = 1;
      for (let s = 1; s < ch.length; s++) v *= coef[ch[s - 1]! * m + ch[s]!]!;
      out[at + offsets.specific + k] = v;
    }
    // HTMT (as htmtValues): mean absolute heterotrait over the geometric mean of the monotrait means.
    for (let a = 0; a < m; a++) {
      const k = sizes[a]!;
      const o = first[a]!;
      if (k === 1) {
        rhoA[a] = 1; // reused as the monotrait means
        continue;
      }
      let sum = 0;
      for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) sum += Math.abs(r[(o + i) * p + o + j]!);
      rhoA[a] = sum / ((k * (k - 1)) / 2);
    }
    for (let a = 0, h = 0; a < m; a++) {
      for (let b = a + 1; b < m; b++, h++) {
        const d = Math.sqrt(rhoA[a]! * rhoA[b]!);
        let sum = 0;
        for (let i = 0; i < sizes[a]!; i++) {
          const row = (first[a]! + i) * p + first[b]!;
          for (let j = 0; j < sizes[b]!; j++) sum += Math.abs(r[row + j]!);
        }
        out[at + offsets.htmt + h] = d > 0 ? sum / (sizes[a]! * sizes[b]!) / d : Number.NaN;
      }
    }
    return converged ? KERNEL_CONVERGED : KERNEL_NOT_CONVERGED;
  }

  return { size, offsets, fit, weights: w };
}
