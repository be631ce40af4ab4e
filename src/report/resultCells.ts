/**
 * The report's side of the shared table rows (src/internal/resultRows.ts): each chosen column of a
 * domain's rows as a header, and each cell as a marked-up number (from its path) or a name.
 * @internal
 */
import type { ResultRows, RowCell } from '../internal/resultRows.js';
import { at, escapeHtml, name, NONE, num, type Column, type NumberFormat, type Ref } from './markup.js';

/** How a column is shown: a number format, `'name'` (a name, digits marked up) or `'text'`. */
export type CellFormat = NumberFormat | 'name' | 'text';

/** A chosen column: its id, how to show it (fixed, or per row from the row's meta), its header when not the shared one. */
export interface ReportColumn<Id extends string, Meta> {
  readonly id: Id;
  readonly format: CellFormat | ((meta: Meta) => CellFormat);
  /** The header instead of the rows' own `title`. */
  readonly label?: string;
  readonly html?: string;
  /** The cell's HTML from the row's meta, instead of the cell (names composed of several parts). */
  readonly render?: (meta: Meta) => string;
}

function cellHtml(cell: RowCell, ref: Ref, format: CellFormat): string {
  if (cell.path !== undefined && typeof format === 'object')
    return num(at(ref), cell.path, cell.complement ? { ...format, complement: true } : format);
  if (cell.value === null) return NONE;
  const words = cell.title ?? String(cell.value);
  return format === 'name' ? name(words) : escapeHtml(words);
}

/** The chosen columns of `table` as report headers and cells; `ref` locates what the rows were built from. */
export function reportRows<Id extends string, Meta>(
  table: ResultRows<Id, Meta>,
  ref: Ref,
  columns: readonly ReportColumn<Id, Meta>[],
): { columns: Column[]; rows: string[][] } {
  return {
    columns: columns.map((c) => {
      const col = table.columns[c.id];
      return { label: c.label ?? col.title, ...(c.html !== undefined ? { html: c.html } : {}), ...(col.numeric ? { numeric: true } : {}) };
    }),
    rows: table.rows.map((row) =>
      columns.map((c) =>
        c.render ? c.render(row.meta) : cellHtml(row[c.id], ref, typeof c.format === 'function' ? c.format(row.meta) : c.format),
      ),
    ),
  };
}
