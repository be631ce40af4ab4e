// The package as users get it: `npm pack`, then `npm install --engine-strict` of the tarball into
// a bare project, then every entry point of package.json's `exports` loaded under ESM (`import`)
// and CommonJS (`require`, Node >= 20.19's require(esm)), one copy of the error classes across
// entry points, the optional peers (vega, vega-lite) absent, and the install's size.
//
// The project lives in the OS temporary directory, not under the repo: Node resolves packages
// by walking up the directory tree, so a project inside the repo would find the repo's own
// node_modules (vega included) and could not show what a bare install lacks. The dependencies
// come from the npm registry through npm's cache (`--prefer-offline`).
//
// It needs the built dist: `npm test` builds before vitest; when dist is missing or older than
// src, package.json or tsup.config.ts (e.g. `npm run test:unit` after an edit), this file builds
// it first (`npm run build`, about 20 s).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The install budget of the main entry without the optional peers (the release-shape issue). */
const MAX_PACKAGES = 15;
const MAX_BYTES = 10_000_000;

/** npm's own variables from an enclosing `npm test` (prefix, command...) would leak into the child npm. */
function childEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') || keep.has(k.toLowerCase())));
}

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

function distIsFresh(): boolean {
  const dist = join(ROOT, 'dist', 'index.js');
  if (!existsSync(dist) || !existsSync(join(ROOT, 'dist', 'THIRD-PARTY-NOTICES.md'))) return false;
  const built = statSync(dist).mtimeMs;
  return [join(ROOT, 'src'), join(ROOT, 'package.json'), join(ROOT, 'tsup.config.ts')].every((p) => newest(p) <= built);
}

/** Bytes of every file under `dir` (symlinks counted as links, not followed) and its package count. */
function footprint(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const s = lstatSync(path);
    bytes += s.isDirectory() ? footprint(path) : s.size;
  }
  return bytes;
}

let tmp = '';
let project = '';
let packed: { filename: string; size: number; unpackedSize: number; files: { path: string }[] };
let installedPackages: string[] = [];
let installedBytes = 0;
let entries: string[] = [];

