import { defineConfig, type Options } from 'tsup';

// The package is ESM-only: one copy of every module (and so of every error class) whichever
// entry point loads it, and Node >= 20.19 loads it from CommonJS too (`require(esm)`); see
// CONTRIBUTING.md, "Package shape". The main entry is pure and browser-safe; Node-only code
// lives in the io and command-line entries.

// The @stdlib distribution functions (src/internal/distributions.ts) are bundled into dist
// rather than installed (230 small packages, 18 MB); their licence is in dist/THIRD-PARTY-NOTICES.md.
// They are CommonJS, which esbuild wraps in lazy `__commonJS` closures. Nothing runs until a
// distribution function is first called, so the wrappers are marked pure: a bundler that
// tree-shakes the library (e.g. an `nps()`-only import) then drops the ones it does not use.
const pureStdlib: NonNullable<Options['plugins']>[number] = {
  name: 'pure-commonjs-wrappers',
  renderChunk(code) {
    const marked = code
      .replace(/^(var require_\w+ = )(__commonJS\()/gm, '$1/* @__PURE__ */ $2')
      .replace(/^(var import_\w+ = )__toESM\((require_\w+)\(\)/gm, '$1/* @__PURE__ */ __toESM(/* @__PURE__ */ $2()');
    return { code: marked };
  },
};

// `debug` (used by @stdlib's gammaincinv to log overflow warnings) would bring Node's tty/util/net
// into the browser bundle: replace it with a logger that logs nothing.
const stubDebug = {
  name: 'stub-debug',
  setup(build: {
    onResolve: (o: { filter: RegExp }, f: () => { path: string; namespace: string }) => void;
    onLoad: (o: { filter: RegExp; namespace: string }, f: () => { contents: string; loader: 'js' }) => void;
  }) {
    build.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'stub-debug' }));
    build.onLoad({ filter: /.*/, namespace: 'stub-debug' }, () => ({
      contents: 'module.exports = function logger() { return function debug() {}; };',
      loader: 'js',
    }));
  },
};

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    charts: 'src/charts/index.ts',
    io: 'src/io/index.ts',
    dataframe: 'src/dataframe/index.ts',
    report: 'src/report/index.ts',
    sql: 'src/sql/index.ts',
    // The command-line tool (package.json "bin"); not an import entry point.
    cli: 'src/cli/bin.ts',
    // The column reader's worker thread (src/io/workerColumnChunks.ts loads it by this name).
    columnChunkWorker: 'src/io/columnChunkWorker.ts',
  },
  format: ['esm'],
  dts: {
    entry: {
      index: 'src/index.ts',
      charts: 'src/charts/index.ts',
      io: 'src/io/index.ts',
      dataframe: 'src/dataframe/index.ts',
      report: 'src/report/index.ts',
      sql: 'src/sql/index.ts',
    },
  },
  sourcemap: false,
  clean: true,
  treeshake: true,
  splitting: true,
  target: 'node20',
  noExternal: [/^@stdlib\//],
  esbuildPlugins: [stubDebug],
  // The bundled code's licence comments (several hundred, 80 kB) go to one file instead,
  // dist/THIRD-PARTY-NOTICES.md (scripts/notices.mjs, run by `npm run build`).
  esbuildOptions(options) {
    options.legalComments = 'none';
  },
  plugins: [pureStdlib],
});
