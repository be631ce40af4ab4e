/// <reference types="node" />
/**
 * The columnar CSV/TSV reader: a byte-level tokenizer over Buffers that parses only the requested
 * columns, straight into typed arrays, chunk by chunk, with no row objects and no strings for the
 * cells it does not need.
 *
 * It reads exactly what the row path (csv-parse in {@link CsvRecordReader}, then
 * {@link RowConverter} and the chunk builder of `readColumnChunks`) reads, and fails where it
 * fails with the same code, file, line and column: the same quoting rules (`relax_quotes`: a
 * quote opens a field only at its start, a closing quote not followed by a delimiter or line
 * end keeps the text literally), the record delimiter discovered from the first line end
 * (`\r\n`, `\n` or `\r`; other line ends are then data), the same 1 MiB record limit, a leading
 * UTF-8 byte-order mark stripped and any other one rejected, invalid UTF-8 rejected, blank lines
 * skipped, ragged rows rejected, and cells typed as the row reader types them (declarations,
 * missing codes and strings, inference of undeclared columns from the first chunk). Errors are
 * raised in the row reader's order: problems in the structure of everything read so far, then
 * the header's columns, then the cells of each finished chunk.
 *
 * Ordinary records (ASCII, the header's number of fields, plain or simply quoted fields) are read
 * by the fast path of `csvFastRecords.ts`, which gives any other record to the general tokenizer
 * here from its start. Records with a byte above 0x7F take a slower path that decodes them to
 * text; everything else is read from the bytes. Cells of columns not requested are not typed, so
 * a bad cell there is not an error here (the structure of every record is still checked).
 * @internal
 */
import { InputError } from '../errors.js';
import type { ColumnDeclaration } from '../model/types.js';
import { suggestion } from '../model/problems.js';
import { cellError, checkNumber, columnRules, MALFORMED, notNumeric, parseNumber, type CellPlace, type ColumnRule } from './cells.js';
import { CellCodes, CELL, CODE_NUMBER, CODE_TEXT, CODE_VALUE, FastRecords, NUMBER } from './csvFastRecords.js';
import { MAX_RECORD_SIZE } from './csvRecords.js';
import { checkModelAgainstHeader, type ReadSettings } from './readSettings.js';

/** How a requested column is delivered (mirrors `ColumnKind`). */
type Kind = 'number' | 'category';

/** A finished chunk (the shape of `ColumnChunk`). */
export interface ColumnarChunk {
  readonly length: number;
  readonly firstRow: number;
  readonly lines: Int32Array;
  readonly numbers: Record<string, Float64Array>;
  readonly categories: Record<string, { readonly codes: Int32Array; readonly levels: readonly (string | number)[] }>;
}

/** Accumulates category levels across chunks (a level's code never changes). */
export class LevelDictionary {
  readonly levels: (string | number)[] = [];
  private readonly index = new Map<string | number, number>();
  code(value: string | number): number {
    let c = this.index.get(value);
    if (c === undefined) {
      c = this.levels.length;
      this.levels.push(value);
      this.index.set(value, c);
    }
    return c;
  }
}

// Byte classes of the unquoted scan: 0 ordinary, else a byte that may end a field or needs care.
const ORDINARY = 0;
const DELIMITER = 1;
const LF = 2;
const CR = 3;
const HIGH = 4;

// Record delimiter, discovered at the first unquoted line end as csv-parse does.
const UNDISCOVERED = 0;
const MODE_LF = 1;
const MODE_CRLF = 2;
const MODE_CR = 3;

// Field flags.
const QUOTED = 1;
/** The field's text is not a plain slice of the bytes (doubled quotes, a relaxed closing quote). */
const COMPLEX = 2;
const HAS_HIGH = 4;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

/** Thrown internally when a record is not complete in the bytes at hand. */
const INCOMPLETE = -1;

/** Per requested column: where it is, how it is typed, and the chunk being filled. */
interface Column {
  readonly name: string;
  readonly kind: Kind;
  /** Index in the header. */
  readonly field: number;
  readonly rule: ColumnRule;
  readonly dictionary: LevelDictionary | undefined;
  /** Codes of text cells already met, by their bytes (category columns, for the fast path). */
  readonly cellCodes: CellCodes | undefined;
  /** Whether the rule can reject or blank a number (range, integer, codes). */
  readonly checked: boolean;
  numbers: Float64Array | undefined;
  codes: Int32Array | undefined;
  /** Cells of a column whose type is still undecided in this chunk (kept as text until the chunk ends). */
  texts: string[] | undefined;
  quoted: Uint8Array | undefined;
  /** First row (in the chunk) holding text when a number was asked for: the chunk builder's error. */
  textRow: number;
  textValue: string;
}

