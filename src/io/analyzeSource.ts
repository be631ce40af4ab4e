import type { Analysis, AnalyzeOptions } from '../analysis/analyze.js';
import { analyzeChunks } from '../analysis/stream/analyzeChunks.js';
import { InputError } from '../errors.js';
import type { LoyaltyModel } from '../model/types.js';
import { validatedModel } from '../model/validateModel.js';
import { type ColumnRequest, readColumnChunks } from './columnChunks.js';
import { readScoredColumnChunks } from './workerColumnChunks.js';
import type { DataSource, ReadDataOptions } from './types.js';

/** Options of {@link analyzeSource}: those of `analyze` plus how to read the file. */
export interface AnalyzeSourceOptions extends AnalyzeOptions {
  /** Reader options (format, delimiter, encoding, missing strings, chunk size...); the model is always passed to the reader. */
  readonly read?: Omit<ReadDataOptions, 'model'>;
  /**
   * Keep the result's per-row arrays (default false: they grow with the file): the segments'
   * `assignments`, `scores` and `unassigned`, and the Customer Loyalty Index's `perRespondent`.
   * Without them these are empty arrays and `segmentation.segments.perRow` is `false`; the segments'
   * arrays are also left out past `rowLimit` rows.
   */
  readonly perRow?: boolean;
  /**
   * Rows up to which the sections that still read whole columns run (default 500,000; `false`
   * for no limit): the wave comparison, and penalty-reward, necessary conditions and a 0/1
   * outcome's logistic regression and importance when they have more than 131,072 distinct
   * cases (else they run at any size from their counted cases). Past it they are listed in `skipped` with code
   * `TOO_MANY_ROWS` and memory stays flat in the rows (the large-data guide).
   */
  readonly rowLimit?: number | false;
  /**
   * Read the file in a worker thread while the analysis runs on the chunks already read
   * (default true; the same chunks, so the same result): reading and computing overlap on two
   * cores. Falls back to the calling thread where the worker is not available (see
   * `readColumnChunks`'s `worker`).
   */
  readonly readInWorker?: boolean;
}

/**
 * `analyze` on a file of any size: every section of the analysis the model asks for, computed
 * from column chunks of the file (only the columns the model uses, as typed arrays), never from
 * row objects of the whole file. The result equals `analyze(rows, model, options)` on the file's
 * rows (each section to rounding, 1e-12 relative on the example survey: tested).
 *
 * Memory: every section but the row-bound ones keeps nothing per row (sufficient statistics,
 * index accumulators, value tables by segment, the distinct cases of the logistic, penalty-reward
 * and necessity fits, the wave comparison's per-wave sums, whose importance bootstrap is then the
 * Poisson one per wave); the row-bound ones (the waves' panel transitions, matched by id; a
 * segmentation whose measures do not stream; the row-resampling bootstrap; and the counted fits
 * on a file with more than 131,072 distinct cases of them) keep their columns as typed arrays and
 * run up to `rowLimit` rows
 * (default 500,000), past which they are listed in `skipped` as `TOO_MANY_ROWS`: see the
 * large-data guide for the memory model. The
 * source is read once per pass, so it must be a file path or URL (a stream cannot be read twice).
 *
 * @param source - A file path or URL (CSV, TSV, NDJSON, JSON).
 * @param model - A model (`readModel`, `validateModel`; anything else is validated first).
 * @param options - `analyze`'s options, plus `read` (reader options), `rowLimit` and `perRow`.
 * @returns The {@link Analysis}, as `analyze` returns it.
 * @throws InputError from the reader (with file, line and column) and from the sections, as `analyze`.
 *
 * @example
 * ```ts
 * import { analyzeSource, readModel } from 'loyalty-drivers/io';
 * const model = await readModel('examples/data/model.json');
 * const result = await analyzeSource('examples/data/loyalty-survey.csv', model);
 * result.rowsIn; // => 2000
 * result.outcomes[0]!.importance!.predictors; // => ['satisfaction', 'image', 'trust', 'engagement']
 * ```
 */
export async function analyzeSource(source: DataSource, model: LoyaltyModel, options: AnalyzeSourceOptions = {}): Promise<Analysis> {
  const { read, perRow, rowLimit, readInWorker, ...analyzeOptions } = options;
  // The model as validated, under its documented name.
  model = validatedModel(model);
  if (typeof source !== 'string' && !(source instanceof URL)) {
    throw new InputError(
      'INVALID_OPTION',
      'source: analyzeSource reads the file once per pass, so it needs a file path or URL, not a stream',
      {
        argument: 'source',
        expected: 'a file path or URL',
      },
    );
  }
  for (const [name, value] of [
    ['perRow', perRow],
    ['readInWorker', readInWorker],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean') {
      throw new InputError('INVALID_OPTION', `options.${name}: expected true or false, got ${JSON.stringify(value)}`, {
        argument: `options.${name}`,
        expected: 'a boolean',
      });
    }
  }
  if (rowLimit !== undefined && rowLimit !== false && !(Number.isInteger(rowLimit) && rowLimit >= 0)) {
    throw new InputError('INVALID_OPTION', `options.rowLimit: expected a whole number of rows or false, got ${JSON.stringify(rowLimit)}`, {
      argument: 'options.rowLimit',
      expected: 'a whole number >= 0, or false',
    });
  }
  // Sections not streamed yet: refused rather than silently left out.
  const unstreamed = (['missing', 'design', 'raking'] as const).filter((k) => model[k] !== undefined && model[k] !== 'omit');
  if (unstreamed.length > 0) {
    throw new InputError(
      'INVALID_OPTION',
      `model.${unstreamed[0]}: analyzeSource does not stream ${unstreamed.map((k) => `"${k}"`).join(', ')} yet; read the rows and run analyze`,
      { argument: `model.${unstreamed[0]}`, expected: 'a model without missing, design or raking sections' },
    );
  }
  const readOptions = (request: ColumnRequest) => ({ ...(read ?? {}), model, request, worker: readInWorker !== false });
  return analyzeChunks((request) => readColumnChunks(source, readOptions(request)), model, analyzeOptions, {
    scoredPass: (request, scoring) => readScoredColumnChunks(source, readOptions(request), scoring, readColumnChunks),
    perRow: perRow === true,
    ...(rowLimit === undefined ? {} : { rowLimit }),
  });
}
