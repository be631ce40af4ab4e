/**
 * Runs the command-line tool in-process: `main(argv, io)` with standard input from a string and
 * standard output and error collected, so a test costs no process start. The real binary is
 * exercised once per exit code by test/cli/bin.test.ts.
 */
import { Readable } from 'node:stream';
import { main, type CliIo } from '../../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A writable that keeps what is written; `isTTY` as given. */
function collector(isTTY?: boolean): { stream: CliIo['stderr']; text: () => string } {
  const chunks: string[] = [];
  const stream = {
    isTTY,
    write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    },
  } as unknown as CliIo['stderr'];
  return { stream, text: () => chunks.join('') };
}

/** `loyalty-drivers ...args` with `input` on standard input (none: an empty, non-terminal stdin). */
export async function runCli(
  args: readonly string[],
  input?: string,
  options: { stdinIsTTY?: boolean; stderrIsTTY?: boolean } = {},
): Promise<CliResult> {
  const stdin = Readable.from(input === undefined ? [] : [Buffer.from(input, 'utf8')]) as Readable & { isTTY?: boolean };
  stdin.isTTY = options.stdinIsTTY;
  const stdout = collector();
  const stderr = collector(options.stderrIsTTY);
  const code = await main(args, { stdin, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
