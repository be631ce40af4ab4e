import type { Command } from '../command.js';
import { analyzeCommand } from './analyze.js';
import { compareCommand } from './compare.js';
import { importanceCommand } from './importance.js';
import { indicesCommand } from './indices.js';
import { pathsCommand } from './paths.js';
import { regressCommand } from './regress.js';
import { reportCommand } from './report.js';
import { reliabilityCommand } from './reliability.js';
import { segmentCommand } from './segment.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  analyzeCommand,
  indicesCommand,
  reliabilityCommand,
  regressCommand,
  importanceCommand,
  segmentCommand,
  pathsCommand,
  compareCommand,
  reportCommand,
];
