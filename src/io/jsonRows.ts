/// <reference types="node" />
/**
 * JSON and NDJSON rows: typing of JSON values by column (declared, or inferred from the first
 * chunk as for CSV), line numbers of the records of a JSON array, and a streaming NDJSON reader.
 * @internal
 */
import { TextDecoder } from 'node:util';
import { InputError } from '../errors.js';
import { parseJsonText } from '../model/jsonText.js';
import { suggestion } from '../model/problems.js';
import { rowFactory } from '../internal/rowShape.js';
import type { Row } from '../types.js';
import { cellError, checkNumber, columnRules, MALFORMED, notNumeric, parseNumber, type ColumnRule } from './cells.js';
import { checkModelAgainstHeader, type ReadSettings } from './readSettings.js';
import type { RowChunk } from './types.js';

/** 1-based line on which each element of a top-level JSON array starts (one pass over the text). */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (expectElement && c !== 93) {
      lines.push(line);
      expectElement = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth === 1 && c === 91) expectElement = true;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && depth === 1) expectElement = true;
  }
  return lines;
}

/** Types JSON row objects column by column; the column set grows as new keys appear. */
export class JsonRowTyper {
  readonly columns: string[] = [];
  readonly rules = new Map<string, ColumnRule>();
  readonly missingCells = new Map<string, number>();
  readonly codedCells = new Map<string, number>();
  private emitted = 0;
  private checked = false;

  constructor(
    private readonly settings: ReadSettings,
    private readonly file: string,
  ) {}

  columnTypes(): Record<string, 'number' | 'string' | 'empty'> {
    const out: Record<string, 'number' | 'string' | 'empty'> = {};
    for (const c of this.columns) out[c] = this.rules.get(c)!.type ?? 'empty';
    return out;
  }

  /** Types one chunk of parsed objects (`lines[i]` their 1-based lines, 0 when unknown). */
  convert(objects: readonly unknown[], lines: readonly number[]): RowChunk {
    const first = this.emitted;
    objects.forEach((o, i) => {
      if (o === null || typeof o !== 'object' || Array.isArray(o)) {
        throw cellError(
          MALFORMED,
          { file: this.file, line: lines[i] ?? 0, row: first + i, field: -1 },
          `expected an object (one row keyed by column name), got ${Array.isArray(o) ? 'an array' : o === null ? 'null' : typeof o}`,
        );
      }
      for (const key of Object.keys(o)) if (!this.rules.has(key)) this.addColumn(key);
    });
    if (!this.checked) {
      this.checked = true;
      for (const name of Object.keys(this.settings.declarations)) {
        if (!this.rules.has(name) && this.columns.length === 0) {
          // Nothing to look the column up in: say so, not that the column is missing.
          throw new InputError('EMPTY_INPUT', `${this.file}: no data rows (no record to read column "${name}" from)`, {
            argument: this.file,
            expected: 'row objects',
          });
        }
        if (!this.rules.has(name)) {
          throw new InputError(
            'COLUMN_NOT_FOUND',
            `${this.file}: no column "${name}" in the records${suggestion(name, this.columns)} (columns: ${this.columns.slice(0, 12).join(', ')})`,
            {
              argument: this.file,
              column: name,
              expected: 'a column of the file',
            },
          );
        }
      }
      checkModelAgainstHeader(this.settings, this.columns, this.file);
    }
    const records = objects as readonly Record<string, unknown>[];
    for (const rule of this.rules.values()) if (rule.type === undefined) this.infer(rule, records);
    const newRow = rowFactory(this.columns);
    const rows: Row[] = records.map((record, i) => {
      const row = newRow();
      for (const name of this.columns) row[name] = this.cell(record[name], this.rules.get(name)!, lines[i] ?? 0, first + i);
      return row;
    });
    this.emitted += rows.length;
    return { rows, firstRow: first, rowLines: [...lines], columns: [...this.columns], columnTypes: this.columnTypes() };
  }

  private addColumn(name: string): void {
    this.columns.push(name);
    this.rules.set(name, columnRules([name], this.settings.declarations, this.settings.missingCodes)[0]!);
  }

  private infer(rule: ColumnRule, records: readonly Record<string, unknown>[]): void {
    let sawValue = false;
    for (const record of records) {
      const v = record[rule.name];
      if (v === null || v === undefined || v === '') continue;
      sawValue = true;
      if (typeof v === 'string') {
        rule.type = 'string';
        return;
      }
    }
    if (sawValue) rule.type = 'number';
  }

  private cell(value: unknown, rule: ColumnRule, line: number, row: number): unknown {
    const place = { file: this.file, line, row, field: -1, column: rule.name };
    const missing = (): null => {
      this.missingCells.set(rule.name, (this.missingCells.get(rule.name) ?? 0) + 1);
      return null;
    };
    if (value === null || value === undefined || value === '') return missing();
    if (typeof value === 'object') {
      throw cellError(MALFORMED, place, `expected a number, text or null, got ${Array.isArray(value) ? 'an array' : 'an object'}`, {
        expected: 'a number, text or null',
      });
    }
    if (rule.type === 'string') return typeof value === 'string' ? value : String(value);
    if (rule.type === undefined) return missing();
    let x: number;
    if (typeof value === 'number') x = value;
    else if (typeof value === 'boolean') x = value ? 1 : 0;
    else {
      const text = String(value);
      x = parseNumber(text, this.settings.decimalComma);
      if (x !== x) {
        if (this.settings.naStrings.includes(text.trim())) return missing();
        throw notNumeric(rule, place, text);
      }
    }
    if (!Number.isFinite(x)) throw notNumeric(rule, place, String(value));
    const counts = { codes: 0 };
    const checked = checkNumber(x, rule, place, counts);
    if (checked === null) {
      this.codedCells.set(rule.name, (this.codedCells.get(rule.name) ?? 0) + 1);
      return missing();
    }
    return checked;
  }
}

