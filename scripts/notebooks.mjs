// `npm run notebooks`: executes every notebook under notebooks/ headless (Jupyter's nbconvert with
// Deno's kernel, from the dev dependency `deno`; scripts/deno_execute.py is the executor) and fails when a cell errors or writes to stderr,
// or when an output saved in the .ipynb differs from the fresh one beyond formatting (execution
// counts, output metadata, ANSI colours, line endings, timings and dates are normalised away).
// Before the notebooks it checks itself on test/notebooks/: a notebook with a broken cell and one
// with a stale saved output must both fail.
//
//   node scripts/notebooks.mjs [--update] [--no-build] [--no-self-test] [file.ipynb ...]
//
// --update writes the fresh outputs into the notebooks (after you edit one); --no-build skips
// `npm run build` (CI builds in `npm test` first). Needs `jupyter nbconvert` (Debian:
// apt-get install jupyter-nbconvert). The kernelspec is written to a temporary JUPYTER_PATH, so
// nothing in your Jupyter setup is read or changed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const update = flag('--update');
const build = !flag('--no-build');
const selfTest = !flag('--no-self-test');
const started = Date.now();
const seconds = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

function run(command, commandArgs, options = {}) {
  return spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
}

function fail(message) {
  console.error(`notebooks: ${message}`);
  process.exit(1);
}

// 1. The tools: nbconvert (Debian), the Deno binary (npm), the built library.
const nbconvert = run('jupyter', ['nbconvert', '--version']);
if (nbconvert.status !== 0) {
  fail('jupyter nbconvert not found: apt-get install jupyter-nbconvert (Debian/Ubuntu), or pip install nbconvert');
}
const denoBin = join(root, 'node_modules', '.bin', 'deno');
if (!existsSync(denoBin)) fail('node_modules/.bin/deno not found: run npm ci (deno is a dev dependency)');
// The real binary (the .bin entry may be a Node wrapper, which would sit between Jupyter and the kernel).
const exec = run(denoBin, ['eval', 'console.log(Deno.execPath())']);
if (exec.status !== 0) fail(`deno does not run: ${exec.stderr}`);
const deno = exec.stdout.trim();
if (build) {
  const t = Date.now();
  const b = run('npm', ['run', 'build'], { cwd: root });
  if (b.status !== 0) fail(`npm run build failed:\n${b.stdout}\n${b.stderr}`);
  console.log(`built dist/ (${seconds(t)})`);
} else if (!existsSync(join(root, 'dist', 'index.js'))) {
  fail('dist/ is missing: run npm run build first (the notebooks import the built package)');
}

