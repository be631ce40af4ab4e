/// <reference types="node" />
/**
 * The `loyalty-drivers` command-line tool. `main(argv, io)` runs one command and returns the
 * exit code: 0 success, 1 bad input (or an input or output file that cannot be read or
 * written), 2 usage error (70 for an internal error, which is a bug).
 * Errors are one line on standard error with the error's code; never a stack trace.
 */
import type { ChunkScoring } from '../analysis/stream/chunkScorer.js';
import { type ColumnChunk, type ColumnRequest, readColumnChunks } from '../io/columnChunks.js';
import { prewarmColumnWorker, readScoredColumnChunks } from '../io/workerColumnChunks.js';
import { readData } from '../io/readData.js';
import { readModel } from '../io/readModel.js';
import type { DataSource, Dataset, ReadDataOptions } from '../io/types.js';
import { InputError, LoyaltyError } from '../errors.js';
import { modelColumns } from '../model/modelColumns.js';
import type { ColumnDeclaration, ColumnType, LoyaltyModel } from '../model/types.js';
import { version } from '../../package.json';
import { checkFlags, inputFlags, parseFlags } from './args.js';
import { COMMANDS } from './commands/index.js';
import { isParquet, parquetNeedsEngine } from './engine.js';
import type { CommandContext } from './context.js';
import { UsageError } from './errors.js';
import { checkOutputPath, OutputFileError, writeOutputFile } from './files.js';
import { commandHelp, mainHelp } from './help.js';
import { fileHead, planInput, streamHead, type InputPlan } from './input.js';
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

/** `CSV, delimiter ";" (from the header line)` for the progress line. */
function describePlan(plan: InputPlan): string {
  const format = plan.format.toUpperCase();
  const from = plan.formatFrom === 'content' ? ' (recognised from the content)' : '';
  if (plan.delimiter === undefined || plan.format === 'tsv') return `${format}${from}`;
  const shown = plan.delimiter === '\t' ? 'tab' : `"${plan.delimiter}"`;
  return `${format}${from}, delimiter ${shown}${plan.delimiterFrom === 'header' ? ' (from the header line)' : ''}`;
}

/**
 * The library's messages suggest library options; on the command line, say the flag instead
 * (or what the user of the tool can do where there is no flag).
 */
