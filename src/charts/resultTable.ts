/**
 * A result's table as HTML and as aligned plain text, for notebook front ends: the cells of
 * {@link resultToRecords}, numbers to a number of significant digits, every string escaped.
 *
 * @module charts
 * @internal
 */
import { isPlainObject } from '../dataframe/flatten.js';
import { resultTables } from '../dataframe/resultTables.js';
import { resultToRecords } from '../dataframe/resultToRecords.js';
import type { FlatRecord } from '../dataframe/types.js';

/** What {@link resultTable} needs to know. @internal */
export interface ResultTableRequest {
  readonly table: string | undefined;
  readonly index: string | undefined;
  readonly columns: readonly string[] | undefined;
  readonly digits: number;
  readonly maxRows: number;
  readonly caption: string | undefined;
}

/** A table ready for a MIME bundle. @internal */
export interface RenderedTable {
  readonly html: string;
  readonly text: string;
}

// Bookkeeping that a one-row table of a result would drown its estimates in: `warnings` are
// listed under the table, `method` and `n` go in the caption.
const BOOKKEEPING = new Set(['options', 'missing', 'warnings', 'method']);

/** Escapes text for HTML element content and attribute values. @internal */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A cell as people read it: numbers to `digits` significant digits (integers whole), null empty. @internal */
export function formatCell(value: string | number | boolean | null, digits: number): string {
  if (value === null) return '';
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(digits)));
}

function warningsOf(value: unknown): string[] {
  if (!isPlainObject(value) || !Array.isArray(value['warnings'])) return [];
  return value['warnings'].map((w) => (isPlainObject(w) && typeof w['message'] === 'string' ? w['message'] : JSON.stringify(w)));
}

function defaultCaption(value: unknown, table: string | undefined): string {
  if (!isPlainObject(value)) return '';
  const parts: string[] = [];
  if (typeof value['method'] === 'string') parts.push(value['method']);
  if (table !== undefined) parts.push(table);
  if (typeof value['n'] === 'number') parts.push(`n = ${value['n']}`);
  return parts.join(', ');
}

/** The records to show: the chosen table, else the first, else the result as one row without its bookkeeping. */
function recordsOf(value: unknown, request: ResultTableRequest): { records: FlatRecord[]; table: string | undefined } {
  const options = {
    ...(request.table === undefined ? {} : { table: request.table }),
    ...(request.index === undefined ? {} : { index: request.index }),
  };
  if (Array.isArray(value) || request.table !== undefined) return { records: resultToRecords(value, options), table: request.table };
  const tables = resultTables(value);
  const first = tables[0];
  if (first !== undefined && !BOOKKEEPING.has(first.split('.')[0]!)) {
    return { records: resultToRecords(value, { ...options, table: first }), table: first };
  }
  const trimmed = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !BOOKKEEPING.has(k)));
  return { records: resultToRecords(trimmed, options), table: undefined };
}

/**
 * Renders a result (or rows) as an HTML table with a caption and the result's warnings, and as
 * aligned plain text with the same cells.
 *
 * @internal
 */
export function resultTable(value: unknown, request: ResultTableRequest): RenderedTable {
  const { records, table } = recordsOf(value, request);
  const names: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  const columns = request.columns === undefined ? names : request.columns.filter((c) => names.includes(c));
  const shown = records.slice(0, request.maxRows);
  const numeric = columns.map(
    (c) =>
      shown.some((r) => typeof r[c] === 'number') && shown.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'),
  );
  const cells = shown.map((r) => columns.map((c) => formatCell(r[c] ?? null, request.digits)));
  const caption = request.caption ?? defaultCaption(value, table);
  const more = records.length - shown.length;
  const warnings = warningsOf(value);

  // Explicit both ways: JupyterLab's stylesheet right-aligns every cell by default.
  const align = (j: number) => (numeric[j] ? ' style="text-align: right"' : ' style="text-align: left"');
  const html = [
    '<table class="loyalty-drivers">',
    caption ? `<caption>${escapeHtml(caption)}</caption>` : '',
    `<thead><tr>${columns.map((c, j) => `<th${align(j)}>${escapeHtml(c)}</th>`).join('')}</tr></thead>`,
    `<tbody>${cells.map((row) => `<tr>${row.map((x, j) => `<td${align(j)}>${escapeHtml(x)}</td>`).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
    more > 0 ? `<p>… ${more} more row${more === 1 ? '' : 's'} (of ${records.length})</p>` : '',
    warnings.length > 0 ? `<ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : '',
  ].join('');

  const widths = columns.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((x, j) => (numeric[j] ? x.padStart(widths[j]!) : x.padEnd(widths[j]!)))
      .join('  ')
      .trimEnd();
  const text = [
    ...(caption ? [caption] : []),
    line(columns),
    ...cells.map(line),
    ...(more > 0 ? [`... ${more} more row${more === 1 ? '' : 's'} (of ${records.length})`] : []),
    ...warnings.map((w) => `warning: ${w}`),
  ].join('\n');
  return { html, text };
}
