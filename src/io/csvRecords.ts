/// <reference types="node" />
/**
 * CSV records with their line numbers: csv-parse does the parsing (RFC 4180 quoting, CRLF/LF/CR
 * record delimiters, quoted newlines); this layer adds what a data reader needs on top: the
 * header, 1-based line numbers as an editor shows them, blank lines skipped, a leading UTF-8
 * byte-order mark stripped (and any other one rejected), ragged rows and broken quotes turned
 * into errors naming file, line and column.
 *
 * It drives csv-parse's synchronous parsing API (`Parser#api.parse`) chunk by chunk, so a
 * reader holds one chunk of records at a time and nothing goes through stream buffers.
 * @internal
 */
import { Parser } from 'csv-parse';
import { cellError, MALFORMED } from './cells.js';

/** Longest record accepted (characters): beyond this a quote is almost surely never closed, or a line break is missing. */
export const MAX_RECORD_SIZE = 1 << 20;

/** Options of {@link CsvRecordReader}. */
export interface CsvRecordOptions {
  /** File name for messages. */
  readonly file: string;
  readonly delimiter: string;
  readonly quote: string;
  readonly encoding: 'utf8' | 'latin1';
}

/** Data records parsed from one chunk of input. */
export interface CsvRecordBatch {
  readonly records: string[][];
  /** The record's text as in the file (for quote detection). */
  readonly raws: string[];
  /** 1-based line on which each record starts. */
  readonly lines: number[];
}

interface ParsedRecord {
  readonly record: string[];
  readonly raw: string;
}

interface CsvParseError {
  readonly code?: string;
  readonly lines?: number;
  readonly column?: number | string | null;
  readonly message: string;
}

/** Line breaks in a record's raw text: `\n`, or `\r` not followed by `\n` (csv-parse drops the `\n` of a final CRLF). */
function lineBreaks(raw: string): number {
  let count = 0;
  for (let i = raw.indexOf('\n'); i !== -1; i = raw.indexOf('\n', i + 1)) count++;
  for (let i = raw.indexOf('\r'); i !== -1; i = raw.indexOf('\r', i + 1)) if (raw.charCodeAt(i + 1) !== 10) count++;
  return count;
}

/** Synchronous CSV record reader: `push(chunk)` and `end()` return the data records parsed so far. */
export class CsvRecordReader {
  /** Column names (trimmed), once the header line has been read. */
  header: string[] | undefined;
  /** Line of the header. */
  headerLine = 0;
  /** Whether the input started with a UTF-8 byte-order mark (stripped). */
  byteOrderMark = false;
  /** Data records emitted so far. */
  rows = 0;
  /** Bytes consumed so far. */
  bytes = 0;
  private line = 1;
  private head: number[] = [];
  private readonly api: {
    parse: (buf: Uint8Array | undefined, end: boolean, push: (r: ParsedRecord) => void, close: () => void) => CsvParseError | undefined;
    /** csv-parse's parser state: `quoting` is true inside a quoted field. */
    readonly state?: { readonly quoting?: boolean };
  };
  private pending: ParsedRecord[] = [];
  private readonly collect = (r: ParsedRecord): void => {
    this.pending.push(r);
  };

  constructor(private readonly options: CsvRecordOptions) {
    const parser = new Parser({
      bom: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      delimiter: options.delimiter,
      quote: options.quote,
      encoding: options.encoding,
      max_record_size: MAX_RECORD_SIZE,
    });
    this.api = (parser as unknown as { api: CsvRecordReader['api'] }).api;
  }