/** A chunk waiting for the end of the current input to be released (or its error thrown). */
interface Finished {
  readonly chunk: ColumnarChunk;
  /** A cell the row reader rejects (it converts every chunk of one input before any is handed on). */
  readonly cellError: Error | undefined;
  /** Text where a number was asked (the chunk builder's error, raised when the chunk is handed on). */
  readonly kindError: Error | undefined;
}

/** Synchronous columnar CSV reader: `push(bytes)` and `end()` return the chunks they finished. */
export class CsvColumnReader {
  header: string[] | undefined;
  headerLine = 0;
  /** Data rows accepted so far. */
  rows = 0;
  /** Bytes consumed so far. */
  bytes = 0;

  private readonly quote: number;
  private readonly delimiter: number;
  private readonly classes = new Uint8Array(256);
  private readonly naSet: ReadonlySet<string>;
  private readonly decimalComma: boolean;
  private readonly chunkSize: number;
  /** Encoding the bytes are decoded with: the option, or UTF-8 after a UTF-8 byte-order mark (as csv-parse does). */
  private decodeAs: 'utf8' | 'latin1';
  private mode = UNDISCOVERED;
  private line = 1;
  private tail: Buffer | undefined;
  private bomChecked = false;
  private columns: Column[] = [];
  private headerError: Error | undefined;
  private emitted = 0;
  private filled = 0;
  private lines = new Int32Array(0);
  private convertError: { row: number; field: number; error: Error } | undefined;
  private finished: Finished[] = [];
  // The current record's fields.
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private flags = new Uint8Array(64);
  private nFields = 0;
  private recordFlags = 0;
  /** The fast path for ordinary records (once the header is read and lines end in `\n` or `\r\n`). */
  private fast: FastRecords | undefined;
  /** Requested columns by header field. */
  private byField: (Column | undefined)[] = [];
  /** Records the fast path gave up on in a row, and records left to the general path before it is tried again. */
  private fastMisses = 0;
  private fastPause = 0;

  constructor(
    private readonly settings: ReadSettings,
    private readonly file: string,
    private readonly request: Readonly<Record<string, Kind>>,
  ) {
    this.quote = settings.quote.charCodeAt(0);
    this.delimiter = settings.delimiter.charCodeAt(0);
    for (let c = 0x80; c < 256; c++) this.classes[c] = HIGH;
    this.classes[10] = LF;
    this.classes[13] = CR;
    this.classes[this.delimiter] = DELIMITER;
    this.naSet = new Set(settings.naStrings);
    this.decimalComma = settings.decimalComma;
    this.chunkSize = settings.chunkSize;
    this.decodeAs = settings.encoding;
  }

  /** Whether a source with these settings can be read here (a delimiter and quote of one byte). */
  static supports(settings: ReadSettings): boolean {
    return settings.delimiter.charCodeAt(0) < 0x80 && settings.quote.charCodeAt(0) < 0x80;
  }

  /** Parses one chunk of input; returns the chunks it finished. */
  push(input: Uint8Array | string): ColumnarChunk[] {
    const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    this.bytes += bytes.length;
    let buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const tail = this.tail;
    this.tail = undefined;
    if (tail !== undefined) {
      // The record cut by the previous read usually ends within a few bytes of this one: finish it
      // on a short join instead of copying the whole read behind it.
      const from = this.bomChecked ? this.finishTail(tail, buf) : -1;
      buf = from === -1 ? Buffer.concat([tail, buf]) : buf.subarray(from);
    }
    this.consume(buf, false);
    return this.release();
  }

  /**
   * Completes the record begun in `tail` with the first bytes of `next`; returns where the rest of
   * `next` starts, or -1 when the record runs further (then the two are joined whole).
   */
  private finishTail(tail: Buffer, next: Buffer): number {
    const joined = Buffer.concat([tail, next.subarray(0, Math.min(next.length, 4096))]);
    const end = this.scanRecord(joined, 0, joined.length, false);
    if (end === INCOMPLETE || end < tail.length) return -1;
    this.acceptRecord(joined, 0, end);
    return end - tail.length;
  }

  /** Signals the end of input; returns the last chunks. */
  end(): ColumnarChunk[] {
    const buf = this.tail ?? Buffer.alloc(0);
    this.tail = undefined;
    this.consume(buf, true);
    if (this.header !== undefined && this.filled > 0) this.finishChunk();
    const out = this.release();
    if (this.header === undefined) {
      throw new InputError('EMPTY_INPUT', `${this.file}: the file is empty (no header line)`, {
        argument: this.file,
        expected: 'a header line and data rows',
      });
    }
    return out;
  }

