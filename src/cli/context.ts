/**
 * What every command receives: parsed flags, the input (read lazily), the model file, and a
 * progress reporter on stderr.
 */
import type { ChunkScoring } from '../analysis/stream/chunkScorer.js';
import type { ColumnChunk, ColumnRequest } from '../io/columnChunks.js';
import type { Dataset } from '../io/types.js';
import type { ColumnDeclaration, ColumnType, LoyaltyModel } from '../model/types.js';
import { UsageError } from './errors.js';

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
   * Reads the input through the columnar path instead: chunks of the `request`ed columns, no rows
   * kept (read once, instead of `data`). `declarations` as for `data`. With `scoring`, the
   * chunks carry the driver scores too (scored in the reading worker where there is one).
   */
  readonly columns: (
    request: ColumnRequest,
    declarations?: Readonly<Record<string, ColumnType | ColumnDeclaration>>,
    scoring?: ChunkScoring,
  ) => AsyncIterable<ColumnChunk>;
  /** Whether `columns` may be called again for a second pass (a file; standard input is read once). */
  readonly rereadable: boolean;
  /** Writes a progress line to stderr (silent with --quiet or when stderr is not a terminal, unless --progress). */
  readonly progress: (message: string) => void;
  /** The input file as given (undefined or `-` for standard input), for engines that read it themselves. */
  readonly source?: string;
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