  /** Parses one chunk; returns the complete data records it finished. */
  push(chunk: Uint8Array | string): CsvRecordBatch {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let i = 0; this.head.length < 3 && i < buf.length; i++) {
      this.head.push(buf[i]!);
      if (this.head.length === 3) this.byteOrderMark = this.head[0] === 0xef && this.head[1] === 0xbb && this.head[2] === 0xbf;
    }
    this.bytes += buf.length;
    const err = this.api.parse(buf, false, this.collect, () => undefined);
    return this.take(err);
  }

  /** Signals the end of input; returns the last records. */
  end(): CsvRecordBatch {
    const err = this.api.parse(undefined, true, this.collect, () => undefined);
    return this.take(err);
  }

  private take(err: CsvParseError | undefined): CsvRecordBatch {
    const batch: CsvRecordBatch = { records: [], raws: [], lines: [] };
    const parsed = this.pending;
    this.pending = [];
    for (let i = 0; i < parsed.length; i++) this.accept(parsed[i]!, batch);
    if (err !== undefined) throw this.parseError(err);
    return batch;
  }

  private accept(parsed: ParsedRecord, batch: CsvRecordBatch): void {
    const { record, raw } = parsed;
    const start = this.line;
    this.line += lineBreaks(raw);
    if (record.length === 1 && raw.trim() === '') return; // a blank line
    const file = this.options.file;
    if (raw.indexOf('\uFEFF') !== -1) {
      const field = record.findIndex((f) => f.includes('\uFEFF'));
      const column = this.header?.[field];
      throw cellError(
        MALFORMED,
        { file, line: start, row: this.header ? this.rows : -1, field, column },
        'unexpected byte-order mark (U+FEFF) inside the data: a BOM may only be the very first character of a file (were two files joined, or the file saved twice with a BOM?)',
      );
    }
    if (this.options.encoding === 'utf8' && raw.indexOf('\uFFFD') !== -1) {
      const field = record.findIndex((f) => f.includes('\uFFFD'));
      throw cellError(
        MALFORMED,
        { file, line: start, row: this.header ? this.rows : -1, field, column: this.header?.[field] },
        'not valid UTF-8 (the text has a byte sequence UTF-8 cannot decode); if the file is Latin-1/Windows-1252, read it with encoding: "latin1"',
      );
    }
    if (this.header === undefined) {
      this.header = this.readHeader(record, start);
      this.headerLine = start;
      return;
    }
    const expected = this.header.length;
    if (record.length !== expected) {
      const short = record.length < expected;
      const field = short ? record.length : expected;
      throw cellError(
        MALFORMED,
        { file, line: start, row: this.rows, field, column: short ? this.header[field] : undefined },
        short
          ? `${record.length} field${record.length === 1 ? '' : 's'} where the header has ${expected}: the row ends before column ${field + 1} ("${this.header[field]}")`
          : `${record.length} fields where the header has ${expected}: field ${field + 1} has no column name (an unquoted delimiter inside a value?)`,
        { value: record.length, expected: `${expected} fields` },
      );
    }
    batch.records.push(record);
    batch.raws.push(raw);
    batch.lines.push(start);
    this.rows++;
  }

  private readHeader(record: string[], line: number): string[] {
    const file = this.options.file;
    const names = record.map((h) => h.trim());
    const seen = new Map<string, number>();
    names.forEach((name, field) => {
      if (name === '') {
        const hint =
          field === 0 ? " (a file written by R's write.csv with row names has an empty first header: write it with row.names = FALSE)" : '';
        throw cellError(MALFORMED, { file, line, row: -1, field }, `the header has no name for column ${field + 1}${hint}`, {
          expected: 'a column name',
        });
      }
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        throw cellError(
          MALFORMED,
          { file, line, row: -1, field, column: name },
          `column name "${name}" appears twice (columns ${earlier + 1} and ${field + 1})`,
          { expected: 'distinct column names' },
        );
      }
      seen.set(name, field);
    });
    return names;
  }

  private parseError(err: CsvParseError): Error {
    const file = this.options.file;
    const field = typeof err.column === 'number' ? err.column : -1;
    const column = field >= 0 ? this.header?.[field] : undefined;
    const row = this.header ? this.rows : -1;
    if (err.code === 'CSV_MAX_RECORD_SIZE' && this.api.state?.quoting !== true) {
      // No quote is open: the record is one very long line (a missing line break, the wrong
      // line-end convention, or a file that is not text), not a runaway quoted field.
      return cellError(
        MALFORMED,
        { file, line: this.line, row, field: -1 },
        `the record starting on this line is longer than ${MAX_RECORD_SIZE.toLocaleString('en-US')} characters, the limit for one record, with no quote open (is a line break missing, or is the file not a text table?)`,
        { expected: `a record of at most ${MAX_RECORD_SIZE} characters` },
      );
    }
    if (err.code === 'CSV_QUOTE_NOT_CLOSED' || err.code === 'CSV_MAX_RECORD_SIZE') {
      const why =
        err.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'the quote runs to the end of the file'
          : `the record grew past ${MAX_RECORD_SIZE.toLocaleString('en-US')} characters by line ${err.lines ?? '?'}`;
      return cellError(
        MALFORMED,
        { file, line: this.line, row, field, column },
        `a quoted field opens in the record starting on this line and is never closed (${why})`,
        { expected: 'a closing quote' },
      );
    }
    if (
      err.code === 'CSV_INVALID_CLOSING_QUOTE' ||
      err.code === 'INVALID_OPENING_QUOTE' ||
      err.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
    ) {
      return cellError(
        MALFORMED,
        { file, line: err.lines ?? this.line, row, field, column },
        'a quoted field is followed by other characters before the next delimiter (a quote inside a quoted value must be doubled: "")',
        { expected: 'a delimiter after the closing quote' },
      );
    }
    return cellError(MALFORMED, { file, line: err.lines ?? this.line, row, field, column }, `cannot be read as CSV (${err.message})`);
  }
}
