#!/usr/bin/env node
/** The `loyalty-drivers` executable. */
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`loyalty-drivers: INTERNAL_ERROR: ${String((e as Error)?.message ?? e)}\n`);
    process.exitCode = 70;
  },
);
