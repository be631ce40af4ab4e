/**
 * One measurement of bench/sql.bench.ts in its own process (so peak RSS is its own):
 * `lines FILE` (node reading the file line by line), `js FILE MODEL` (streamSufficientStatistics)
 * or `duckdb FILE MODEL` (duckdbSufficientStatistics, CSV or Parquet). Prints one JSON line.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseModel } from '../src/index.js';
import { streamSufficientStatistics } from '../src/io/index.js';
import { duckdbSufficientStatistics } from '../src/sql/index.js';

const [mode, file, modelFile] = process.argv.slice(2);
const t0 = performance.now();
let n = 0;
if (mode === 'lines') {
  for await (const _ of createInterface({ input: createReadStream(file!), crlfDelay: Infinity })) n++;
} else {
  const model = parseModel(readFileSync(modelFile!, 'utf8'));
  const plan = { model, variables: [...model.drivers, 'recommend'], weights: model.weight };
  const stats = mode === 'js' ? await streamSufficientStatistics(file!, plan) : await duckdbSufficientStatistics(file!, plan);
  n = stats.missing.rowsIn;
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024, rows: n }));
