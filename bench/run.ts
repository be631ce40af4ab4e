/**
 * `npm run bench [-- name ...]`: runs every benchmark module in bench/ (or the named ones).
 * Each module exports `bench(): Promise<void> | void` and prints a markdown table.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();
console.log(`# loyalty-drivers benchmarks (node ${process.version}, ${new Date().toISOString().slice(0, 10)})`);
for (const name of modules) {
  const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as { bench: () => unknown };
  await mod.bench();
}
