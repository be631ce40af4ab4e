// Worker of bench/indicesStream.bench.ts, plain JavaScript on the built package (dist/) so that
// every task starts like the built tool does: `node bench/indicesStreamWorker.mjs <task> <file>`.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [task, file, modelPath] = process.argv.slice(2);
const REQUEST = { recommend: 'number', csat: 'number', repurchase_intent: 'number', upsell_intent: 'number', retained: 'number', weight: 'number' };
let rows = 0;
const t0 = performance.now();
if (task === 'lines') {
  for await (const _ of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) rows++;
  rows--;
} else if (task === 'csv-parse') {
  const { Parser } = await import('csv-parse');
  const api = new Parser({ relax_column_count: true, relax_quotes: true }).api;
  const push = () => {
    rows++;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) {
    const err = api.parse(chunk, false, push, () => undefined);
    if (err) throw err;
  }
  api.parse(undefined, true, push, () => undefined);
  rows--;
} else if (task === 'columns') {
  const { readColumnChunks } = await import('../dist/io.js');
  const model = JSON.parse(readFileSync(modelPath, 'utf8'));
  for await (const chunk of readColumnChunks(file, { request: REQUEST, model })) rows += chunk.length;
} else if (task === 'rows') {
  const { readRowChunks } = await import('../dist/io.js');
  const model = JSON.parse(readFileSync(modelPath, 'utf8'));
  for await (const chunk of readRowChunks(file, { model })) rows += chunk.rows.length;
} else throw new Error(`unknown task ${task}`);
process.stdout.write(`${JSON.stringify({ rows, ms: performance.now() - t0 })}\n`);
