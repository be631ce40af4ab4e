/**
 * Benchmark harness: wall time as the median of repeated runs, reported as ratios against a
 * baseline measured in the same run (absolute times vary by machine; ratios travel).
 */
export interface Timing {
  readonly name: string;
  readonly medianMs: number;
  readonly runs: number;
}

function median(name: string, ms: number[], runs: number): Timing {
  ms.sort((a, b) => a - b);
  return { name, medianMs: ms[Math.floor(ms.length / 2)]!, runs };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and returns the median wall time. */
export function time(name: string, fn: () => unknown, runs = 5, warmup = 1): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(name, ms, runs);
}

/** {@link time} for async work: each run is awaited before the next starts. */
export async function timeAsync(name: string, fn: () => Promise<unknown>, runs = 5, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(name, ms, runs);
}

/** Prints a table of timings with each one's ratio to `baseline`. */
export function report(title: string, baseline: Timing, others: readonly Timing[]): void {
  console.log(`\n## ${title}`);
  console.log(`| task | median ms | ratio to baseline |`);
  console.log(`|---|---:|---:|`);
  for (const t of [baseline, ...others]) {
    console.log(`| ${t.name} | ${t.medianMs.toFixed(1)} | ${(t.medianMs / baseline.medianMs).toFixed(2)} |`);
  }
}

/** Peak resident set size so far, in MB (Node's high-water mark). */
export function peakMemoryMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** A seeded generator (mulberry32) so benchmark data is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
