/**
 * Flag parsing on node:util parseArgs (strict: an unknown flag is a usage error, exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MAX_REPLICATES, MIN_REPLICATES } from '../internal/options.js';
import type { DataFormat } from '../io/types.js';
import { UsageError } from './errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts. */
export const GLOBAL_OPTIONS: OptionSpec = {
  model: { type: 'string', short: 'm' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  weights: { type: 'string' },
  'missing-codes': { type: 'string' },
  'input-format': { type: 'string' },
  delimiter: { type: 'string' },
  decimal: { type: 'string' },
  encoding: { type: 'string' },
  confidence: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Parses `argv` against the global and the command's flags. */
export function parseFlags(
  argv: readonly string[],
  options: OptionSpec,
): { flags: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...GLOBAL_OPTIONS, ...options },
      strict: true,
      allowPositionals: true,
    });
    return { flags: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    const err = e as Error & { code?: string };
    if (typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(err.message.replace(/\. To specify a positional argument.*$/s, '').replace(/\s+/g, ' '));
    }
    throw e;
  }
}

const DELIMITERS: Readonly<Record<string, string>> = { ',': ',', ';': ';', '|': '|', tab: '\t', '\t': '\t', '\\t': '\t' };
const INPUT_FORMATS: readonly DataFormat[] = ['csv', 'tsv', 'json', 'ndjson'];

/** How the input is to be read, from `--input-format`, `--delimiter`, `--decimal` and `--encoding` (each undefined when not given). */
export interface InputFlags {
  readonly format?: DataFormat;
  readonly delimiter?: string;
  readonly decimalComma: boolean;
  readonly encoding?: 'utf8' | 'latin1';
}

/** Validates the input flags (usage errors, exit 2). */
export function inputFlags(flags: Readonly<Record<string, string | boolean | undefined>>): InputFlags {
  const text = (name: string): string | undefined => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
  const formatText = text('input-format');
  if (formatText !== undefined && !INPUT_FORMATS.includes(formatText as DataFormat)) {
    throw new UsageError(`--input-format: expected csv, tsv, json or ndjson, got "${formatText}"`);
  }
  const format = formatText as DataFormat | undefined;
  const delimiterText = text('delimiter');
  const delimiter = delimiterText === undefined ? undefined : DELIMITERS[delimiterText.toLowerCase()];
  if (delimiterText !== undefined && delimiter === undefined) {
    throw new UsageError(
      `--delimiter: expected , or ";" or "|" or tab, got "${delimiterText}" (quote ; and | in the shell: --delimiter ";")`,
    );
  }
  if (delimiter !== undefined && (format === 'json' || format === 'ndjson')) {
    throw new UsageError(`--delimiter: applies to CSV and TSV, not to --input-format ${format}`);
  }
  const decimal = text('decimal');
  if (decimal !== undefined && decimal !== '.' && decimal !== ',')
    throw new UsageError(`--decimal: expected . or , (the decimal mark of numbers), got "${decimal}"`);
  if (decimal === ',' && delimiter === ',')
    throw new UsageError('--decimal ,: the decimal comma needs another delimiter (--delimiter ";" or tab), since "," separates the fields');
  const encoding = text('encoding');
  if (encoding !== undefined && encoding !== 'utf8' && encoding !== 'latin1') {
    throw new UsageError(`--encoding: expected utf8 or latin1 (Latin-1/Windows-1252), got "${encoding}"`);
  }
  return { format, delimiter, decimalComma: decimal === ',', encoding: encoding as InputFlags['encoding'] };
}

/** `--bootstrap N`: 0 (none) or a whole number from {@link MIN_REPLICATES} to {@link MAX_REPLICATES}; a usage error otherwise. */
export function bootstrapReplicates(value: string | undefined): number {
  if (value === undefined) return 0;
  const x = Number(value);
  if (value.trim() === '' || !Number.isInteger(x) || (x !== 0 && (x < MIN_REPLICATES || x > MAX_REPLICATES))) {
    throw new UsageError(
      `--bootstrap: expected 0 (none) or a whole number of replicates from ${MIN_REPLICATES} to ${MAX_REPLICATES.toLocaleString('en-US')}, got "${value}"`,
    );
  }
  return x;
}

/** `--seed S`: a whole number (default 1); a usage error otherwise. */
export function seedFlag(value: string | undefined): number {
  if (value === undefined) return 1;
  const x = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(x)) throw new UsageError(`--seed: expected a whole number, got "${value}"`);
  return x;
}

/**
 * Flag checks that need no data, run right after parsing so that a bad value fails at once
 * (exit 2) rather than after the file is read: the input flags, --bootstrap, --seed.
 */
export function checkFlags(flags: Readonly<Record<string, string | boolean | undefined>>): void {
  inputFlags(flags);
  if (typeof flags['bootstrap'] === 'string') bootstrapReplicates(flags['bootstrap']);
  if (typeof flags['seed'] === 'string') seedFlag(flags['seed']);
}
