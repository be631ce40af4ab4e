/**
 * Cell conversion for the readers: strict number parsing, missing-value strings and codes, the
 * declared type and range of each column, and errors that name the file, line and column.
 * @internal
 */
import { InputError, type ErrorLocation, type InputErrorCode } from '../errors.js';
import type { ColumnDeclaration } from '../model/types.js';

/**
 * Code used for a file that cannot be read as a table at all (ragged rows, an unterminated or
 * stray quote, a stray byte-order mark, an empty or duplicate header name, invalid JSON or UTF-8).
 */
export const MALFORMED: InputErrorCode = 'MALFORMED_INPUT';

/** Where a cell is, for messages: file, 1-based line, 0-based data row, 0-based column index and name. */
export interface CellPlace {
  readonly file: string;
  readonly line: number;
  /** 0-based data row (header excluded); -1 for the header. */
  readonly row: number;
  /** 0-based field index, or -1 when the problem is the whole record. */
  readonly field: number;
  readonly column?: string;
}

/** `data.csv, line 5, column 3 ("region")` (or `record 4` for JSON without line numbers). */
export function describePlace(place: CellPlace): string {
  const where = place.line > 0 ? `line ${place.line}` : `record ${place.row + 1}`;
  const column =
    place.field >= 0
      ? `, column ${place.field + 1}${place.column === undefined ? '' : ` ("${place.column}")`}`
      : place.column === undefined
        ? ''
        : `, column "${place.column}"`;
  return `${place.file}, ${where}${column}`;
}

/** An InputError whose message starts with the place and whose location has the row and column. */
export function cellError(
  code: InputErrorCode,
  place: CellPlace,
  message: string,
  extra: Omit<ErrorLocation, 'row' | 'column' | 'argument'> = {},
): InputError {
  return new InputError(code, `${describePlace(place)}: ${message}`, {
    argument: place.file,
    file: place.file,
    ...(place.line > 0 ? { line: place.line } : {}),
    ...(place.row >= 0 ? { row: place.row } : {}),
    ...(place.column === undefined ? {} : { column: place.column }),
    ...extra,
  });
}

/** Shortened text of a cell for messages. */
export function showCell(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

/**
 * Strict number parsing: optional sign, digits with an optional decimal point, optional
 * exponent (`12`, `-3.5`, `.5`, `1e-3`), surrounding blanks allowed. Hex, `Infinity`, `1,5` (unless
 * `decimalComma`), thousands separators and empty text are not numbers. Returns NaN when not a number.
 */
export function parseNumber(text: string, decimalComma = false): number {
  let s = text;
  const first = s.charCodeAt(0);
  if (first <= 32 || s.charCodeAt(s.length - 1) <= 32) s = s.trim();
  if (s.length === 0) return NaN;
  if (decimalComma) {
    if (s.includes('.')) return NaN;
    s = s.replace(',', '.');
  }
  const c0 = s.charCodeAt(0);
  // Must start with a digit, a sign or a decimal point: rejects "Infinity", "NaN", " ", letters.
  if (!((c0 >= 48 && c0 <= 57) || c0 === 43 || c0 === 45 || c0 === 46)) return NaN;
  const x = +s;
  if (x !== x || x === Infinity || x === -Infinity) return NaN;
  // Number() also accepts 0x1F, 0o17, 0b11: reject a letter right after a leading zero.
  if (s.length > 2 && c0 === 48) {
    const c1 = s.charCodeAt(1) | 32;
    if (c1 === 120 || c1 === 111 || c1 === 98) return NaN;
  }
  return x;
}

/** What the reader knows about one column: declared or inferred type, range, missing codes. */
export interface ColumnRule {
  readonly name: string;
  /** `undefined` until inferred (auto columns whose cells so far were all missing). */
  type: 'number' | 'string' | undefined;
  readonly declared: boolean;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly integer: boolean;
  /** Missing-value codes: the column's own plus the global ones. */
  readonly codes: readonly number[];
}

/** Builds the rules for a header from the declarations and global missing codes. */
export function columnRules(
  header: readonly string[],
  declarations: Readonly<Record<string, ColumnDeclaration>>,
  globalCodes: readonly number[],
): ColumnRule[] {
  return header.map((name) => {
    const d = Object.prototype.hasOwnProperty.call(declarations, name) ? declarations[name]! : undefined;
    return {
      name,
      type: d?.type,
      declared: d?.type !== undefined,
      min: d?.min,
      max: d?.max,
      integer: d?.integer === true,
      codes: [...globalCodes, ...(d?.missingCodes ?? [])],
    };
  });
}

/** Text cells that mean "missing" (unquoted, or any cell of a numeric column). */
export const DEFAULT_NA_STRINGS: readonly string[] = ['NA', 'N/A', '#N/A', 'NaN', 'NULL', 'null'];

/** Result of checking a number against a column rule: the number, or null for a missing code. */
export function checkNumber(x: number, rule: ColumnRule, place: CellPlace, counts: { codes: number }): number | null {
  const codes = rule.codes;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] === x) {
      counts.codes++;
      return null;
    }
  }
  if ((rule.min !== undefined && x < rule.min) || (rule.max !== undefined && x > rule.max) || (rule.integer && !Number.isInteger(x))) {
    const range = `${rule.integer ? 'an integer' : 'a number'}${rule.min !== undefined ? ` from ${rule.min}` : ''}${rule.max !== undefined ? ` to ${rule.max}` : ''}`;
    const hint = x < 0 || rule.codes.length === 0 ? ' (if it codes a missing answer, declare it in missingCodes)' : '';
    throw cellError('OUT_OF_RANGE', place, `expected ${range}, got ${x}${hint}`, { value: x, expected: range });
  }
  return x;
}

/** The error for a non-numeric cell in a numeric column. */
export function notNumeric(rule: ColumnRule, place: CellPlace, text: string, reason?: string): InputError {
  const why = reason ?? (rule.declared ? 'is declared numeric' : 'was read as numeric from the first rows');
  const fix =
    rule.declared || reason !== undefined ? '' : `; declare it "string" (columns: { "${rule.name}": "string" }) to read it as text`;
  return cellError('NOT_NUMERIC', place, `expected a number (column "${rule.name}" ${why}), got ${showCell(text)}${fix}`, {
    value: text.length > 40 ? `${text.slice(0, 37)}...` : text,
    expected: 'a number',
  });
}
