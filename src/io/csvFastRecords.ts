/// <reference types="node" />
/**
 * The columnar CSV reader's fast path for ordinary records: one tight pass over a record's bytes
 * that finds its fields and parses plain numbers of the requested numeric columns on the way,
 * for records of ASCII text with the header's number of fields, unquoted fields or simply quoted
 * ones, and `\n` (or `\r\n`) line ends. Anything else (a quote inside a field or a doubled one, a
 * CR or LF that is not the record delimiter, a byte above 0x7F, NUL, a wrong field count, a
 * record cut by the end of the bytes at hand, an over-long record) makes {@link FastRecords.scan}
 * give up on the record before anything is decided, and the general tokenizer reads it from its
 * start: every rule and error stays that of the general path.
 * @internal
 */
import { MAX_RECORD_SIZE } from './csvRecords.js';

/** What the scan does with a header field. */
export const SKIP = 0;
/** A numeric column read as numbers: plain numbers are parsed and stored by the scan. */
export const NUMBER = 1;
/** A numeric column read as categories: plain numbers are parsed, the reader codes them. */
export const CODE_NUMBER = 2;
/** A text column read as categories: the reader codes the bytes (see {@link CellCodes}). */
export const CODE_TEXT = 3;
/** Any other requested cell: the reader types it with the general cell code. */
export const CELL = 4;

/** How the reader finishes a cell the scan left to it. */
export const GENERAL = 0;
/** A plain number in `values`, to be coded. */
export const CODE_VALUE = 1;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

/** The column rule's checks of a number, as plain arrays the scan reads by field. */
export interface NumberCheck {
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly integer: boolean;
  readonly codes: readonly number[];
}

/** Scanner of ordinary records for one header and one discovered record delimiter. */
export class FastRecords {
  /** Per header field: SKIP, NUMBER, CODE_NUMBER, CODE_TEXT or CELL. */
  readonly plan: Uint8Array;
  /** Per NUMBER field: the chunk's array the scan writes into. */
  readonly numbers: (Float64Array | undefined)[];
  /** Requested fields the reader must finish, in header order, after a successful scan. */
  readonly cells: Int32Array;
  nCells = 0;
  /** Per field left to the reader: its bounds (quotes included), whether quoted, and how to finish it. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly quoted: Uint8Array;
  readonly how: Uint8Array;
  /** Per CODE_VALUE field: the number. */
  readonly values: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly integer: Uint8Array;
  /** Per field: how many missing codes, the first one, and all of them. */
  private readonly nCodes: Uint8Array;
  private readonly code1: Float64Array;
  private readonly codes: (readonly number[])[];
  /** Bytes that end or complicate an unquoted field: the delimiter, CR, LF, the quote, NUL, non-ASCII. */
  private readonly stop = new Uint8Array(256);
  /** Bytes that end or complicate a quoted field's text: the quote, CR, LF, NUL, non-ASCII. */
  private readonly stopQuoted = new Uint8Array(256);

  constructor(
    fields: number,
    private readonly delimiter: number,
    private readonly quote: number,
    private readonly point: number,
    /** `\n` ends records (else `\r\n`). */
    private readonly lf: boolean,
    /** Bytes the general path wants after a record's line end before it ends the record. */
    private readonly lookAhead: number,
  ) {
    this.plan = new Uint8Array(fields);
    this.numbers = new Array<Float64Array | undefined>(fields).fill(undefined);
    this.cells = new Int32Array(fields);
    this.starts = new Int32Array(fields);
    this.ends = new Int32Array(fields);
    this.quoted = new Uint8Array(fields);
    this.how = new Uint8Array(fields);
    this.values = new Float64Array(fields);
    this.min = new Float64Array(fields);
    this.max = new Float64Array(fields);
    this.integer = new Uint8Array(fields);
    this.nCodes = new Uint8Array(fields);
    this.code1 = new Float64Array(fields);
    this.codes = new Array<readonly number[]>(fields).fill([]);
    for (const s of [this.stop, this.stopQuoted]) {
      for (let c = 0x80; c < 256; c++) s[c] = 1;
      s[0] = 1;
      s[10] = 1;
      s[13] = 1;
      s[quote] = 1;
    }
    this.stop[delimiter] = 1;
  }

