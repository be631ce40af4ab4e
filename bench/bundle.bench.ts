/**
 * Browser bundle size: what an application pays for importing part of the library. Each case is
 * bundled from the built dist (as `npm install loyalty-drivers` ships it) with esbuild, minified,
 * platform browser, ESM, and reported minified and gzipped (zlib level 9), against the baseline
 * of the same run: the whole main entry (`import * as all`). Target: an `nps()`-only import under
 * 10 kB gzipped. Builds dist first when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_GZIP = 10_000;

interface Size {
  readonly name: string;
  readonly minified: number;
  readonly gzipped: number;
}

async function bundle(name: string, source: string): Promise<Size> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { name, minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

export async function bench(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
  const main = JSON.stringify(join(ROOT, 'dist', 'index.js'));
  const charts = JSON.stringify(join(ROOT, 'dist', 'charts.js'));
  const baseline = await bundle('whole main entry (import * as all)', `import * as all from ${main}; console.log(all);`);
  const cases = [
    await bundle('nps() only', `import { nps } from ${main}; console.log(nps([10, 9, 3]));`),
    await bundle('nps() + csat()', `import { nps, csat } from ${main}; console.log(nps([10]), csat([5]));`),
    await bundle('compareNps() (normal tests)', `import { compareNps } from ${main}; console.log(compareNps);`),
    await bundle('ols() (t and F distributions)', `import { ols } from ${main}; console.log(ols);`),
    await bundle(
      'npsDistributionChart() spec (charts entry)',
      `import { npsDistributionChart } from ${charts}; console.log(npsDistributionChart([10]));`,
    ),
  ];
  console.log('\n## Browser bundle size (esbuild, minified, platform browser)');
  console.log('| import | minified kB | gzipped kB | gzipped, ratio to baseline |');
  console.log('|---|---:|---:|---:|');
  for (const s of [baseline, ...cases]) {
    console.log(`| ${s.name} | ${kb(s.minified)} | ${kb(s.gzipped)} | ${(s.gzipped / baseline.gzipped).toFixed(3)} |`);
  }
  const npsOnly = cases[0]!;
  console.log(
    `\nnps() only: ${kb(npsOnly.gzipped)} kB gzipped, target < ${kb(TARGET_GZIP)} kB: ${npsOnly.gzipped < TARGET_GZIP ? 'met' : 'NOT MET'}`,
  );
}
