import { checkOption } from '../internal/validate.js';
import type { ScaleDefinitions } from '../measurement/types.js';
import type { ScoringDeclaration } from '../model/types.js';
import type { SufficientStatistics } from '../summary/sufficientStatistics.js';
import type { MissingPolicy, Row } from '../types.js';
import { InputError } from '../errors.js';
import { CsvRecordReader } from './csvRecords.js';
import { openSource } from './openSource.js';
import { checkModelAgainstHeader, READ_DATA_KEYS, readSettings } from './readSettings.js';
import { optionKeys } from '../internal/options.js';
import { rowFeeder } from './rowSources.js';
import { StatisticsAccumulator } from './statisticsAccumulator.js';
import { StatisticsPlan } from './statisticsPlan.js';
import type { DataSource, ReadDataOptions } from './types.js';

/** Options of {@link streamSufficientStatistics}. */
export interface StreamStatisticsOptions extends ReadDataOptions {
  /**
   * Variables to summarise, in order: data columns, scale names (driver scores made from their
   * items), or names returned by `derive`. Default with a `model`: its drivers, then its
   * continuous outcomes.
   */
  readonly variables?: readonly string[];
  /** Sampling-weight column (numbers >= 0). Not taken from the model: pass `model.weight` to weight. */
  readonly weights?: string;
  /** Driver scales whose scores can be variables (default: the model's scales). */
  readonly scales?: ScaleDefinitions;
  /** How scale scores are made (default: the model's `scoring`, else mean of all items). */
  readonly scoring?: ScoringDeclaration;
  /** Computes further variables from each row (a plain object of the row's typed cells). */
  readonly derive?: (row: Row) => Readonly<Record<string, unknown>>;
  /** `'omit'` (default): listwise deletion, reported; `'fail'`: throw at the first missing value. */
  readonly missing?: MissingPolicy;
}

/** The keys of {@link StreamStatisticsOptions}. */
const STREAM_KEYS = [
  ...READ_DATA_KEYS,
  ...optionKeys<Omit<StreamStatisticsOptions, keyof ReadDataOptions>>({
    variables: true,
    weights: true,
    scales: true,
    scoring: true,
    derive: true,
    missing: true,
  }),
];

/**
 * Reduces a CSV, TSV or NDJSON file (or stream) of any size to the {@link loyalty-drivers!SufficientStatistics}
 * of some variables in one pass and bounded memory, so regression and importance can run on
 * files that do not fit in memory (pass the result where rows are accepted).
 *
 * Method: rows are parsed chunk by chunk; complete cases (listwise on the variables and the
 * weight) are buffered `chunkSize` at a time (default 65,536); each buffer is reduced by the
 * corrected two-pass algorithm with compensated block sums, and merged into the running
 * statistics by the pairwise update of Chan, Golub & LeVeque (1979), which is exact in exact
 * arithmetic and stable in floating point: the result equals `sufficientStatistics` on the
 * whole file held in memory to about 1e-15 relative. Memory is O(chunkSize x variables) whatever
 * the number of rows. Driver scores from item-level data follow `scaleScores`: the mean of the
 * answered items after reverse-coding (`min + max - x`), missing unless `minimumAnswered` items
 * are answered (default: all).
 *
 * @param source - A path, a `file:` URL, a stream or an iterable of text/byte chunks.
 * @param options - `variables`, `weights`, `scales`/`scoring`/`model`, `derive`, `missing`, and the
 *   reader options ({@link ReadDataOptions}: `missingCodes`, `columns`, `chunkSize`, `onProgress`...).
 * @returns {@link loyalty-drivers!SufficientStatistics}: `n`, `weightSum`, `means`, `sscp`, `missing` (rows in, used,
 *   dropped, and missing cases per variable).
 * @throws InputError `COLUMN_NOT_FOUND`, `NOT_NUMERIC`, `OUT_OF_RANGE`, `MISSING_VALUE` (with
 *   `missing: 'fail'`), `LENGTH_MISMATCH` (malformed file), `EMPTY_INPUT`, `INVALID_OPTION`, all
 *   naming file, line and column; InsufficientDataError `TOO_FEW_CASES` (no complete case).
 *
 * @example
 * ```ts
 * import { streamSufficientStatistics } from 'loyalty-drivers/io';
 * import { parseModel } from 'loyalty-drivers';
 * import { readFileSync } from 'node:fs';
 * const model = parseModel(readFileSync('examples/data/model.json', 'utf8'));
 * // recommend ~ satisfaction + image + trust + engagement: driver scores made from the items as the file streams
 * let progress = 0;
 * const stats = await streamSufficientStatistics('examples/data/loyalty-survey.csv', {
 *   model, variables: ['satisfaction', 'image', 'trust', 'engagement', 'recommend'],
 *   chunkSize: 1000, onProgress: (p) => { progress = p.fraction ?? 0; },
 * });
 * stats.n; // => 1596  (complete cases on the 12 items and recommend)
 * stats.missing; // => { rowsIn: 2000, rowsUsed: 1596, rowsDropped: 404, ... }
 * progress; // => 1
 * ```
 */