export function toolAdvice(message: string, command: string | undefined): string {
  return message
    .replace(/read it with encoding: "latin1"/g, 'run with --encoding latin1')
    .replace(/pass shapley: \{ method: 'sampled' \}([^;]*?), or raise shapley\.maxExactPredictors \([^)]*\)/g, (_, what: string) =>
      command === 'importance'
        ? `run with --shapley sampled${what}, or leave lmg out (--metrics)`
        : `run "loyalty-drivers importance" with --shapley sampled${what}, or give the model fewer drivers`,
    )
    .replace(
      /raise options\.maxPredictors \([^)]*\) or analyse fewer predictors/g,
      command === 'importance' ? 'run with --no-dominance or with fewer predictors' : 'analyse fewer predictors',
    )
    .replace(
      /pass complete: false for conditional and general dominance/g,
      command === 'importance' ? 'run with --no-dominance' : 'analyse fewer predictors',
    )
    .replace(
      /declare it "string" \(columns: \{ ("[^"]*"): "string" \}\) to read it as text/g,
      'declare it "string" in the model file ("columns": { $1: "string" }) to read it as text',
    )
    .replace(/declare it in missingCodes/g, 'give it with --missing-codes or in the model file\'s "missingCodes"');
}

/** Columns the message names, as whole words (a scale name stands for its items). */
function namedColumns(message: string, columns: readonly string[], model: LoyaltyModel | undefined): Set<string> {
  const out = new Set<string>();
  const words = new Set(message.split(/[^A-Za-z0-9_.\-]+/).filter((w) => w.length > 0));
  for (const c of columns) if (words.has(c) || message.includes(`"${c}"`)) out.add(c);
  for (const [name, scale] of Object.entries(model?.scales ?? {})) {
    if (words.has(name) || message.includes(`"${name}"`)) for (const item of scale.items) out.add(item);
  }
  return out;
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
  /** What the columnar path read (when a command streamed instead of reading rows). */
  // `missingCells[c]` equals `rows` exactly when column c has no value in any row read (the
  // count stops at a column's first value).
  let streamed: { file: string; format: string; rows: number; columns: string[]; missingCells: Record<string, number> } | undefined;
  let usedColumns: string[] = [];
  let modelForMessages: LoyaltyModel | undefined;
  let weightColumn: string | undefined;
  let decimalComma = false;
  // A library error names a row of the rows it was given, which are the file's rows in order:
  // add the file and line so the user can find the cell.
  const lineOf = async (e: LoyaltyError): Promise<string> => {
    const { row, column } = e.location;
    if (row === undefined || column === undefined || / line \d+/.test(e.message)) return '';
    // The columnar path's sections give the line of the row they name.
    if (!dataset) return streamed && e.location.line ? ` (${streamed.file}, line ${e.location.line}, column "${column}")` : '';
    const ds = await dataset.catch(() => undefined);
    const line = ds?.rowLines[row];
    return ds && line ? ` (${ds.source.file}, line ${line}, column "${column}")` : '';
  };
  // The library names its arguments (`values`, `options.weights`); say which column of the file they were.
  const inTermsOfTheFile = async (e: LoyaltyError): Promise<string> => {
    let message = e.message;
    if (weightColumn !== undefined && (e.location.argument === 'options.weights' || message.startsWith('options.weights:'))) {
      message = message.replace(/^options\.weights( \("[^"]*"\))?:/, `weight column "${weightColumn}":`);
    }
    if ((e.code === 'TOO_FEW_CASES' || e.code === 'EMPTY_INPUT') && (dataset || streamed)) {
      const ds = dataset
        ? await dataset.catch(() => undefined)
        : streamed && {
            rows: { length: streamed.rows },
            columns: streamed.columns,
            missingCells: streamed.missingCells as Readonly<Record<string, number>>,
            source: { file: streamed.file },
          };
      if (ds && ds.rows.length > 0) {
        const empty = ds.columns.filter((c) => (ds.missingCells[c] ?? 0) === ds.rows.length);
        const named = namedColumns(message, ds.columns, modelForMessages);
        const said = (c: string) =>
          message.includes(`"${c}" is missing in every row`) || message.includes(`${c} missing in ${ds.rows.length}`);
        const relevant = empty.filter(
          (c) => (named.has(c) || (named.size === 0 && usedColumns.includes(c)) || c === e.location.column) && !said(c),
        );
        if (relevant.length > 0) {
          const list = relevant.map((c) => `"${c}"`).join(', ');
          message = `column${relevant.length === 1 ? '' : 's'} ${list} of ${ds.source.file} ${relevant.length === 1 ? 'has' : 'have'} no value in any of the ${ds.rows.length} rows (every cell empty or a missing code): ${message}`;
        }
      }
    }
    const value = e.location.value;
    if (e.code === 'NOT_NUMERIC' && typeof value === 'string' && /^\s*[+-]?\d*,\d+\s*$/.test(value) && !decimalComma) {
      message += '; if the file writes decimal commas, run with --decimal , (and --delimiter ";" unless it is detected)';
    }
    return message;
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
    checkFlags(flags);
    const reading = inputFlags(flags);
    decimalComma = reading.decimalComma;
    const outPath = typeof flags['output'] === 'string' ? flags['output'] : undefined;
    // Before any work: a run whose result cannot be written fails now, not after the analysis.
    if (outPath !== undefined) await checkOutputPath(outPath);
    const source = positionals[0];
    // A file is read in a worker thread (the columnar path): start it now, its modules load while the model is read.
    if (command.streams === true && source !== undefined && source !== '-') prewarmColumnWorker();
    const showProgress = flags['progress'] === true || (flags['quiet'] !== true && io.stderr.isTTY === true);
    const progress = (message: string) => {
      if (showProgress) io.stderr.write(`loyalty-drivers: ${message}\n`);
    };
    const modelPath = typeof flags['model'] === 'string' ? flags['model'] : undefined;
    const model: LoyaltyModel | undefined = modelPath === undefined ? undefined : await readModel(modelPath);
    modelForMessages = model;
    weightColumn = flags['weights'] === 'none' ? undefined : typeof flags['weights'] === 'string' ? flags['weights'] : model?.weight;
    /** The input, planned (format, delimiter) and with the reader options, for either reading path. */
    const openInput = async (
      columns?: Readonly<Record<string, ColumnType | ColumnDeclaration>>,
    ): Promise<{ input: DataSource; head: string; file: string; options: ReadDataOptions }> => {
      if ((source === undefined || source === '-') && io.stdin.isTTY === true) {
        throw new UsageError('no input: give a data file, or pipe one into standard input');
      }
      const fromStdin = source === undefined || source === '-';
      const file = fromStdin ? 'stdin' : source;
      if (isParquet(source)) throw parquetNeedsEngine(source!);
      usedColumns = [...Object.keys(columns ?? {}), ...(model ? Object.keys(modelColumns(model)) : [])];
      let input: DataSource;
      let head: string;
      if (fromStdin) ({ head, chunks: input } = await streamHead(io.stdin as AsyncIterable<Uint8Array>));
      else [input, head] = [source, await fileHead(source)];
      const plan = planInput(reading, fromStdin ? undefined : source, head);
      progress(`reading ${fromStdin ? 'standard input' : source} as ${describePlan(plan)}`);
      const csv = plan.format === 'csv' || plan.format === 'tsv';
      const options: ReadDataOptions = {
        file,
        format: plan.format,
        ...(csv ? { delimiter: plan.delimiter, decimalComma: reading.decimalComma } : {}),
        ...(reading.encoding === undefined ? {} : { encoding: reading.encoding }),
        model,
        columns: columns && Object.keys(columns).length > 0 ? columns : undefined,
        missingCodes: missingCodeFlag(flags['missing-codes']),
        onProgress: (p) => {
          if (p.fraction !== undefined && !p.done) progress(`read ${p.rows} rows (${Math.round(100 * p.fraction)}%)`);
        },
      };
      return { input, head, file, options };
    };
    const noRows = (ds: Dataset): InputError =>
      new InputError(
        'EMPTY_INPUT',
        `${ds.source.file}: no data rows (the file has its header line, columns ${ds.columns.slice(0, 5).join(', ')}${ds.columns.length > 5 ? ', ...' : ''}, and nothing under it)`,
        {
          argument: ds.source.file,
          expected: 'data rows under the header',
        },
      );
    const data = (columns?: Readonly<Record<string, ColumnType | ColumnDeclaration>>) => {
      if (!dataset) {
        dataset = (async () => {
          const { input, options } = await openInput(columns);
          const ds = await readData(input, options);
          if (ds.rows.length === 0) throw noRows(ds);
          return ds;
        })();
      }
      return dataset;
    };
    // The columnar path: chunks of the requested columns, nothing kept; what the messages and the
    // JSON header need (rows, missing cells of the requested columns) is counted on the way.
    const columns = async function* (
      request: ColumnRequest,
      declarations?: Readonly<Record<string, ColumnType | ColumnDeclaration>>,
      scoring?: ChunkScoring,
    ): AsyncGenerator<ColumnChunk, void, undefined> {
      const { input, head, file, options } = await openInput(declarations);
      const info = {
        file,
        format: options.format ?? 'csv',
        rows: 0,
        columns: Object.keys(request),
        missingCells: {} as Record<string, number>,
      };
      // A later pass reads the same rows again: only the columns no earlier pass read are counted.
      const counted = new Set(streamed?.columns ?? []);
      if (streamed) {
        info.columns = info.columns.filter((c) => !counted.has(c));
        info.missingCells = streamed.missingCells;
        streamed.columns.push(...info.columns);
      } else streamed = info;
      const read = { ...options, request, worker: true };
      // The messages need only which columns have no value in any row: a column is counted
      // until its first value (its count then stays below the rows), not cell by cell to the end.
      const present = new Set<string>();
      for await (const chunk of scoring ? readScoredColumnChunks(input, read, scoring, readColumnChunks) : readColumnChunks(input, read)) {
        info.rows += chunk.length;
        // The requested columns only (a scored chunk carries the driver scores too).
        for (const name of info.columns) {
          if (present.has(name)) continue;
          const values = chunk.numbers[name];
          const codes = chunk.categories[name]?.codes;
          let missing = 0;
          if (values) for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) missing++;
          if (codes) for (let i = 0; i < codes.length; i++) if (codes[i] === -1) missing++;
          if (missing > 0) info.missingCells[name] = (info.missingCells[name] ?? 0) + missing;
          if (missing < chunk.length) present.add(name);
        }
        yield chunk;
      }
      // No data rows: the row reader's message, which lists the header (a file is read again; standard input's first bytes hold it all).
      if (info.rows === 0) throw noRows(await readData(source === undefined || source === '-' ? [head] : input, options));
    };
    const rereadable = source !== undefined && source !== '-';
    const ctx: CommandContext = { flags, model, data, columns, rereadable, progress, source };
    const output = await command.run(ctx);
    let text: string;
    if (format === 'json') {
      const input = dataset ? await dataset : undefined;
      const read = input
        ? { file: input.source.file, format: input.source.format, rows: input.rows.length }
        : streamed
          ? { file: streamed.file, format: streamed.format, rows: streamed.rows }
          : null;
      text = `${JSON.stringify(
        {
          command: command.name,
          version,
          input: read,
          model: modelPath ?? null,
          result: output.result,
          notes: output.notes ?? [],
        },
        null,
        2,
      )}\n`;
    } else if (format === 'csv') {
      text = renderCsv(output.sections.map((s) => s.table));
    } else {
      text = renderSections(output.sections, output.notes);
    }
    if (outPath !== undefined) {
      await writeOutputFile(outPath, text);
      progress(`wrote ${outPath}`);
    } else {
      write(text);
    }
    for (const line of output.stderr ?? []) io.stderr.write(`loyalty-drivers: ${oneLine(line)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(
        `loyalty-drivers: usage error: ${oneLine(e.message)} (see: loyalty-drivers ${command ? `${command.name} ` : ''}--help)\n`,
      );
      return 2;
    }
    if (e instanceof OutputFileError) {
      io.stderr.write(`loyalty-drivers: ${e.code}: ${oneLine(e.message)}\n`);
      return 1;
    }
    if (e instanceof LoyaltyError) {
      io.stderr.write(`loyalty-drivers: ${e.code}: ${toolAdvice(oneLine(await inTermsOfTheFile(e)), command?.name)}${await lineOf(e)}\n`);
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
