/// <reference types="node" />
/**
 * The `loyalty-drivers` command-line tool. `main(argv, io)` runs one command and returns the
 * exit code: 0 success, 1 bad input, 2 usage error (70 for an internal error, which is a bug).
 * Errors are one line on standard error with the error's code; never a stack trace.
 */
import { createWriteStream } from 'node:fs';
import { readData } from '../io/readData.js';
import { readModel } from '../io/readModel.js';
import type { Dataset } from '../io/types.js';
import { LoyaltyError } from '../errors.js';
import type { ColumnDeclaration, ColumnType, LoyaltyModel } from '../model/types.js';
import { version } from '../../package.json';
import { parseFlags } from './args.js';
import { COMMANDS } from './commands/index.js';
import type { CommandContext } from './context.js';
import { UsageError } from './errors.js';
import { commandHelp, mainHelp } from './help.js';
import { renderCsv, renderSections } from './output.js';

/** Where the tool reads and writes; the real process by default, replaceable in tests. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const FORMATS = ['table', 'json', 'csv'];

/** `--missing-codes -99,99` for the reader (the commands validate the flag's text). */
function missingCodeFlag(value: unknown): number[] | undefined {
  if (typeof value !== 'string') return undefined;
  const codes = value.split(',').map((v) => Number(v.trim()));
  if (codes.some((c) => !Number.isFinite(c))) throw new UsageError(`--missing-codes: expected comma-separated numbers, got "${value}"`);
  return codes;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Runs the tool; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = process): Promise<number> {
  const [name, ...rest] = argv;
  const write = (s: string) => io.stdout.write(s);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === undefined) {
      io.stderr.write(mainHelp(COMMANDS, version));
      return 2;
    }
    write(mainHelp(COMMANDS, version));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    write(`${version}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  let dataset: Promise<Dataset> | undefined;
  // A library error names a row of the rows it was given, which are the file's rows in order:
  // add the file and line so the user can find the cell.
  const lineOf = async (e: LoyaltyError): Promise<string> => {
    const { row, column } = e.location;
    if (row === undefined || column === undefined || !dataset || / line \d+/.test(e.message)) return '';
    const ds = await dataset.catch(() => undefined);
    const line = ds?.rowLines[row];
    return ds && line ? ` (${ds.source.file}, line ${line}, column "${column}")` : '';
  };
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
    const { flags, positionals } = parseFlags(rest, command.options);
    if (flags['help'] === true) {
      write(commandHelp(command));
      return 0;
    }
    const format = typeof flags['format'] === 'string' ? flags['format'] : 'table';
    if (!FORMATS.includes(format)) throw new UsageError(`--format: expected table, json or csv, got "${format}"`);
    if (positionals.length > 1) throw new UsageError(`expected one input file, got ${positionals.length}: ${positionals.join(' ')}`);
    const source = positionals[0];
    const showProgress = flags['progress'] === true || (flags['quiet'] !== true && io.stderr.isTTY === true);
    const progress = (message: string) => {
      if (showProgress) io.stderr.write(`loyalty-drivers: ${message}\n`);
    };
    const modelPath = typeof flags['model'] === 'string' ? flags['model'] : undefined;
    const model: LoyaltyModel | undefined = modelPath === undefined ? undefined : await readModel(modelPath);
    const data = (columns?: Readonly<Record<string, ColumnType | ColumnDeclaration>>) => {
      if (!dataset) {
        if ((source === undefined || source === '-') && io.stdin.isTTY === true) {
          throw new UsageError('no input: give a data file, or pipe one into standard input');
        }
        const input = source === undefined || source === '-' ? (io.stdin as AsyncIterable<Uint8Array>) : source;
        progress(`reading ${source ?? 'standard input'}`);
        dataset = readData(input, {
          file: source === undefined || source === '-' ? 'stdin' : source,
          model,
          columns: columns && Object.keys(columns).length > 0 ? columns : undefined,
          missingCodes: missingCodeFlag(flags['missing-codes']),
          onProgress: (p) => { if (p.fraction !== undefined && !p.done) progress(`read ${p.rows} rows (${Math.round(100 * p.fraction)}%)`); },
        });
      }
      return dataset;
    };
    const ctx: CommandContext = { flags, model, data, progress };
    const output = await command.run(ctx);
    let text: string;
    if (format === 'json') {
      const input = dataset ? await dataset : undefined;
      text = `${JSON.stringify({
        command: command.name,
        version,
        input: input ? { file: input.source.file, format: input.source.format, rows: input.rows.length } : null,
        model: modelPath ?? null,
        result: output.result,
        notes: output.notes ?? [],
      }, null, 2)}\n`;
    } else if (format === 'csv') {
      text = renderCsv(output.sections.map((s) => s.table));
    } else {
      text = renderSections(output.sections, output.notes);
    }
    const outPath = typeof flags['output'] === 'string' ? flags['output'] : undefined;
    if (outPath !== undefined) {
      await new Promise<void>((resolve, reject) => {
        const stream = createWriteStream(outPath);
        stream.on('error', reject);
        stream.end(text, () => resolve());
      });
      progress(`wrote ${outPath}`);
    } else {
      write(text);
    }
    for (const line of output.stderr ?? []) io.stderr.write(`loyalty-drivers: ${oneLine(line)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`loyalty-drivers: usage error: ${oneLine(e.message)} (see: loyalty-drivers ${command ? `${command.name} ` : ''}--help)\n`);
      return 2;
    }
    if (e instanceof LoyaltyError) {
      io.stderr.write(`loyalty-drivers: ${e.code}: ${oneLine(e.message)}${await lineOf(e)}\n`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && ['ENOENT', 'EISDIR', 'EACCES'].includes(err.code)) {
      io.stderr.write(`loyalty-drivers: FILE_NOT_READABLE: ${oneLine(err.message)}\n`);
      return 1;
    }
    io.stderr.write(`loyalty-drivers: INTERNAL_ERROR: ${oneLine(err?.message ?? String(e))} (this is a bug; please report it)\n`);
    return 70;
  }
}
