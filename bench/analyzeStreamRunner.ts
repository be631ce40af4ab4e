/**
 * Child process of bench/analyzeStream.bench.ts. `lines <file>`: node reads the file line by
 * line (the baseline); `stream <file> <model> [replicates]`: analyzeSource from the sources
 * (with a Poisson bootstrap of B replicates when given). Prints { ms, peakMb, rows } as JSON.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { analyzeSource, readModel } from '../src/io/index.js';

const [mode, file, modelPath, replicates] = process.argv.slice(2);
const t0 = performance.now();
let rows = 0;
if (mode === 'lines') {
  for await (const _line of createInterface({ input: createReadStream(file!), crlfDelay: Number.POSITIVE_INFINITY })) rows++;
  rows--;
} else {
  const model = await readModel(modelPath!);
  const B = replicates === undefined ? 0 : Number(replicates);
  const result = await analyzeSource(file!, model, B > 0 ? { bootstrap: { replicates: B, seed: 1, method: 'poisson' } as never } : {});
  rows = result.rowsIn;
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024, rows }));