const work = mkdtempSync(join(tmpdir(), 'loyalty-notebooks-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
mkdirSync(join(work, 'kernels', 'deno'), { recursive: true });
writeFileSync(
  join(work, 'kernels', 'deno', 'kernel.json'),
  JSON.stringify({ argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'], display_name: 'Deno', language: 'typescript' }),
);
const env = {
  ...process.env,
  JUPYTER_PATH: [work, process.env.JUPYTER_PATH].filter(Boolean).join(':'),
  PYTHONPATH: [join(root, 'scripts'), process.env.PYTHONPATH].filter(Boolean).join(':'),
  NO_COLOR: '1',
  DENO_NO_UPDATE_CHECK: '1',
  PYDEVD_DISABLE_FILE_VALIDATION: '1',
};

// 2. Normalisation: what may differ between two runs of an unchanged notebook.
const text = (value) => (Array.isArray(value) ? value.join('') : String(value ?? ''));
function normaliseText(s) {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\u001b\[[0-9;]*m/g, '') // ANSI colours
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g, '<date>')
    .replace(/\b\d+(\.\d+)? ?(ms|µs|ns|seconds?|s)\b(?= |\)|,|\.|$)/gm, '<duration>')
    .replace(/[ \t]+$/gm, '')
    .trimEnd();
}
function normaliseOutput(output) {
  if (output.output_type === 'stream') return { stream: output.name, text: normaliseText(text(output.text)) };
  if (output.output_type === 'error') return { error: output.ename, value: normaliseText(output.evalue ?? '') };
  const data = {};
  for (const [mime, value] of Object.entries(output.data ?? {})) {
    data[mime] = mime.endsWith('json') ? value : mime === 'image/png' ? '<png>' : normaliseText(text(value));
  }
  return { type: output.output_type === 'execute_result' ? 'display_data' : output.output_type, data };
}
/** Consecutive stream outputs of one name merged (the kernel may split a print in two messages). */
function normaliseCell(cell) {
  const outputs = [];
  for (const o of (cell.outputs ?? []).map(normaliseOutput)) {
    const last = outputs.at(-1);
    if (o.stream && last?.stream === o.stream) last.text = `${last.text}\n${o.text}`.replace(/\n+/g, '\n');
    else outputs.push(o);
  }
  return { source: normaliseText(text(cell.source)), outputs };
}
function firstDifference(a, b, path = '') {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || a === null || b === null || typeof a !== 'object') {
    if (a === b) return undefined;
    const show = (v) => {
      const s = typeof v === 'string' ? v : JSON.stringify(v);
      return s === undefined ? 'nothing' : s.length > 300 ? `${s.slice(0, 300)}...` : s;
    };
    if (typeof a === 'string' && typeof b === 'string') {
      let i = 0;
      while (a[i] === b[i]) i++;
      const from = Math.max(0, i - 60);
      return `${path}: saved "...${a.slice(from, i + 80)}..." but fresh "...${b.slice(from, i + 80)}..."`;
    }
    return `${path}: saved ${show(a)} but fresh ${show(b)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const d = firstDifference(a[k], b[k], `${path}/${k}`);
    if (d) return d;
  }
  return undefined;
}

// 3. One notebook: execute a copy, then compare.
function check(file) {
  const t = Date.now();
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  const out = join(work, `${basename(file, '.ipynb')}-${Date.now()}.ipynb`);
  const r = run(
    'jupyter',
    [
      'nbconvert',
      '--to',
      'notebook',
      // nbconvert's executor, made to wait for the outputs Deno's kernel sends after "idle" (deno_execute.py).
      '--Exporter.preprocessors=deno_execute.DenoExecutePreprocessor',
      '--DenoExecutePreprocessor.enabled=True',
      '--DenoExecutePreprocessor.kernel_name=deno',
      '--DenoExecutePreprocessor.timeout=600',
      // No per-cell timestamps in the saved metadata: they would change every update.
      '--DenoExecutePreprocessor.record_timing=False',
      '--output',
      out,
      file,
    ],
    { cwd: dirname(file), env },
  );
  if (r.status !== 0 || !existsSync(out)) {
    const log = `${r.stderr}`.split('\n');
    const at = log.findIndex((l) => /CellExecutionError|An error occurred while executing/.test(l));
    return { ok: false, time: seconds(t), problem: `a cell failed:\n${(at >= 0 ? log.slice(at) : log.slice(-30)).join('\n').trim()}` };
  }
  const fresh = JSON.parse(readFileSync(out, 'utf8'));
  const problems = [];
  fresh.cells.forEach((cell, i) => {
    for (const o of cell.outputs ?? []) {
      if (o.output_type === 'error') problems.push(`cell ${i + 1} raised ${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream' && o.name === 'stderr') problems.push(`cell ${i + 1} wrote to stderr: ${normaliseText(text(o.text)).slice(0, 300)}`);
    }
  });
  if (problems.length > 0) return { ok: false, time: seconds(t), problem: problems.join('\n'), fresh };
  if (update) {
    for (const cell of fresh.cells) delete cell.metadata?.execution;
    writeFileSync(file, `${JSON.stringify(fresh, null, 1)}\n`);
    return { ok: true, time: seconds(t), updated: true };
  }
  const codeCells = (nb) => nb.cells.filter((c) => c.cell_type === 'code').map(normaliseCell);
  const a = codeCells(saved);
  const b = codeCells(fresh);
  if (a.every((c) => c.outputs.length === 0) && b.some((c) => c.outputs.length > 0)) {
    return { ok: false, time: seconds(t), problem: 'the notebook is saved without outputs: run npm run notebooks -- --update and commit it' };
  }
  const d = firstDifference(a, b, 'cells');
  if (d) {
    const [, index] = /^cells\/(\d+)/.exec(d) ?? [];
    return {
      ok: false,
      time: seconds(t),
      problem: `saved output differs from a fresh run (code cell ${Number(index) + 1}) ${d.replace(/^cells\/\d+/, '')}\n  if the change is intended: npm run notebooks -- --update, and commit the notebook`,
    };
  }
  return { ok: true, time: seconds(t) };
}

// 4. The self-test: the runner must catch a broken cell and a stale output.
let passed = 0;
let failed = 0;
if (selfTest && !update && args.length === 0) {
  const expectations = [
    ['test/notebooks/broken-cell.ipynb', /a cell failed:[\s\S]*INVALID_OPTION|a cell failed:[\s\S]*InputError/],
    ['test/notebooks/stale-output.ipynb', /saved output differs from a fresh run \(code cell 1\)/],
  ];
  for (const [name, expected] of expectations) {
    const r = check(join(root, name));
    const caught = !r.ok && expected.test(r.problem);
    if (caught) passed++;
    else failed++;
    console.log(`${caught ? 'ok  ' : 'FAIL'} self-test ${name}: ${caught ? 'fails as it must' : `was not caught as expected (${r.ok ? 'it passed' : r.problem})`} (${r.time})`);
  }
}

// 5. The notebooks.
const files =
  args.length > 0
    ? args.map((f) => resolve(f))
    : readdirSync(join(root, 'notebooks'))
        .filter((f) => f.endsWith('.ipynb'))
        .sort()
        .map((f) => join(root, 'notebooks', f));
for (const file of files) {
  const r = check(file);
  if (r.ok) passed++;
  else failed++;
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${relative(root, file)} (${r.time})${r.updated ? ' updated' : ''}${r.ok ? '' : `\n  ${r.problem.replace(/\n/g, '\n  ')}`}`);
}
console.log(`${files.length} notebook${files.length === 1 ? "" : "s"}${selfTest && !update && args.length === 0 ? " and the self-test" : ""} in ${seconds(started)}`);
console.log(`notebooks: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
