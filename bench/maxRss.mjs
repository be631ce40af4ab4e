// Preloaded into a benchmarked child (`node --import bench/maxRss.mjs ...`): writes the process's
// peak resident memory (KiB) to standard error as it exits, so the parent reads the child's own.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nmaxRSS ${process.resourceUsage().maxRSS}\n`);
});
