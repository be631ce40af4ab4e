import { defineConfig } from 'tsup';

// One entry per public entry point. The main entry is pure and browser-safe; Node-only code
// lives in the io and command-line entries.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    charts: 'src/charts/index.ts',
    io: 'src/io/index.ts',
    dataframe: 'src/dataframe/index.ts',
    report: 'src/report/index.ts',
    // The command-line tool (package.json "bin"); not an import entry point.
    cli: 'src/cli/bin.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'node20',
});
