import type { OptionSpec } from './args.js';
import type { CommandContext } from './context.js';
import type { CommandOutput } from './output.js';

/** One subcommand of the `loyalty-drivers` tool. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Usage line after `loyalty-drivers`. */
  readonly usage: string;
  /** The command's own flags (the global ones are added). */
  readonly options: OptionSpec;
  /** Flag help: [flag, description]. */
  readonly flagHelp: readonly (readonly [string, string])[];
  readonly examples: readonly string[];
  /** Whether the command reads a data file (all but none today). */
  readonly readsData: boolean;
  /** Whether a data file goes through the columnar path (`ctx.columns`): its reading worker starts early. */
  readonly streams?: boolean;
  run(ctx: CommandContext): Promise<CommandOutput>;
}