  /** Throws what the row reader would throw at the end of this input, else hands over the finished chunks. */
  private release(): ColumnarChunk[] {
    if (this.headerError) throw this.headerError;
    for (const f of this.finished) if (f.cellError) throw f.cellError;
    const out: ColumnarChunk[] = [];
    for (const f of this.finished) {
      if (f.kindError) throw f.kindError;
      out.push(f.chunk);
    }
    this.finished = [];
    return out;
  }

  /** Tokenizes every complete record of `buf`; the rest is kept for the next push. */
  private consume(input: Buffer, final: boolean): void {
    let buf = input;
    if (!this.bomChecked) {
      if (buf.length < 3 && !final) {
        this.tail = buf;
        return;
      }
      this.bomChecked = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        buf = buf.subarray(3);
        this.decodeAs = 'utf8';
      }
    }
    const len = buf.length;
    let pos = 0;
    while (pos < len) {
      if (this.fast !== undefined) {
        if (this.fastPause > 0) this.fastPause--;
        else {
          const next = this.fastRecord(buf, pos, len, final);
          if (next !== -1) {
            this.fastMisses = 0;
            pos = next;
            continue;
          }
          // A file whose records are mostly not ordinary: do not scan each of them twice.
          if (++this.fastMisses === 8) {
            this.fastMisses = 0;
            this.fastPause = 256;
          }
        }
      }
      const next = this.scanRecord(buf, pos, len, final);
      if (next === INCOMPLETE) break;
      this.acceptRecord(buf, pos, next);
      pos = next;
    }
    if (pos < len) this.tail = buf.subarray(pos);
  }

  /** Bytes after a record's last byte that csv-parse must see before it ends the record (its look-ahead). */
  private lookAhead(): number {
    if (this.decodeAs === 'utf8') return 3;
    return this.mode === UNDISCOVERED || this.mode === MODE_CRLF ? 2 : 1;
  }

  private pushField(start: number, end: number, flags: number): void {
    const k = this.nFields;
    if (k === this.starts.length) {
      const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      const f = new Uint8Array(this.flags.length * 2);
      f.set(this.flags);
      this.flags = f;
    }
    this.starts[k] = start;
    this.ends[k] = end;
    this.flags[k] = flags;
    this.nFields = k + 1;
    this.recordFlags |= flags;
  }

  /**
   * Scans one record from `start`: fills the field table and returns the position after its line
   * end (or `len`), or INCOMPLETE when more bytes are needed. Throws the record-size and open-quote
   * errors where csv-parse raises them.
   */
  private scanRecord(b: Buffer, start: number, len: number, final: boolean): number {
    const Q = this.quote;
    const classes = this.classes;
    this.nFields = 0;
    this.recordFlags = 0;
    let recordSize = 0; // characters of the finished fields, as csv-parse counts them
    let i = start;
    for (;;) {
      const fieldStart = i;
      let flags = 0;
      let content = 0; // bytes of the field's text so far
      let quoting = false;
      let relaxed = false;
      if (i < len && b[i] === Q) {
        flags = QUOTED;
        quoting = true;
        i++;
        for (;;) {
          if (i >= len) {
            if (!final) return this.stopShort(b, start, recordSize + content, true);
            throw this.quoteNotClosed(b, start);
          }
          const c = b[i]!;
          if (c !== Q && c < 0x80 && c !== 10 && c !== 13) {
            const next = skipQuoted(b, i + 1, len, Q);
            content += next - i;
            i = next;
            continue;
          }
          if (c === Q) {
            if (i + 1 >= len) {
              if (!final) return this.stopShort(b, start, recordSize + content, true);
              i++;
              quoting = false;
              break; // closed at the end of the input
            }
            const n = b[i + 1]!;
            if (n === Q) {
              flags |= COMPLEX;
              content++;
              i += 2;
              continue;
            }
            if (n === this.delimiter || n === 0 || this.isLineEnd(b, i + 1, len)) {
              i++;
              quoting = false;
              if (n === 0) flags |= COMPLEX; // the NUL becomes text of the field
              break;
            }
            // A closing quote followed by other text: csv-parse keeps the quotes as text.
            flags |= COMPLEX;
            relaxed = true;
            i++;
            quoting = false;
            break;
          }
          if (c >= 0x80) flags |= HAS_HIGH;
          else if (c === 10 || c === 13) flags |= COMPLEX; // a line break inside quotes
          content++;
          i++;
        }
        // csv-parse refuses a byte once the record holds more than MAX_RECORD_SIZE characters.
        if (recordSize + content > MAX_RECORD_SIZE + 1) throw this.tooLong(b, start, true);
        if (relaxed) content += 2; // the quotes, now text
      }
      // Unquoted text (or what follows a closing quote) up to a delimiter or a line end.
      const unquotedFrom = i;
      let end = -1; // position after the record's line end, when the record ends here
      for (;;) {
        if (i >= len) {
          if (!final) return this.stopShort(b, start, recordSize + content + (i - unquotedFrom), quoting);
          end = len;
          break;
        }
        const c = b[i]!;
        const k = classes[c]!;
        if (k === ORDINARY) {
          i = skipOrdinary(b, i + 1, len, classes);
          continue;
        }
        if (k === DELIMITER) break;
        if (k === HIGH) {
          flags |= HAS_HIGH;
          i++;
          continue;
        }
        // A line end, or text, depending on the record delimiter.
        const mode = this.mode;
        if (k === LF) {
          if (mode === UNDISCOVERED || mode === MODE_LF) {
            if (!final && len - i - 1 < this.lookAhead()) return this.stopShort(b, start, 0, false);
            this.mode = MODE_LF;
            end = i + 1;
            break;
          }
        } else if (mode === UNDISCOVERED || mode === MODE_CRLF) {
          if (i + 1 >= len && !final) return this.stopShort(b, start, 0, false);
          if (b[i + 1] === 10) {
            if (!final && len - i - 1 < this.lookAhead()) return this.stopShort(b, start, 0, false);
            this.mode = MODE_CRLF;
            end = i + 2;
            break;
          }
          if (mode === UNDISCOVERED) {
            if (!final && len - i - 1 < this.lookAhead()) return this.stopShort(b, start, 0, false);
            this.mode = MODE_CR;
            end = i + 1;
            break;
          }
        } else if (mode === MODE_CR) {
          if (!final && len - i - 1 < this.lookAhead()) return this.stopShort(b, start, 0, false);
          end = i + 1;
          break;
        }
        flags |= COMPLEX; // a line break inside the field's text
        i++;
      }
      if (i > unquotedFrom) {
        content += i - unquotedFrom;
        if (flags & QUOTED) flags |= COMPLEX;
      }
      if (recordSize + content > MAX_RECORD_SIZE + 1) throw this.tooLong(b, start, false);
      this.pushField(fieldStart, i, flags);
      recordSize += flags & HAS_HIGH ? this.fieldText(b, this.nFields - 1).length : content;
      if (end !== -1) return end;
      i++; // the delimiter
    }
  }

  /** Whether a line end starts at `p` (under the discovered record delimiter). */
  private isLineEnd(b: Buffer, p: number, len: number): boolean {
    const c = b[p];
    if (c === 10) return this.mode === UNDISCOVERED || this.mode === MODE_LF;
    if (c !== 13) return false;
    if (this.mode === MODE_CR) return true;
    if (this.mode === MODE_LF) return false;
    if (this.mode === MODE_CRLF) return p + 1 < len && b[p + 1] === 10;
    return true; // undiscovered: \r\n or \r
  }

  /** The input ran out inside a record: the record waits for more bytes, unless it is already too long. */
  private stopShort(b: Buffer, start: number, size: number, quoting: boolean): number {
    if (size > MAX_RECORD_SIZE + 1) throw this.tooLong(b, start, quoting);
    return INCOMPLETE;
  }

  private rowForErrors(): number {
    return this.header ? this.rows : -1;
  }

  private tooLong(b: Buffer, start: number, quoting: boolean): Error {
    const file = this.file;
    const row = this.rowForErrors();
    if (!quoting) {
      return cellError(
        MALFORMED,
        { file, line: this.line, row, field: -1 },
        `the record starting on this line is longer than ${MAX_RECORD_SIZE.toLocaleString('en-US')} characters, the limit for one record, with no quote open (is a line break missing, or is the file not a text table?)`,
        { expected: `a record of at most ${MAX_RECORD_SIZE} characters` },
      );
    }
    const field = this.nFields;
    return cellError(
      MALFORMED,
      { file, line: this.line, row, field, column: this.header?.[field] },
      `a quoted field opens in the record starting on this line and is never closed (the record grew past ${MAX_RECORD_SIZE.toLocaleString('en-US')} characters by line ${this.parserLine(b, start)})`,
      { expected: 'a closing quote' },
    );
  }

  private quoteNotClosed(_b: Buffer, _start: number): Error {
    const field = this.nFields;
    return cellError(
      MALFORMED,
      { file: this.file, line: this.line, row: this.rowForErrors(), field, column: this.header?.[field] },
      'a quoted field opens in the record starting on this line and is never closed (the quote runs to the end of the file)',
      { expected: 'a closing quote' },
    );
  }

  /** csv-parse's own line counter where the record-size limit was hit (every CR and LF byte read counts). */
  private parserLine(b: Buffer, start: number): number {
    let count = this.parserLines;
    const limit = Math.min(b.length, start + 4 * (MAX_RECORD_SIZE + 2));
    let size = 0;
    for (let i = start; i < limit && size <= MAX_RECORD_SIZE + 1; i++) {
      const c = b[i];
      if (c === 10 || c === 13) count++;
      if (c !== this.quote) size++;
    }
    return count;
  }

  /** csv-parse's line counter at the start of the current record. */
  private parserLines = 1;

  /** A record is complete: count its lines, check it, and take its requested cells. */
  private acceptRecord(b: Buffer, start: number, next: number): void {
    const first = this.line;
    const n = this.nFields;
    // Lines as an editor counts them: each \n, and each \r not followed by \n.
    let breaks = 0;
    let parserBreaks = 0;
    if (this.recordFlags & COMPLEX) {
      for (let i = start; i < next; i++) {
        const c = b[i];
        if (c === 10) {
          breaks++;
          parserBreaks++;
        } else if (c === 13) {
          parserBreaks++;
          if (i + 1 >= next || b[i + 1] !== 10) breaks++;
        }
      }
      if (this.mode === MODE_CRLF && next >= 2 && b[next - 1] === 10 && b[next - 2] === 13) parserBreaks--;
    } else {
      const last = b[next - 1];
      breaks = next > start && (last === 10 || last === 13) ? 1 : 0;
      parserBreaks = breaks;
    }
    this.line += breaks;
    this.parserLines += parserBreaks;
    const ends = this.ends;
    const starts = this.starts;
    // A blank line (one unquoted field of white space) is skipped.
    if (n === 1 && !(this.flags[0]! & QUOTED)) {
      if (this.flags[0]! & HAS_HIGH) {
        if (this.rawText(b, start, next).trim() === '') return;
      } else {
        let blank = true;
        for (let i = starts[0]!; i < ends[0]!; i++) {
          const c = b[i]!;
          if (!(c === 32 || (c >= 9 && c <= 13))) {
            blank = false;
            break;
          }
        }
        if (blank) return;
      }
    }
    if (this.recordFlags & HAS_HIGH) this.checkText(b, start, next, first);
    if (this.header === undefined) {
      const names: string[] = [];
      for (let j = 0; j < n; j++) names.push(this.fieldText(b, j));
      this.header = this.readHeader(names, first);
      this.headerLine = first;
      this.prepareColumns();
      return;
    }
    const expected = this.header.length;
    if (n !== expected) {
      const short = n < expected;
      const field = short ? n : expected;
      throw cellError(
        MALFORMED,
        { file: this.file, line: first, row: this.rows, field, column: short ? this.header[field] : undefined },
        short
          ? `${n} field${n === 1 ? '' : 's'} where the header has ${expected}: the row ends before column ${field + 1} ("${this.header[field]}")`
          : `${n} fields where the header has ${expected}: field ${field + 1} has no column name (an unquoted delimiter inside a value?)`,
        { value: n, expected: `${expected} fields` },
      );
    }
    this.rows++;
    if (this.headerError) return; // the header's problem is thrown at the end of this input
    const i = this.filled++;
    this.lines[i] = first;
    const columns = this.columns;
    for (let c = 0; c < columns.length; c++) this.takeCell(columns[c]!, b, i, first);
    if (this.filled === this.chunkSize) this.finishChunk();
  }

  /**
   * Reads the record at `start` on the fast path: what {@link acceptRecord} does for an ordinary
   * record, or -1 (nothing changed) when the record is not one and the general path must read it.
   */
  private fastRecord(b: Buffer, start: number, len: number, final: boolean): number {
    const fast = this.fast!;
    const row = this.filled;
    const next = fast.scan(b, start, len, final, row);
    if (next === -1) return -1;
    const first = this.line;
    // One line end and no other CR or LF: one line for both counters.
    this.line = first + 1;
    this.parserLines++;
    this.rows++;
    this.filled = row + 1;
    this.lines[row] = first;
    const cells = fast.cells;
    for (let k = 0; k < fast.nCells; k++) {
      const j = cells[k]!;
      const c = this.byField[j]!;
      if (fast.how[j] === CODE_VALUE) {
        const x = fast.values[j]!;
        c.codes![row] = x === x ? c.dictionary!.code(x) : -1;
        continue;
      }
      const s = fast.starts[j]!;
      const e = fast.ends[j]!;
      const text = fast.plan[j] === CODE_TEXT;
      if (text) {
        const code = c.cellCodes!.find(b, s, e);
        if (code !== -2) {
          c.codes![row] = code;
          continue;
        }
      }
      this.starts[j] = s;
      this.ends[j] = e;
      this.flags[j] = fast.quoted[j] === 1 ? QUOTED : 0;
      this.takeCell(c, b, row, first);
      if (text) c.cellCodes!.add(b, s, e, c.codes![row]!);
    }
    if (this.filled === this.chunkSize) this.finishChunk();
    return next;
  }

  /** The stray byte-order mark and invalid UTF-8 checks of a record holding non-ASCII bytes. */
  private checkText(b: Buffer, start: number, next: number, line: number): void {
    const raw = this.rawText(b, start, next);
    const findField = (ch: string): number => {
      for (let j = 0; j < this.nFields; j++) if (this.fieldText(b, j).includes(ch)) return j;
      return -1;
    };
    const row = this.rowForErrors();
    if (raw.indexOf('\uFEFF') !== -1) {
      const field = findField('\uFEFF');
      throw cellError(
        MALFORMED,
        { file: this.file, line, row, field, column: this.header?.[field] },
        'unexpected byte-order mark (U+FEFF) inside the data: a BOM may only be the very first character of a file (were two files joined, or the file saved twice with a BOM?)',
      );
    }
    if (this.settings.encoding === 'utf8' && raw.indexOf('\uFFFD') !== -1) {
      const field = findField('\uFFFD');
      throw cellError(
        MALFORMED,
        { file: this.file, line, row, field, column: this.header?.[field] },
        'not valid UTF-8 (the text has a byte sequence UTF-8 cannot decode); if the file is Latin-1/Windows-1252, read it with encoding: "latin1"',
      );
    }
  }

  private rawText(b: Buffer, start: number, next: number): string {
    return b.toString(this.decodeAs, start, next);
  }

  /** The text of field `j` of the current record, as csv-parse gives it. */
  private fieldText(b: Buffer, j: number): string {
    const s = this.starts[j]!;
    const e = this.ends[j]!;
    const f = this.flags[j]!;
    if (!(f & QUOTED)) return b.toString(this.decodeAs, s, e);
    if (!(f & COMPLEX)) return b.toString(this.decodeAs, s + 1, e - 1);
    // Doubled quotes, a closing quote followed by text, or line breaks: decode as csv-parse does.
    const Q = this.quote;
    const out: number[] = [];
    let i = s + 1;
    let quoting = true;
    while (i < e) {
      const c = b[i]!;
      if (quoting && c === Q) {
        if (i + 1 < e && b[i + 1] === Q) {
          out.push(Q);
          i += 2;
          continue;
        }
        quoting = false;
        const next = i + 1 < e ? b[i + 1]! : -1;
        if (next !== -1 && next !== 0) {
          out.unshift(Q); // relaxed closing quote: the quotes stay in the text
          out.push(Q);
        }
        i++;
        continue;
      }
      out.push(c);
      i++;
    }
    return Buffer.from(out).toString(this.decodeAs);
  }

  private readHeader(record: string[], line: number): string[] {
    const file = this.file;
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

  /** The header's checks, in the row reader's order (model, declarations, requested columns); errors wait for the end of this input. */
  private prepareColumns(): void {
    const header = this.header!;
    try {
      checkModelAgainstHeader(this.settings, header, this.file);
      const declarations: Readonly<Record<string, ColumnDeclaration>> = this.settings.declarations;
      for (const name of Object.keys(declarations)) {
        if (!header.includes(name)) {
          throw cellError(
            'COLUMN_NOT_FOUND',
            { file: this.file, line: this.headerLine, row: -1, field: -1, column: name },
            `no column "${name}" in the header${suggestion(name, header)} (columns: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', ...' : ''})`,
            { expected: 'a column of the file' },
          );
        }
      }
      for (const name of Object.keys(this.request)) {
        if (!header.includes(name)) {
          throw cellError(
            'COLUMN_NOT_FOUND',
            { file: this.file, line: 1, row: -1, field: -1, column: name },
            `no column "${name}" in the header`,
            {
              expected: 'a column of the file',
            },
          );
        }
      }
    } catch (e) {
      this.headerError = e as Error;
      return;
    }
    const rules = columnRules(header, this.settings.declarations, this.settings.missingCodes);
    // Cells are typed in header order (the order in which the row reader meets them).
    this.columns = Object.entries(this.request)
      .map(([name, kind]) => {
        const field = header.indexOf(name);
        const rule = rules[field]!;
        return {
          name,
          kind,
          field,
          rule,
          dictionary: kind === 'category' ? new LevelDictionary() : undefined,
          cellCodes: kind === 'category' ? new CellCodes() : undefined,
          checked: rule.codes.length > 0 || rule.min !== undefined || rule.max !== undefined || rule.integer,
          numbers: undefined,
          codes: undefined,
          texts: undefined,
          quoted: undefined,
          textRow: -1,
          textValue: '',
        } satisfies Column;
      })
      .sort((a, b) => a.field - b.field);
    this.byField = header.map(() => undefined);
    for (const c of this.columns) this.byField[c.field] = c;
    const point = this.decimalComma ? 44 : 46;
    if ((this.mode === MODE_LF || this.mode === MODE_CRLF) && FastRecords.supports(this.delimiter, this.quote, point)) {
      this.fast = new FastRecords(header.length, this.delimiter, this.quote, point, this.mode === MODE_LF, this.lookAhead());
    }
    this.startChunk();
  }

  /** Tells the fast path how to read each requested column in this chunk (types are decided, arrays new). */
  private planFast(): void {
    const fast = this.fast;
    if (fast === undefined) return;
    for (const c of this.columns) {
      const type = c.rule.type;
      const what =
        type === 'number' ? (c.kind === 'number' ? NUMBER : CODE_NUMBER) : type === 'string' && c.kind === 'category' ? CODE_TEXT : CELL;
      fast.set(c.field, what, c.numbers, c.rule);
    }
  }

  private startChunk(): void {
    const size = this.chunkSize;
    this.lines = new Int32Array(size);
    this.filled = 0;
    this.convertError = undefined;
    for (const c of this.columns) {
      c.textRow = -1;
      if (c.rule.type === undefined) {
        c.texts = [];
        c.quoted = new Uint8Array(size);
      } else {
        c.texts = undefined;
        c.quoted = undefined;
      }
      if (c.kind === 'number') c.numbers = new Float64Array(size);
      else c.codes = new Int32Array(size);
    }
    this.planFast();
  }

  /** Records the first typing error of the chunk (row, then column order); the row reader stops at it. */
  private fail(row: number, field: number, error: Error): void {
    const e = this.convertError;
    if (e === undefined || row < e.row || (row === e.row && field < e.field)) this.convertError = { row, field, error };
  }

  private cellPlace(line: number, row: number, c: Column): CellPlace {
    return { file: this.file, line, row: this.emitted + row, field: c.field, column: c.name };
  }

  /** Types one cell of a requested column into the chunk. */
  private takeCell(c: Column, b: Buffer, i: number, line: number): void {
    const j = c.field;
    const f = this.flags[j]!;
    let s = this.starts[j]!;
    let e = this.ends[j]!;
    const rule = c.rule;
    if (rule.type === undefined) {
      c.texts!.push(this.fieldText(b, j));
      if (f & QUOTED) c.quoted![i] = 1;
      return;
    }
    const simple = !(f & (COMPLEX | HAS_HIGH));
    if (simple && f & QUOTED) {
      s++;
      e--;
    }
    let value: number | string | null;
    if (rule.type === 'number') {
      let x = simple ? fastNumber(b, s, e, this.decimalComma) : NaN;
      let text: string | undefined;
      if (x !== x) {
        text = simple ? b.toString('latin1', s, e) : this.fieldText(b, j);
        x = parseNumber(text, this.decimalComma);
      }
      if (x === x) value = c.checked ? this.checkedNumber(c, x, i, line) : x;
      else {
        const t = text!.trim();
        if (t === '' || this.naSet.has(t)) value = null;
        else {
          this.fail(i, j, notNumeric(rule, this.cellPlace(line, i, c), text!));
          value = null;
        }
      }
    } else {
      if (s === e) value = null;
      else {
        const text = simple ? b.toString('latin1', s, e) : this.fieldText(b, j);
        value = text.length === 0 || (this.naSet.has(text) && !(f & QUOTED)) ? null : text;
      }
    }
    this.store(c, i, value);
  }

  /** A number under the column's missing codes and range: the number, null for a code, null and a recorded error when out of range. */
  private checkedNumber(c: Column, x: number, i: number, line: number): number | null {
    const rule = c.rule;
    const codes = rule.codes;
    for (let k = 0; k < codes.length; k++) if (codes[k] === x) return null;
    if ((rule.min !== undefined && x < rule.min) || (rule.max !== undefined && x > rule.max) || (rule.integer && !Number.isInteger(x))) {
      try {
        checkNumber(x, rule, this.cellPlace(line, i, c), { codes: 0 });
      } catch (err) {
        this.fail(i, c.field, err as Error);
      }
      return null;
    }
    return x;
  }

  private store(c: Column, i: number, value: number | string | null): void {
    if (c.kind === 'number') {
      if (typeof value === 'number') c.numbers![i] = value;
      else {
        c.numbers![i] = NaN;
        if (value !== null && c.textRow === -1) {
          c.textRow = i;
          c.textValue = value;
        }
      }
    } else c.codes![i] = value === null || value === '' ? -1 : c.dictionary!.code(value);
  }

  /** Decides the type of a still-undecided column from this chunk's cells, as the row reader does. */
  private infer(c: Column): void {
    const texts = c.texts!;
    const quoted = c.quoted!;
    let sawValue = false;
    let text = false;
    for (let i = 0; i < texts.length && !text; i++) {
      const cell = texts[i]!;
      const trimmed = cell.trim();
      if (trimmed === '') continue;
      const number = !Number.isNaN(parseNumber(cell, this.decimalComma));
      if (!number && !this.naSet.has(trimmed)) {
        sawValue = true;
        text = true;
        continue;
      }
      const q = quoted[i] === 1;
      if (!number && !q) continue;
      sawValue = true;
      if (q) text = true;
    }
    if (text) c.rule.type = 'string';
    else if (sawValue) c.rule.type = 'number';
  }

  /** The chunk is full (or the input ended): type the undecided columns, build it, and queue it. */
  private finishChunk(): void {
    const n = this.filled;
    for (const c of this.columns) {
      if (c.texts === undefined) continue;
      this.infer(c);
      const texts = c.texts;
      const rule = c.rule;
      for (let i = 0; i < n; i++) {
        const cell = texts[i]!;
        let value: number | string | null;
        if (rule.type === 'number') {
          const x = parseNumber(cell, this.decimalComma);
          // Inferred numeric from these very cells: every other cell is empty or a missing string.
          value = x === x ? this.checkedNumber(c, x, i, this.lines[i]!) : null;
        } else if (rule.type === 'string') value = cell.length === 0 || (this.naSet.has(cell) && c.quoted![i] !== 1) ? null : cell;
        else value = null;
        this.store(c, i, value);
      }
    }
    const firstRow = this.emitted;
    const numbers: Record<string, Float64Array> = {};
    const categories: ColumnarChunk['categories'] = {};
    let error: Error | undefined;
    // The chunk builder's error (text where a number was asked), in the order the request names columns.
    for (const name of Object.keys(this.request)) {
      const c = this.columns.find((col) => col.name === name)!;
      if (error === undefined && c.kind === 'number' && c.textRow !== -1) {
        const i = c.textRow;
        error = cellError(
          'NOT_NUMERIC',
          { file: this.file, line: this.lines[i]!, row: firstRow + i, field: -1, column: name },
          `expected a number, got ${JSON.stringify(c.textValue)}`,
          { expected: 'a number' },
        );
      }
      if (c.kind === 'number') numbers[name] = n === this.chunkSize ? c.numbers! : c.numbers!.slice(0, n);
      else categories[name] = { codes: n === this.chunkSize ? c.codes! : c.codes!.slice(0, n), levels: c.dictionary!.levels };
    }
    const lines = n === this.chunkSize ? this.lines : this.lines.slice(0, n);
    this.finished.push({
      chunk: { length: n, firstRow, lines, numbers, categories },
      cellError: this.convertError?.error,
      kindError: error,
    });
    this.emitted += n;
    this.startChunk();
  }
}