/** Runs `code` in a fresh Node in the bare project: ESM (`--input-type=module`) or CommonJS. */
function run(kind: 'esm' | 'cjs', code: string): { status: number | null; stdout: string; stderr: string } {
  const args = kind === 'esm' ? ['--input-type=module', '-e', code] : ['-e', code];
  const r = spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(kind: 'esm' | 'cjs', code: string): unknown {
  const r = run(kind, code);
  expect(r.stderr, `${kind} stderr`).toBe('');
  expect(r.status, `${kind} exit status`).toBe(0);
  return JSON.parse(r.stdout);
}

beforeAll(() => {
  if (!distIsFresh()) {
    console.warn('test/package: dist is missing or older than src; running npm run build first');
    execFileSync(NPM, ['run', 'build'], { cwd: ROOT, stdio: 'ignore', env: childEnv() });
  }
  tmp = mkdtempSync(join(tmpdir(), 'loyalty-drivers-pack-'));
  const out = execFileSync(NPM, ['pack', '--json', '--pack-destination', tmp], {
    cwd: ROOT,
    encoding: 'utf8',
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  packed = (JSON.parse(out) as (typeof packed)[])[0]!;
  project = join(tmp, 'project');
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bare-project', version: '1.0.0', private: true }));
  execFileSync(
    NPM,
    ['install', '--engine-strict', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', join(tmp, packed.filename)],
    {
      cwd: project,
      env: childEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  installedPackages = Object.keys(lock.packages).filter((k) => k !== '');
  installedBytes = footprint(join(project, 'node_modules'));
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules', 'loyalty-drivers', 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  entries = Object.keys(manifest.exports).map((k) => (k === '.' ? 'loyalty-drivers' : `loyalty-drivers/${k.slice(2)}`));
}, 180_000);

afterAll(() => {
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('ships dist, README, LICENSE, CHANGELOG and the third-party notices; no source maps, no CommonJS build', () => {
    const files = packed.files.map((f) => f.path);
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/THIRD-PARTY-NOTICES.md',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli.js',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\.c[jt]s$/.test(f))).toEqual([]);
    expect(files.filter((f) => !(f.startsWith('dist/') || ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(f)))).toEqual(
      [],
    );
    console.log(
      `tarball: ${(packed.size / 1e6).toFixed(2)} MB packed, ${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked, ${files.length} files`,
    );
    expect(packed.unpackedSize).toBeLessThan(2_500_000);
  });

  it('the notices carry the Apache-2.0 licence of the bundled @stdlib code', () => {
    const notices = readFileSync(join(project, 'node_modules', 'loyalty-drivers', 'dist', 'THIRD-PARTY-NOTICES.md'), 'utf8');
    expect(notices).toContain('Apache License');
    expect(notices).toContain('@stdlib/math-base-special-betainc');
    expect(notices).toContain('The Stdlib Authors');
    expect(notices).toContain('Sun Microsystems');
  });
});

describe('npm install --engine-strict of the tarball into a bare project', () => {
  it(`installs at most ${MAX_PACKAGES} packages and ${MAX_BYTES / 1e6} MB, without the optional peers`, () => {
    console.log(
      `installed: ${installedPackages.length} packages, ${(installedBytes / 1e6).toFixed(2)} MB (${installedPackages.map((p) => p.replace(/^node_modules\//, '')).join(', ')})`,
    );
    expect(installedPackages.length).toBeLessThanOrEqual(MAX_PACKAGES);
    expect(installedBytes).toBeLessThanOrEqual(MAX_BYTES);
    expect(installedPackages.filter((p) => /@stdlib|vega|simple-statistics|danfojs|duckdb/.test(p))).toEqual([]);
  });

  it('exports the six entry points', () => {
    expect(entries).toEqual([
      'loyalty-drivers',
      'loyalty-drivers/charts',
      'loyalty-drivers/io',
      'loyalty-drivers/dataframe',
      'loyalty-drivers/report',
      'loyalty-drivers/sql',
      'loyalty-drivers/package.json',
    ]);
  });

  const expected: Record<string, string> = {
    'loyalty-drivers': 'nps',
    'loyalty-drivers/charts': 'renderSvg',
    'loyalty-drivers/io': 'readCsv',
    'loyalty-drivers/dataframe': 'toDataFrame',
    'loyalty-drivers/report': 'renderReport',
    'loyalty-drivers/sql': 'duckdbSufficientStatistics',
  };

  // (package.json is left to the CommonJS case: Node 20 warns that JSON modules are experimental.)
  it('every entry point imports under ESM', () => {
    const code = `const out = {}; for (const e of ${JSON.stringify(entries.filter((e) => !e.endsWith('.json')))}) out[e] = Object.keys(await import(e)).sort(); console.log(JSON.stringify(out));`;
    const keys = json('esm', code) as Record<string, string[]>;
    for (const [entry, fn] of Object.entries(expected)) expect(keys[entry], entry).toContain(fn);
  });

  it('every entry point loads with require() (CommonJS), with no warning', () => {
    const code = `const out = {}; for (const e of ${JSON.stringify(entries)}) out[e] = Object.keys(require(e)).sort(); console.log(JSON.stringify(out));`;
    const keys = json('cjs', code) as Record<string, string[]>;
    for (const [entry, fn] of Object.entries(expected)) expect(keys[entry], entry).toContain(fn);
    expect(keys['loyalty-drivers/package.json']).toContain('version');
  });

  // A strict-option error thrown by the io entry, caught with the main entry's class.
  const throwFromIo = `try { io.parseData('a,b\\n1,2', { format: 'csv', zzUnknown: 1 }); console.log(JSON.stringify({ thrown: false })); }
    catch (e) { console.log(JSON.stringify({ input: e instanceof main.InputError, loyalty: e instanceof main.LoyaltyError, code: e.code })); }`;
  const sameClass = { input: true, loyalty: true, code: 'INVALID_OPTION' };

  it('one InputError class across entry points under ESM', () => {
    expect(json('esm', `import * as main from 'loyalty-drivers'; import * as io from 'loyalty-drivers/io'; ${throwFromIo}`)).toEqual(
      sameClass,
    );
  });

  it('one InputError class across entry points under CommonJS', () => {
    expect(json('cjs', `const main = require('loyalty-drivers'); const io = require('loyalty-drivers/io'); ${throwFromIo}`)).toEqual(
      sameClass,
    );
  });

  it('one InputError class when one entry is imported and another required (no dual-package copy)', () => {
    const code = `import * as main from 'loyalty-drivers'; import { createRequire } from 'node:module';
      const io = createRequire(import.meta.url)('loyalty-drivers/io'); ${throwFromIo}`;
    expect(json('esm', code)).toEqual(sameClass);
  });

  it('renderSvg without vega installed: InputError MISSING_DEPENDENCY with the install command', () => {
    const code = `import { InputError } from 'loyalty-drivers'; import { renderSvg, npsDistributionChart } from 'loyalty-drivers/charts';
      try { await renderSvg(npsDistributionChart([10, 9, 3])); console.log(JSON.stringify({ thrown: false })); }
      catch (e) { console.log(JSON.stringify({ input: e instanceof InputError, code: e.code, message: e.message })); }`;
    const r = json('esm', code) as { input: boolean; code: string; message: string };
    expect(r.input).toBe(true);
    expect(r.code).toBe('MISSING_DEPENDENCY');
    expect(r.message).toContain('npm install vega vega-lite');
  });

  it('duckdbSufficientStatistics without @duckdb/node-api installed: InputError MISSING_DEPENDENCY with the install command', () => {
    const code = `import { InputError } from 'loyalty-drivers'; import { duckdbSufficientStatistics } from 'loyalty-drivers/sql';
      import { writeFileSync } from 'node:fs'; writeFileSync('s.csv', 'x\\n1\\n2\\n');
      try { await duckdbSufficientStatistics('s.csv', { variables: ['x'] }); console.log(JSON.stringify({ thrown: false })); }
      catch (e) { console.log(JSON.stringify({ input: e instanceof InputError, code: e.code, message: e.message })); }`;
    const r = json('esm', code) as { input: boolean; code: string; message: string };
    expect(r.input).toBe(true);
    expect(r.code).toBe('MISSING_DEPENDENCY');
    expect(r.message).toContain('npm install @duckdb/node-api');
  });

  // The installed package, bundled as a browser application would (bench/bundle.bench.ts reports
  // the same figure from dist, with a baseline).
  it('an nps()-only browser bundle is under 10 kB gzipped (the bundled @stdlib code tree-shakes)', async () => {
    const result = await build({
      stdin: { contents: `import { nps } from 'loyalty-drivers'; console.log(nps([10, 9, 3]));`, resolveDir: project, loader: 'js' },
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    const gzipped = gzipSync(code, { level: 9 }).length;
    console.log(`nps()-only bundle: ${(code.length / 1000).toFixed(1)} kB minified, ${(gzipped / 1000).toFixed(1)} kB gzipped`);
    expect(gzipped).toBeLessThan(10_000);
  });

  it('the command-line tool runs (ESM bin)', () => {
    const bin = join(project, 'node_modules', '.bin', 'loyalty-drivers');
    const r = spawnSync(process.execPath, [bin, '--help'], { cwd: project, encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('loyalty-drivers');
  });
});