/**
 * Rows of a JSON document: an array of row objects, or an object of equally long column arrays.
 * Returns the raw objects and their lines (0 for columns form), for {@link JsonRowTyper}.
 */
export function jsonRecords(text: string, file: string): { objects: unknown[]; lines: number[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseJsonText(body);
  if ('problem' in parsed) {
    const { line, column, reason } = parsed.problem;
    throw new InputError(MALFORMED, `${file}, line ${line}, column ${column}: not valid JSON (${reason})`, {
      argument: file,
      expected: 'JSON',
    });
  }
  const value = parsed.value;
  if (Array.isArray(value)) return { objects: value, lines: arrayElementLines(body) };
  if (value !== null && typeof value === 'object') {
    const columns = Object.entries(value as Record<string, unknown>);
    const length = Array.isArray(columns[0]?.[1]) ? (columns[0]![1] as unknown[]).length : -1;
    for (const [name, values] of columns) {
      if (!Array.isArray(values) || values.length !== length) {
        throw new InputError(
          'LENGTH_MISMATCH',
          `${file}: column "${name}" ${Array.isArray(values) ? `has ${values.length} values where "${columns[0]![0]}" has ${length}` : 'is not an array'}; expected an array of row objects, or an object of equally long column arrays`,
          {
            argument: file,
            column: name,
            expected: `${length} values`,
          },
        );
      }
    }
    const objects = Array.from({ length: Math.max(length, 0) }, (_, i) =>
      Object.fromEntries(columns.map(([name, values]) => [name, (values as unknown[])[i]])),
    );
    return { objects, lines: objects.map(() => 0) };
  }
  throw new InputError(
    MALFORMED,
    `${file}: expected an array of row objects or an object of column arrays, got ${value === null ? 'null' : typeof value}`,
    { argument: file, expected: 'an array of objects' },
  );
}

/** Streaming NDJSON: one JSON object per line; blank lines are skipped. */
export class NdjsonRowReader {
  readonly typer: JsonRowTyper;
  bytes = 0;
  private readonly decoder: TextDecoder;
  private rest = '';
  private line = 0;
  private objects: unknown[] = [];
  private lines: number[] = [];
  byteOrderMark = false;

  constructor(
    private readonly settings: ReadSettings,
    private readonly file: string,
  ) {
    this.typer = new JsonRowTyper(settings, file);
    this.decoder = new TextDecoder(settings.encoding === 'latin1' ? 'latin1' : 'utf-8', { fatal: true, ignoreBOM: false });
  }

  push(chunk: Uint8Array | string): RowChunk[] {
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else {
      this.bytes += chunk.length;
      if (this.bytes === chunk.length) this.byteOrderMark = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      try {
        text = this.decoder.decode(chunk, { stream: true });
      } catch {
        throw new InputError(
          MALFORMED,
          `${this.file}, after line ${this.line}: not valid UTF-8; if the file is Latin-1, read it with encoding: "latin1"`,
          { argument: this.file },
        );
      }
    }
    if (this.line === 0 && this.rest === '' && text.charCodeAt(0) === 0xfeff) {
      this.byteOrderMark = true;
      text = text.slice(1);
    }
    const all = this.rest + text;
    const last = all.lastIndexOf('\n');
    if (last === -1) {
      this.rest = all;
      return [];
    }
    this.rest = all.slice(last + 1);
    this.take(all.slice(0, last));
    return this.flush(false);
  }

  end(): RowChunk[] {
    if (this.rest.length > 0) this.take(this.rest);
    this.rest = '';
    return this.flush(true);
  }

  private take(block: string): void {
    for (const text of block.split('\n')) {
      this.line++;
      const trimmed = text.trim();
      if (trimmed === '') continue;
      const parsed = parseJsonText(trimmed);
      if ('problem' in parsed) {
        const column = parsed.problem.column + text.indexOf(trimmed[0]!);
        throw new InputError(MALFORMED, `${this.file}, line ${this.line}, column ${column}: not valid JSON (${parsed.problem.reason})`, {
          argument: this.file,
          expected: 'one JSON object per line',
        });
      }
      this.objects.push(parsed.value);
      this.lines.push(this.line);
    }
  }

  private flush(final: boolean): RowChunk[] {
    const out: RowChunk[] = [];
    const size = this.settings.chunkSize;
    while (this.objects.length >= size || (final && this.objects.length > 0)) {
      const take = Math.min(size, this.objects.length);
      out.push(this.typer.convert(this.objects.slice(0, take), this.lines.slice(0, take)));
      this.objects = this.objects.slice(take);
      this.lines = this.lines.slice(take);
    }
    return out;
  }
}
