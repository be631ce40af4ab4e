/**
 * Turns CSV records (arrays of text) into typed rows: declared columns are parsed as declared;
 * the others are inferred from the first chunk in which they have a value (numbers when every
 * non-missing cell there is an unquoted number, text otherwise). Empty cells, the missing-value
 * strings (`NA`, ...) and declared missing codes become `null`.
 * @internal
 */
import { rowFactory } from '../internal/rowShape.js';
import type { Row } from '../types.js';
import type { ColumnDeclaration } from '../model/types.js';
import { suggestion } from '../model/problems.js';
import { cellError, checkNumber, columnRules, notNumeric, parseNumber, type CellPlace, type ColumnRule } from './cells.js';
import type { CsvRecordBatch } from './csvRecords.js';

/** Options of {@link RowConverter}. */
export interface RowConverterOptions {
  readonly file: string;
  readonly headerLine: number;
  readonly declarations: Readonly<Record<string, ColumnDeclaration>>;
  readonly missingCodes: readonly number[];
  readonly naStrings: readonly string[];
  readonly decimalComma: boolean;
  readonly delimiter: string;
  readonly quote: string;
}

/** Which fields of a raw record are quoted (only the first character of a field matters). */
export function quotedFields(raw: string, delimiter: string, quote: string): boolean[] {
  const flags: boolean[] = [];
  let pos = 0;
  for (;;) {
    if (raw.startsWith(quote, pos)) {
      flags.push(true);
      let i = pos + 1;
      for (;;) {
        const q = raw.indexOf(quote, i);
        if (q === -1) return flags;
        if (raw.startsWith(quote, q + 1)) i = q + 2;
        else {
          pos = q + 1;
          break;
        }
      }
    } else flags.push(false);
    const d = raw.indexOf(delimiter, pos);
    if (d === -1) return flags;
    pos = d + delimiter.length;
  }
}

/** Converts batches of records into rows, keeping per-column missing counts. */
export class RowConverter {
  readonly rules: ColumnRule[];
  /** Cells read as missing, per column (empty, missing strings, missing codes). */
  readonly missingCells: number[];
  /** Of those, cells that held a declared missing code. */
  readonly codedCells: number[];
  private readonly naSet: ReadonlySet<string>;
  private readonly newRow: () => Record<string, unknown>;

  constructor(
    readonly header: readonly string[],
    private readonly options: RowConverterOptions,
  ) {
    for (const name of Object.keys(options.declarations)) {
      if (!header.includes(name)) {
        throw cellError(
          'COLUMN_NOT_FOUND',
          { file: options.file, line: options.headerLine, row: -1, field: -1, column: name },
          `no column "${name}" in the header${suggestion(name, header)} (columns: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', ...' : ''})`,
          { expected: 'a column of the file' },
        );
      }
    }
    this.rules = columnRules(header, options.declarations, options.missingCodes);
    this.missingCells = header.map(() => 0);
    this.codedCells = header.map(() => 0);
    this.naSet = new Set(options.naStrings);
    this.newRow = rowFactory(header);
  }

  /** Column types so far: `'empty'` for a column with no value yet. */
  columnTypes(): Record<string, 'number' | 'string' | 'empty'> {
    const out: Record<string, 'number' | 'string' | 'empty'> = {};
    for (const r of this.rules) out[r.name] = r.type ?? 'empty';
    return out;
  }

  private isQuoted(raw: string, field: number): boolean {
    return raw.includes(this.options.quote) && quotedFields(raw, this.options.delimiter, this.options.quote)[field] === true;
  }

  /** Decides the type of still-undecided columns from this batch. */
  private infer(batch: CsvRecordBatch): void {
    const { records, raws } = batch;
    const open = this.rules.map((r, j) => (r.type === undefined ? j : -1)).filter((j) => j >= 0);
    const sawValue = new Set<number>();
    const text = new Set<number>();
    const { quote, delimiter, decimalComma } = this.options;
    for (let i = 0; i < records.length && text.size < open.length; i++) {
      const record = records[i]!;
      const raw = raws[i]!;
      let flags: boolean[] | undefined;
      for (const j of open) {
        if (text.has(j)) continue;
        const cell = record[j]!;
        const trimmed = cell.trim();
        if (trimmed === '') continue;
        // Quoting matters only for cells that would otherwise be numbers or missing strings.
        const number = !Number.isNaN(parseNumber(cell, decimalComma));
        if (!number && !this.naSet.has(trimmed)) {
          sawValue.add(j);
          text.add(j);
          continue;
        }
        flags ??= raw.includes(quote) ? quotedFields(raw, delimiter, quote) : [];
        const quoted = flags[j] === true;
        if (!number && !quoted) continue; // an unquoted missing-value string
        sawValue.add(j);
        if (quoted) text.add(j);
      }
    }
    for (const j of open) {
      if (text.has(j)) this.rules[j]!.type = 'string';
      else if (sawValue.has(j)) this.rules[j]!.type = 'number';
    }
  }

  /** Converts a batch; `firstRow` is the 0-based data row of its first record. */
  convert(batch: CsvRecordBatch, firstRow: number): Row[] {
    if (this.rules.some((r) => r.type === undefined)) this.infer(batch);
    const { records, raws, lines } = batch;
    const rules = this.rules;
    const k = rules.length;
    const decimalComma = this.options.decimalComma;
    const counts = { codes: 0 };
    const out: Row[] = new Array<Row>(records.length);
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const row = this.newRow();
      for (let j = 0; j < k; j++) {
        const rule = rules[j]!;
        const cell = record[j]!;
        let value: unknown;
        if (rule.type === 'number') {
          const x = parseNumber(cell, decimalComma);
          if (x === x) {
            counts.codes = 0;
            value =
              rule.codes.length === 0 && rule.min === undefined && rule.max === undefined && !rule.integer
                ? x
                : checkNumber(x, rule, this.place(lines[i]!, firstRow + i, j), counts);
            if (counts.codes > 0) this.codedCells[j]!++;
          } else if (cell.trim() === '' || this.naSet.has(cell.trim())) value = null;
          else throw notNumeric(rule, this.place(lines[i]!, firstRow + i, j), cell);
        } else if (cell.length === 0) value = null;
        else if (rule.type === 'string') value = this.naSet.has(cell) && !this.isQuoted(raws[i]!, j) ? null : cell;
        else value = null; // undecided: every cell so far is missing
        if (value === null) this.missingCells[j]!++;
        row[rule.name] = value;
      }
      out[i] = row;
    }
    return out;
  }

  private place(line: number, row: number, field: number): CellPlace {
    return { file: this.options.file, line, row, field, column: this.rules[field]!.name };
  }
}