export async function streamSufficientStatistics(source: DataSource, options: StreamStatisticsOptions = {}): Promise<SufficientStatistics> {
  const name = options.file ?? (typeof source === 'string' ? source : source instanceof URL ? source.pathname : undefined);
  const settings = readSettings(options, name, STREAM_KEYS);
  if (settings.format === 'json') {
    throw new InputError(
      'INVALID_OPTION',
      'options.format: a JSON document is parsed whole; stream NDJSON (one object per line) or CSV instead',
      { argument: 'options.format', value: 'json', expected: 'csv | tsv | ndjson' },
    );
  }
  const policy = checkOption('options.missing', options.missing ?? 'omit', ['omit', 'fail'] as const);
  const model = settings.model;
  const variables =
    options.variables ??
    (model ? [...model.drivers, ...model.outcomes.filter((o) => o.kind === 'continuous').map((o) => o.column)] : undefined);
  if (!Array.isArray(variables) || variables.length === 0 || variables.some((v) => typeof v !== 'string')) {
    throw new InputError(
      'INVALID_OPTION',
      'options.variables: expected a non-empty list of column, scale or derived names (or a model with drivers)',
      { argument: 'options.variables', expected: 'variable names' },
    );
  }
  if (new Set(variables).size !== variables.length) {
    throw new InputError('INVALID_OPTION', `options.variables: a variable is listed twice (${variables.join(', ')})`, {
      argument: 'options.variables',
      expected: 'distinct names',
    });
  }
  if (options.derive !== undefined && typeof options.derive !== 'function') {
    throw new InputError('INVALID_OPTION', 'options.derive: expected a function (row) => ({ name: value })', {
      argument: 'options.derive',
      expected: 'a function',
    });
  }
  const opened = await openSource(source, options.file);
  const file = opened.file;
  const accumulator = new StatisticsAccumulator(variables, options.weights, settings.chunkSize, policy);
  const planOptions = {
    variables,
    weights: options.weights,
    scales: options.scales ?? model?.scales,
    scoring: options.scoring ?? model?.scoring,
    derive: options.derive,
    declarations: settings.declarations,
    missingCodes: settings.missingCodes,
    naStrings: settings.naStrings,
    decimalComma: settings.decimalComma,
  };
  let plan: StatisticsPlan | undefined;
  let bytes = 0;
  let nextReport = settings.chunkSize;
  const progress = (done: boolean): void => {
    if (options.onProgress === undefined) return;
    const total = opened.totalBytes;
    options.onProgress({
      rows: accumulator.rowsIn,
      bytes,
      ...(total === undefined ? {} : { totalBytes: total, fraction: total === 0 ? 1 : Math.min(1, bytes / total) }),
      done,
    });
  };
  const maybeReport = (): void => {
    if (accumulator.rowsIn >= nextReport) {
      nextReport = accumulator.rowsIn + settings.chunkSize;
      progress(false);
    }
  };

  if (settings.format === 'ndjson') {
    const feeder = rowFeeder(settings, file);
    const consume = (chunks: ReturnType<typeof feeder.push>): void => {
      for (const chunk of chunks) {
        plan ??= new StatisticsPlan(chunk.columns, planOptions, file, 0);
        const p = plan;
        const cells = p.caseCells;
        chunk.rows.forEach((row, i) => {
          const line = chunk.rowLines[i]!;
          for (let c = 0; c < p.needed.length; c++) cells[c] = p.readValue(row[p.needed[c]!], c, line, chunk.firstRow + i);
          p.addCase(accumulator, line, chunk.firstRow + i, () => row);
        });
        bytes = feeder.bytes();
        maybeReport();
      }
    };
    for await (const chunk of opened.chunks) consume(feeder.push(chunk));
    consume(feeder.end());
  } else {
    const reader = new CsvRecordReader({ file, delimiter: settings.delimiter, quote: settings.quote, encoding: settings.encoding });
    const consume = (batch: ReturnType<CsvRecordReader['push']>): void => {
      if (plan === undefined) {
        if (reader.header === undefined) return;
        checkModelAgainstHeader(settings, reader.header, file);
        plan = new StatisticsPlan(reader.header, planOptions, file, reader.headerLine);
      }
      const p = plan;
      const cells = p.caseCells;
      const index = p.headerIndex;
      const needsRows = p.needsRows;
      const { records, lines } = batch;
      for (let i = 0; i < records.length; i++) {
        const record = records[i]!;
        const row = accumulator.rowsIn;
        for (let c = 0; c < index.length; c++) cells[c] = p.readText(record[index[c]!]!, c, lines[i]!, row);
        p.addCase(accumulator, lines[i]!, row, needsRows ? () => p.rowFromRecord(record) : undefined);
      }
      bytes = reader.bytes;
      maybeReport();
    };
    for await (const chunk of opened.chunks) consume(reader.push(chunk));
    consume(reader.end());
    if (reader.header === undefined) {
      throw new InputError('EMPTY_INPUT', `${file}: the file is empty (no header line)`, {
        argument: file,
        expected: 'a header line and data rows',
      });
    }
  }
  const result = accumulator.result(file);
  progress(true);
  return result;
}