  /**
   * Whether records with this delimiter and quote can be scanned here: neither may be a byte of
   * a number (a digit, sign or the decimal point) or a line end.
   */
  static supports(delimiter: number, quote: number, point: number): boolean {
    const inNumber = (c: number): boolean =>
      (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === point || c === 10 || c === 13;
    return !inNumber(delimiter) && !inNumber(quote);
  }

  /** Sets what the scan does with field `j` (`numbers` for NUMBER, `check` for NUMBER and CODE_NUMBER). */
  set(j: number, what: number, numbers: Float64Array | undefined, check: NumberCheck | undefined): void {
    this.plan[j] = what;
    this.numbers[j] = numbers;
    if (check !== undefined) {
      this.min[j] = check.min ?? -Infinity;
      this.max[j] = check.max ?? Infinity;
      this.integer[j] = check.integer ? 1 : 0;
      this.nCodes[j] = Math.min(check.codes.length, 2);
      this.code1[j] = check.codes[0] ?? NaN;
      this.codes[j] = check.codes;
    }
  }

  /**
   * Scans the record at `start` as an ordinary one: returns the position after its line end, with
   * the plain numbers of NUMBER fields stored at `row` and the other requested fields in `cells`;
   * or -1 when the record is not ordinary (then only row `row` of the NUMBER arrays was touched).
   */
  scan(b: Buffer, start: number, len: number, final: boolean, row: number): number {
    const plan = this.plan;
    const stop = this.stop;
    const stopQuoted = this.stopQuoted;
    const D = this.delimiter;
    const Q = this.quote;
    const point = this.point;
    const numbers = this.numbers;
    const cells = this.cells;
    const nCodes = this.nCodes;
    const code1 = this.code1;
    const min = this.min;
    const max = this.max;
    const integer = this.integer;
    const last = plan.length - 1;
    let nCells = 0;
    let i = start;
    for (let j = 0; ; j++) {
      const what = plan[j]!;
      const s = i;
      let quoted = false;
      // A plain number (the general path's fastNumber): sign, digits, one decimal point.
      let plain = false;
      let fraction = false;
      let x = 0;
      if (i >= len) return -1;
      let c = b[i]!;
      if (c === Q) {
        i++;
        while (i < len && stopQuoted[b[i]!] === 0) i++;
        if (i >= len || b[i] !== Q) return -1;
        i++;
        quoted = true;
      } else if (what === NUMBER || what === CODE_NUMBER) {
        const d = c - 48;
        if (d >= 0 && d <= 9 && i + 1 < len && stop[b[i + 1]!] !== 0) {
          // One digit, the usual survey answer.
          x = d;
          plain = true;
          i++;
        } else {
          let negative = false;
          if (c === 45) {
            negative = true;
            i++;
          } else if (c === 43) i++;
          let m = 0;
          let digits = 0;
          let decimals = -1;
          for (; i < len; i++) {
            c = b[i]!;
            if (c >= 48 && c <= 57) {
              m = m * 10 + (c - 48);
              digits++;
              if (decimals >= 0) decimals++;
            } else if (c === point && decimals < 0) decimals = 0;
            else break;
          }
          if (i < len && stop[c] === 0) {
            // More text: not a plain number (the reader's general cell code reads it).
            while (i < len && stop[b[i]!] === 0) i++;
          } else if (digits > 0 && digits <= 15) {
            plain = true;
            fraction = decimals > 0;
            x = fraction ? m / POW10[decimals]! : m;
            if (negative) x = -x;
          }
        }
      } else {
        while (i < len && stop[b[i]!] === 0) i++;
      }
      // The field ends at a delimiter or the record's line end; anything else is not ordinary.
      if (i >= len) return -1;
      c = b[i]!;
      let end = -1;
      if (c === D) {
        if (j === last) return -1; // a field too many
      } else {
        if (c === 10 && this.lf) end = i + 1;
        else if (c === 13 && !this.lf && i + 1 < len && b[i + 1] === 10) end = i + 2;
        else return -1;
        if (!final && len - i - 1 < this.lookAhead) return -1;
        if (j !== last || end - start > MAX_RECORD_SIZE) return -1;
        // A record of one blank field is a blank line, which the general path skips.
        if (last === 0 && !quoted && isBlank(b, s, i)) return -1;
      }
      if (what !== SKIP) {
        if (plain) {
          // The column rule's checks (checkedNumber): a missing code, else the range.
          if (nCodes[j] !== 0 && (x === code1[j]! || (nCodes[j]! > 1 && this.codes[j]!.includes(x)))) x = NaN;
          else if (x < min[j]! || x > max[j]! || (fraction && integer[j] === 1 && !Number.isInteger(x))) {
            plain = false; // rejected: the general cell code records the error
          }
        }
        if (plain && what === NUMBER) numbers[j]![row] = x;
        else {
          cells[nCells++] = j;
          this.starts[j] = s;
          this.ends[j] = i;
          this.quoted[j] = quoted ? 1 : 0;
          this.how[j] = plain ? CODE_VALUE : GENERAL;
          this.values[j] = x;
        }
      }
      if (end !== -1) {
        this.nCells = nCells;
        return end;
      }
      i++; // the delimiter
    }
  }
}

function isBlank(b: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c !== 32 && (c < 9 || c > 13)) return false;
  }
  return true;
}

/**
 * Category codes of cells already met in a text column, by their bytes (quotes included, so the
 * quoted "NA" and the missing NA stay apart): a repeated level is coded without decoding text or
 * a dictionary look-up. Holds a few levels; a column with more codes the rest the general way.
 */
export class CellCodes {
  private readonly keys: Buffer[] = [];
  private readonly codes: number[] = [];

  /** The code of the cell `b[s, e)`, or -2 when not held. */
  find(b: Buffer, s: number, e: number): number {
    const n = e - s;
    const keys = this.keys;
    outer: for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      if (key.length !== n) continue;
      for (let t = 0; t < n; t++) if (key[t] !== b[s + t]) continue outer;
      return this.codes[k]!;
    }
    return -2;
  }

  /** Remembers the code of `b[s, e)` (while there is room). */
  add(b: Buffer, s: number, e: number, code: number): void {
    if (this.keys.length >= 32 || e - s > 64) return;
    this.keys.push(Buffer.from(b.subarray(s, e)));
    this.codes.push(code);
  }
}
