/// <reference types="node" />
/**
 * Format dispatch shared by the readers: a synchronous "feeder" per format (CSV/TSV, NDJSON,
 * JSON) with `push(chunk)` / `end()` returning chunks of typed rows, and the assembly of a
 * {@link Dataset} from chunks.
 * @internal
 */
import { TextDecoder } from 'node:util';
import { InputError } from '../errors.js';
import type { Row } from '../types.js';
import { MALFORMED } from './cells.js';
import { CsvRowReader } from './csvRowReader.js';
import { JsonRowTyper, jsonRecords, NdjsonRowReader } from './jsonRows.js';
import type { ReadSettings } from './readSettings.js';
import type { Dataset, RowChunk } from './types.js';

/** A format's synchronous feeder. */
export interface RowFeeder {
  push(chunk: Uint8Array | string): RowChunk[];
  end(): RowChunk[];
  /** Bytes consumed so far. */
  bytes(): number;
  byteOrderMark(): boolean;
  /** Final column names, types and missing counts. */
  summary(): {
    columns: string[];
    columnTypes: Record<string, 'number' | 'string' | 'empty'>;
    missingCells: Record<string, number>;
    missingCodeCells: Record<string, number>;
  };
}

function nonZero(names: readonly string[], counts: (name: string, j: number) => number): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((name, j) => {
    const c = counts(name, j);
    if (c > 0) out[name] = c;
  });
  return out;
}

/** A whole JSON document: collected, decoded and split into chunks at the end. */
class JsonFeeder implements RowFeeder {
  private readonly parts: Uint8Array[] = [];
  private text = '';
  private size = 0;
  private bom = false;
  readonly typer: JsonRowTyper;
  constructor(
    private readonly settings: ReadSettings,
    private readonly file: string,
  ) {
    this.typer = new JsonRowTyper(settings, file);
  }
  push(chunk: Uint8Array | string): RowChunk[] {
    if (typeof chunk === 'string') this.text += chunk;
    else {
      this.parts.push(chunk);
      this.size += chunk.length;
    }
    return [];
  }
  end(): RowChunk[] {
    let text = this.text;
    if (this.parts.length > 0) {
      const all = Buffer.concat(this.parts);
      this.bom = all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf;
      try {
        text = new TextDecoder(this.settings.encoding === 'latin1' ? 'latin1' : 'utf-8', { fatal: true }).decode(all) + text;
      } catch {
        throw new InputError(MALFORMED, `${this.file}: not valid UTF-8; if the file is Latin-1, read it with encoding: "latin1"`, {
          argument: this.file,
        });
      }
    } else if (text.charCodeAt(0) === 0xfeff) this.bom = true;
    if (text.trim() === '')
      throw new InputError('EMPTY_INPUT', `${this.file}: the file is empty`, { argument: this.file, expected: 'JSON rows' });
    const { objects, lines } = jsonRecords(text, this.file);
    const out: RowChunk[] = [];
    const size = this.settings.chunkSize;
    for (let start = 0; start < objects.length; start += size) {
      out.push(this.typer.convert(objects.slice(start, start + size), lines.slice(start, start + size)));
    }
    if (objects.length === 0) out.push(this.typer.convert([], []));
    return out;
  }
  bytes(): number {
    return this.size || this.text.length;
  }
  byteOrderMark(): boolean {
    return this.bom;
  }
  summary(): ReturnType<RowFeeder['summary']> {
    return jsonSummary(this.typer);
  }
}

function jsonSummary(typer: JsonRowTyper): ReturnType<RowFeeder['summary']> {
  return {
    columns: [...typer.columns],
    columnTypes: typer.columnTypes(),
    missingCells: nonZero(typer.columns, (name) => typer.missingCells.get(name) ?? 0),
    missingCodeCells: nonZero(typer.columns, (name) => typer.codedCells.get(name) ?? 0),
  };
}

/** The feeder for the settings' format. */
export function rowFeeder(settings: ReadSettings, file: string): RowFeeder {
  if (settings.format === 'json') return new JsonFeeder(settings, file);
  if (settings.format === 'ndjson') {
    const reader = new NdjsonRowReader(settings, file);
    return {
      push: (chunk) => reader.push(chunk),
      end: () => reader.end(),
      bytes: () => reader.bytes,
      byteOrderMark: () => reader.byteOrderMark,
      summary: () => jsonSummary(reader.typer),
    };
  }
  const reader = new CsvRowReader(settings, file);
  return {
    push: (chunk) => reader.push(chunk),
    end: () => reader.end(),
    bytes: () => reader.records.bytes,
    byteOrderMark: () => reader.records.byteOrderMark,
    summary: () => {
      const c = reader.converter!;
      return {
        columns: [...c.header],
        columnTypes: c.columnTypes(),
        missingCells: nonZero(c.header, (_, j) => c.missingCells[j]!),
        missingCodeCells: nonZero(c.header, (_, j) => c.codedCells[j]!),
      };
    },
  };
}

/** Concatenates chunks into a {@link Dataset}. */
export function assembleDataset(chunks: readonly RowChunk[], feeder: RowFeeder, file: string, settings: ReadSettings): Dataset {
  const rows: Row[] = [];
  const rowLines: number[] = [];
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.rows.length; i++) {
      rows.push(chunk.rows[i]!);
      rowLines.push(chunk.rowLines[i]!);
    }
  }
  const summary = feeder.summary();
  return {
    rows,
    columns: summary.columns,
    columnTypes: summary.columnTypes,
    missingCells: summary.missingCells,
    missingCodeCells: summary.missingCodeCells,
    rowLines,
    source: { file, format: settings.format, byteOrderMark: feeder.byteOrderMark(), bytes: feeder.bytes() },
  };
}
