/**
 * Synchronous CSV-to-rows pipeline shared by the sync and async readers: records are gathered
 * into chunks of `chunkSize` rows, the first chunk decides the type of undeclared columns, each
 * chunk is converted to typed rows.
 * @internal
 */
import { InputError } from '../errors.js';
import { CsvRecordReader, type CsvRecordBatch } from './csvRecords.js';
import { checkModelAgainstHeader, type ReadSettings } from './readSettings.js';
import { RowConverter } from './rowConverter.js';
import type { RowChunk } from './types.js';

function emptyBatch(): { records: string[][]; raws: string[]; lines: number[] } {
  return { records: [], raws: [], lines: [] };
}

/** Feeds chunks of CSV text or bytes; returns complete chunks of typed rows. */
export class CsvRowReader {
  readonly records: CsvRecordReader;
  converter: RowConverter | undefined;
  private pending = emptyBatch();
  private emitted = 0;

  constructor(
    private readonly settings: ReadSettings,
    readonly file: string,
  ) {
    this.records = new CsvRecordReader({ file, delimiter: settings.delimiter, quote: settings.quote, encoding: settings.encoding });
  }

  /** Parses a chunk of input and returns the row chunks it completed (usually none or one). */
  push(chunk: Uint8Array | string): RowChunk[] {
    return this.gather(this.records.push(chunk), false);
  }

  /** Ends the input and returns the remaining rows. Throws `EMPTY_INPUT` for a file without a header. */
  end(): RowChunk[] {
    const out = this.gather(this.records.end(), true);
    if (this.records.header === undefined) {
      throw new InputError('EMPTY_INPUT', `${this.file}: the file is empty (no header line)`, {
        argument: this.file,
        expected: 'a header line and data rows',
      });
    }
    return out;
  }

  /** The converter, created when the header is first known. */
  private ensureConverter(): RowConverter | undefined {
    const header = this.records.header;
    if (this.converter === undefined && header !== undefined) {
      checkModelAgainstHeader(this.settings, header, this.file);
      this.converter = new RowConverter(header, {
        file: this.file,
        headerLine: this.records.headerLine,
        declarations: this.settings.declarations,
        missingCodes: this.settings.missingCodes,
        naStrings: this.settings.naStrings,
        decimalComma: this.settings.decimalComma,
        delimiter: this.settings.delimiter,
        quote: this.settings.quote,
      });
    }
    return this.converter;
  }

  private gather(batch: CsvRecordBatch, final: boolean): RowChunk[] {
    const converter = this.ensureConverter();
    const p = this.pending;
    for (let i = 0; i < batch.records.length; i++) {
      p.records.push(batch.records[i]!);
      p.raws.push(batch.raws[i]!);
      p.lines.push(batch.lines[i]!);
    }
    const out: RowChunk[] = [];
    const size = this.settings.chunkSize;
    while (converter !== undefined && (this.pending.records.length >= size || (final && this.pending.records.length > 0))) {
      const all = this.pending;
      const take = Math.min(size, all.records.length);
      const chunk: CsvRecordBatch =
        take === all.records.length
          ? all
          : { records: all.records.slice(0, take), raws: all.raws.slice(0, take), lines: all.lines.slice(0, take) };
      this.pending =
        take === all.records.length
          ? emptyBatch()
          : { records: all.records.slice(take), raws: all.raws.slice(take), lines: all.lines.slice(take) };
      const rows = converter.convert(chunk, this.emitted);
      out.push({ rows, firstRow: this.emitted, rowLines: chunk.lines, columns: converter.header, columnTypes: converter.columnTypes() });
      this.emitted += rows.length;
    }
    return out;
  }
}