/** The first position from `i` whose byte may end an unquoted field (a small function, optimized early). */
function skipOrdinary(b: Buffer, i: number, len: number, classes: Uint8Array): number {
  while (i < len && classes[b[i]!] === ORDINARY) i++;
  return i;
}

/** The first position from `i` holding the quote, a line break or a non-ASCII byte. */
function skipQuoted(b: Buffer, i: number, len: number, quote: number): number {
  for (; i < len; i++) {
    const c = b[i]!;
    if (c === quote || c >= 0x80 || c === 10 || c === 13) return i;
  }
  return i;
}

/**
 * A plain decimal (`-12`, `3.5`, `.5`, `7.`; at most 15 digits, no exponent) read from bytes, or
 * NaN for anything else (left to {@link parseNumber}). With at most 15 digits and 16 decimals the
 * integer and the power of ten are exact, so one division is correctly rounded: the same double
 * as `Number(text)`.
 */
function fastNumber(b: Buffer, s: number, e: number, decimalComma: boolean): number {
  if (s >= e) return NaN;
  let i = s;
  let negative = false;
  const c0 = b[i]!;
  if (c0 === 45) {
    negative = true;
    i++;
  } else if (c0 === 43) i++;
  const point = decimalComma ? 44 : 46;
  let m = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < e; i++) {
    const c = b[i]!;
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === point && decimals < 0) decimals = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const x = decimals > 0 ? m / POW10[decimals]! : m;
  return negative ? -x : x;
}
