/**
 * Resolves reader options once: format, delimiter, declarations (from the model and the
 * `columns` option), missing codes and strings, chunk size.
 * @internal
 */
import { InputError } from '../errors.js';
import { checkNumberOption, checkOption } from '../internal/validate.js';
import { checkModel } from '../model/checkModel.js';
import { modelColumns } from '../model/modelColumns.js';
import type { ColumnDeclaration, LoyaltyModel } from '../model/types.js';
import { validateModel } from '../model/validateModel.js';
import { DEFAULT_NA_STRINGS } from './cells.js';
import { formatFromName } from './openSource.js';
import type { DataFormat, ReadDataOptions } from './types.js';
import { checkOptions, optionKeys, type OptionKeys } from '../internal/options.js';

/** The keys of {@link ReadDataOptions}. */
export const READ_DATA_KEYS = optionKeys<ReadDataOptions>({
  file: true,
  format: true,
  delimiter: true,
  quote: true,
  encoding: true,
  decimalComma: true,
  columns: true,
  missingCodes: true,
  naStrings: true,
  model: true,
  chunkSize: true,
  onProgress: true,
});

/** Default rows per chunk. */
export const DEFAULT_CHUNK_SIZE = 65_536;

/** Reader settings after validation. */
export interface ReadSettings {
  readonly format: DataFormat;
  readonly delimiter: string;
  readonly quote: string;
  readonly encoding: 'utf8' | 'latin1';
  readonly decimalComma: boolean;
  readonly declarations: Readonly<Record<string, ColumnDeclaration>>;
  readonly missingCodes: readonly number[];
  readonly naStrings: readonly string[];
  readonly chunkSize: number;
  readonly model: LoyaltyModel | undefined;
  /** The model as the user passed it (for messages that quote its keys). */
  readonly modelInput: unknown;
}

function singleCharacter(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.length !== 1 || value === '\n' || value === '\r') {
    throw new InputError('INVALID_OPTION', `${name}: expected a single character, got ${JSON.stringify(value)}`, {
      argument: name,
      expected: 'one character',
    });
  }
  return value;
}

/** Validates reader options. `name` is the file name or path, for the format guess. */
export function readSettings(options: ReadDataOptions, name: string | undefined, keys: OptionKeys = READ_DATA_KEYS): ReadSettings {
  checkOptions(options, keys);
  const format =
    options.format === undefined
      ? (formatFromName(name) ?? 'csv')
      : checkOption('options.format', options.format, ['csv', 'tsv', 'json', 'ndjson'] as const);
  const delimiter = singleCharacter('options.delimiter', options.delimiter, format === 'tsv' ? '\t' : ',');
  const quote = singleCharacter('options.quote', options.quote, '"');
  if (quote === delimiter)
    throw new InputError('INVALID_OPTION', 'options.quote: must differ from the delimiter', { argument: 'options.quote' });
  const encoding = checkOption('options.encoding', options.encoding ?? 'utf8', ['utf8', 'latin1'] as const);
  const chunkSize =
    options.chunkSize === undefined
      ? DEFAULT_CHUNK_SIZE
      : checkNumberOption('options.chunkSize', options.chunkSize, { min: 1, integer: true });
  const model = options.model === undefined ? undefined : validateModel(options.model, { argument: 'options.model' });
  const declarations: Record<string, ColumnDeclaration> = model ? { ...modelColumns(model) } : {};
  if (options.columns !== undefined) {
    const check = checkModel({ columns: options.columns }, { argument: 'options' });
    const first = check.errors[0];
    if (first) throw new InputError(first.code, first.message, { argument: first.path, expected: 'a column declaration' });
    for (const [column, declaration] of Object.entries(check.model!.columns))
      declarations[column] = { ...declarations[column], ...declaration };
  }
  const codes = [...(model?.missingCodes ?? []), ...(options.missingCodes ?? [])];
  codes.forEach((c, i) => {
    if (typeof c !== 'number' || !Number.isFinite(c)) {
      throw new InputError('INVALID_OPTION', `options.missingCodes[${i}]: expected a finite number, got ${JSON.stringify(c)}`, {
        argument: 'options.missingCodes',
        expected: 'finite numbers',
      });
    }
  });
  const naStrings = options.naStrings ?? DEFAULT_NA_STRINGS;
  if (!Array.isArray(naStrings) || naStrings.some((s) => typeof s !== 'string')) {
    throw new InputError('INVALID_OPTION', 'options.naStrings: expected a list of strings', {
      argument: 'options.naStrings',
      expected: 'strings',
    });
  }
  return {
    format,
    delimiter,
    quote,
    encoding,
    decimalComma: options.decimalComma === true,
    declarations,
    missingCodes: [...new Set(codes)],
    naStrings,
    chunkSize,
    model,
    modelInput: options.model,
  };
}

/** After the header is known: checks the model's columns against it (naming the model key). */
export function checkModelAgainstHeader(settings: ReadSettings, header: readonly string[], file: string): void {
  if (settings.model === undefined) return;
  const first = checkModel(settings.modelInput, { columns: header }).errors[0];
  if (first) {
    throw new InputError(first.code, `${file}: ${first.message}`, {
      argument: first.path,
      ...(first.column === undefined ? {} : { column: first.column }),
      expected: 'a column of the file',
    });
  }
}
