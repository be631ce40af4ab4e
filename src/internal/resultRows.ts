/**
 * Internal: the table rows of a result, built once beside each domain and used by both the
 * command-line tool (which prints the values) and the report (which marks each number up from
 * its path in the result). A column's value, its place in the result and its headings live in the
 * domain's rows function; each consumer picks the columns it shows and formats them.
 *
 * @module internal/resultRows
 * @internal
 */

/** A key of a JSON path. */
export type PathKey = string | number;

/** One cell: its value, where it sits in the result the rows were built from, and its words in the report. */
export interface RowCell {
  /** The value the command-line tool prints (`null` for none). */
  readonly value: number | string | boolean | null;
  /** Path of a number in the result (relative to what the rows function was given). */
  readonly path?: readonly PathKey[];
  /** The report's words for a text cell, when they differ from `value`. */
  readonly title?: string;
  /** `value` is the number at `path` times this (100: a proportion shown in percent or percentage points). */
  readonly scale?: number;
  /** `value` is one minus the number at `path` (times `scale`): churn from retention. */
  readonly complement?: boolean;
}

/** A column: its heading in the command-line tool and in the report. */
export interface RowColumn {
  readonly text: string;
  readonly title: string;
  readonly numeric: boolean;
}

/** The rows of a result, by column id. */
export interface ResultRows<Id extends string, Meta = undefined> {
  readonly columns: Readonly<Record<Id, RowColumn>>;
  readonly rows: readonly (Readonly<Record<Id, RowCell>> & { readonly meta: Meta })[];
}

/**
 * A number cell at `path`; `scale` (100: a proportion in percent or percentage points) and
 * `complement` (one minus the number) give the value the command-line tool prints.
 */
export function numberCell(
  value: number | null | undefined,
  path: readonly PathKey[],
  shown: { scale?: number; complement?: boolean } = {},
): RowCell {
  if (value === null || value === undefined) return { value: null, path };
  const scale = shown.scale ?? 1;
  const x = (shown.complement ? 1 - value : value) * scale;
  return { value: x, path, ...(scale !== 1 ? { scale } : {}), ...(shown.complement ? { complement: true } : {}) };
}

/** A text cell (`title`: the report's words, when different). */
export function textCell(value: string, title?: string): RowCell {
  return title === undefined ? { value } : { value, title };
}

/** An empty cell. */
export const EMPTY_CELL: RowCell = { value: null };

/** The chosen columns as plain headings and values (what the command-line tool prints). */
export function plainRows<Id extends string, Meta>(
  table: ResultRows<Id, Meta>,
  ids: readonly Id[],
): { columns: string[]; rows: (number | string | boolean | null)[][] } {
  return { columns: ids.map((id) => table.columns[id].text), rows: table.rows.map((row) => ids.map((id) => row[id].value)) };
}
