/**
 * What every command receives: parsed flags, the input (read lazily), the model file, and a
 * progress reporter on stderr.
 */
import type { Dataset, ReadDataOptions } from '../io/types.js';
import type { ColumnDeclaration, ColumnType, LoyaltyModel } from '../model/types.js';
import { UsageError } from './errors.js';

/** A file input for the streaming path. */
export interface StreamedInput {
  readonly source: string;
  readonly read: Omit<ReadDataOptions, 'model'>;
  readonly rows: (n: number) => void;
}

export type FlagValue = string | boolean | undefined;

export interface CommandContext {
  readonly flags: Readonly<Record<string, FlagValue>>;
  /** The validated model file, when `--model` was given. */
  readonly model: LoyaltyModel | undefined;
  /**
   * Reads the input file (or stdin) once; checked against the model when there is one.
   * `columns` declares the columns the command will use (e.g. `{ recommend: 'number' }`), so a
   * bad cell is reported by the reader with its line and column.
   */
  readonly data: (columns?: Readonly<Record<string, ColumnType | ColumnDeclaration>>) => Promise<Dataset>;
  /**
   * The input as a file the streaming path can read once per pass (`analyzeSource`), with the
   * reader options the flags ask for; undefined for standard input (read it with `data`).
   * `rows(n)` records the rows read, for the JSON envelope.
   */
  readonly source?: () => Promise<StreamedInput | undefined>;
  /** Writes a progress line to stderr (silent with --quiet or when stderr is not a terminal, unless --progress). */
  readonly progress: (message: string) => void;
}

/** A flag's string value, or undefined. */
export function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** A comma-separated list flag. */
export function listFlag(ctx: CommandContext, name: string): string[] | undefined {
  const v = stringFlag(ctx, name);
  return v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}

/** A numeric flag; a non-number is a usage error naming the flag. */
export function numberFlag(
  ctx: CommandContext,
  name: string,
  check: (x: number) => boolean = Number.isFinite,
  expected = 'a number',
): number | undefined {
  const v = stringFlag(ctx, name);
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !check(x)) throw new UsageError(`--${name}: expected ${expected}, got "${v}"`);
  return x;
}
