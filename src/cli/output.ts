/**
 * What a command produces, independent of the output format: the JSON payload (the library's
 * result objects, stable across releases) and the tables a person reads.
 */
export type Cell = string | number | boolean | null | undefined;

/** One table of the human-readable (and CSV) output. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** A sentence printed under the table (table format only). */
  readonly note?: string;
  /**
   * Which cells share their number of decimals (table format): `'column'` (default) or `'row'`,
   * for a wide table whose rows are the measures (the segment profiles).
   */
  readonly decimalsBy?: 'column' | 'row';
}

/**
 * One part of a command's output: its data as a table (CSV, and the table format unless `text`
 * is given) and optionally a ready-made summary for people (the library's `format*` functions).
 */
export interface Section {
  readonly table: Table;
  readonly text?: string;
}

/** A command's output before formatting. */
export interface CommandOutput {
  /** The `result` member of the JSON output: the library's result objects. */
  readonly result: unknown;
  readonly sections: readonly Section[];
  /** Plain-language notes printed after the tables (table format) and kept in JSON. */
  readonly notes?: readonly string[];
  /**
   * Lines for standard error whatever the format (a partial run's skipped sections), so a script
   * that reads only standard output's JSON still sees on its terminal that something was left out.
   */
  readonly stderr?: readonly string[];
}

/** The table format: each section's text, or its table rendered. */
export function renderSections(sections: readonly Section[], notes: readonly string[] = []): string {
  const parts = sections.map((s) => (s.text !== undefined ? `${s.text.trimEnd()}\n` : renderTables([s.table])));
  if (notes.length > 0) parts.push(`Notes\n=====\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  return parts.join('\n');
}

/** Formats a single number for people: integers as is, others to 4 significant digits (e-notation below 1e-4). Table cells use {@link columnDecimals} instead. */
export function formatNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e9)) return x.toExponential(digits - 1);
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a || 1)));
  return x.toFixed(Math.min(decimals, 10));
}

/** The most decimals a column of the table format shows. */
export const MAX_DECIMALS = 4;

/**
 * The decimals of a column of the table format, chosen from its values: none when every value is
 * a whole number; otherwise enough that the smallest non-zero magnitude shows three significant
 * digits, at most {@link MAX_DECIMALS} (magnitudes too small for that are left out of the choice
 * and printed in e-notation by {@link formatCell}).
 */
export function columnDecimals(values: readonly number[]): number {
  const finite = values.filter((x) => Number.isFinite(x));
  if (finite.every((x) => Number.isInteger(x))) return 0;
  const shown = finite.map(Math.abs).filter((a) => a !== 0 && a >= 0.5 * 10 ** -MAX_DECIMALS);
  if (shown.length === 0) return MAX_DECIMALS;
  const smallest = Math.min(...shown);
  return Math.min(MAX_DECIMALS, Math.max(0, 2 - Math.floor(Math.log10(smallest))));
}

/**
 * A number of the table format with `decimals` decimals; a non-zero value that would show as zero
 * at those decimals (a p-value of 2e-9), or one of 1e9 and more, in e-notation with three
 * significant digits.
 */
export function formatCell(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if ((a !== 0 && a < 0.5 * 10 ** -decimals) || a >= 1e9) return x.toExponential(2);
  const text = x.toFixed(decimals);
  // A value that rounds to zero shows no sign.
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** The cells of a table as text, numbers with the decimals of their column (or row). */
function tableText(t: Table): string[][] {
  const numbersOf = (cells: readonly Cell[]) => cells.filter((c): c is number => typeof c === 'number');
  const byRow = t.decimalsBy === 'row';
  const decimals = byRow
    ? t.rows.map((r) => columnDecimals(numbersOf(r)))
    : t.columns.map((_, j) => columnDecimals(numbersOf(t.rows.map((r) => r[j]))));
  return t.rows.map((r, i) =>
    r.map((c, j) => {
      if (c === null || c === undefined) return '';
      if (typeof c === 'number') return formatCell(c, decimals[byRow ? i : j]!);
      return String(c);
    }),
  );
}

/** Renders tables as aligned plain text (numbers right-aligned). */
export function renderTables(tables: readonly Table[]): string {
  const out: string[] = [];
  for (const t of tables) {
    const text = tableText(t);
    const widths = t.columns.map((c, j) => Math.max(c.length, ...text.map((r) => (r[j] ?? '').length)));
    const numeric = t.columns.map(
      (_, j) => t.rows.length > 0 && t.rows.every((r) => typeof r[j] === 'number' || r[j] === null || r[j] === undefined),
    );
    const line = (cells: readonly string[]) =>
      cells
        .map((c, j) => (numeric[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!)))
        .join('  ')
        .trimEnd();
    out.push(t.title, '='.repeat(Math.min(78, Math.max(t.title.length, 3))));
    out.push(line(t.columns), line(widths.map((w) => '-'.repeat(w))));
    for (const r of text) out.push(line(r));
    if (t.note) out.push('', t.note);
    out.push('');
  }
  return out.join('\n');
}

function csvField(c: Cell): string {
  if (c === null || c === undefined) return '';
  const s = typeof c === 'number' ? String(c) : String(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Renders tables as CSV. One table: its own header. Several: one long CSV with a leading
 * `table` column and the union of the columns, so a spreadsheet or `read.csv` gets one frame.
 * Numbers are written in full precision.
 */
export function renderCsv(tables: readonly Table[]): string {
  if (tables.length === 1) {
    const t = tables[0]!;
    return [t.columns.map(csvField).join(','), ...t.rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
  }
  const columns: string[] = [];
  for (const t of tables) for (const c of t.columns) if (!columns.includes(c)) columns.push(c);
  const lines = [['table', ...columns].map(csvField).join(',')];
  for (const t of tables) {
    for (const r of t.rows) {
      const byName = new Map(t.columns.map((c, j) => [c, r[j]]));
      lines.push([t.title, ...columns.map((c) => byName.get(c))].map(csvField).join(','));
    }
  }
  return lines.join('\n') + '\n';
}
