/**
 * Child process of the analyze benchmark: `parse <file> <model>` reads the file only;
 * `analyze <file> <model>` reads it and runs analyze(). Prints { ms, peakMb, rows } as JSON,
 * so each measurement has its own heap and its own peak-memory reading.
 */
import { analyze } from '../src/index.js';
import { readData, readModel } from '../src/io/index.js';

const [mode, file, modelPath] = process.argv.slice(2);
const model = await readModel(modelPath!);
const t0 = performance.now();
const data = await readData(file!, { model });
if (mode === 'analyze') analyze(data.rows, model);
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024, rows: data.rows.length }));
