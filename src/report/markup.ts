/**
 * HTML building blocks of the report: escaping, numbers that carry their source, tables and
 * figures. Every number of the report goes through {@link num}: it is read from the analysis by
 * its path and written as `<data value="full precision" data-path="/json/pointer">shown</data>`,
 * so a reader (or a test) can trace each figure to the `analyze` result it came from.
 * @internal
 */

/** A key of the path from the analysis root to a value. */
export type Key = string | number;

/** A place in the analysis: the root object and the path to a value under it. */
export interface Ref {
  readonly root: unknown;
  readonly path: readonly Key[];
}

/** How a number is shown. */
export interface NumberFormat {
  /** Decimals shown (default 2; counts: 0). */
  readonly digits?: number;
  /** Multiply by 100 and add `%`. */
  readonly percent?: boolean;
  /** Multiply by 100 without `%` (a change in proportions shown in percentage points). */
  readonly points?: boolean;
  /** Show `1 - x` (churn from retention, alpha from a confidence level). */
  readonly complement?: boolean;
  /** A `+` before positive values (changes). */
  readonly signed?: boolean;
  /** A p-value: `< 0.001`, otherwise three decimals. */
  readonly pValue?: boolean;
  /** Thousands separators (counts). */
  readonly grouped?: boolean;
  /** Every digit of the value (settings such as a what-if shift or a cut point); ignores `digits`. */
  readonly exact?: boolean;
  /** Drop trailing zeros of the decimals (95.00% shows as 95%). */
  readonly trim?: boolean;
}

/** A confidence level as a percentage: 0.95 shows as 95%, 0.975 as 97.5%. */
export const LEVEL: NumberFormat = { percent: true, digits: 2, trim: true };

/** A cell or value that is not available. */
export const NONE = '<span class="none" aria-label="not available">—</span>';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A name from the data or the model (a driver, a column, a wave label), escaped; one with
 * digits in it (`spend_12m`, wave `2`) is wrapped in `<span class="name">` so it is not taken
 * for a result.
 */
export function name(text: unknown): string {
  const s = escapeHtml(text);
  return /[0-9]/.test(String(text)) ? `<span class="name">${s}</span>` : s;
}

/** The same name with its first letter capitalised (sentence starts). */
export function sentenceName(text: unknown): string {
  const s = String(text);
  return name(s.charAt(0).toUpperCase() + s.slice(1));
}

/** The root of an analysis. */
export function rootRef(root: unknown): Ref {
  return { root, path: [] };
}

/** A place below `ref`. */
export function at(ref: Ref, ...keys: readonly Key[]): Ref {
  return { root: ref.root, path: [...ref.path, ...keys] };
}

/** The value at `ref` (plus `keys`), or undefined when the path does not exist. */
export function get(ref: Ref, ...keys: readonly Key[]): unknown {
  let value: unknown = ref.root;
  for (const key of [...ref.path, ...keys]) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** JSON Pointer (RFC 6901) of a path. */
export function pointer(path: readonly Key[]): string {
  return path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The text of a number as {@link num} shows it (without the markup). */
export function formatNumber(value: number, format: NumberFormat = {}): string {
  let x = format.complement ? 1 - value : value;
  if (format.percent || format.points) x *= 100;
  if (format.pValue) {
    if (x < 0.001) return '< 0.001';
    return x.toFixed(3);
  }
  const digits = format.digits ?? 2;
  let text = format.exact ? String(x) : x.toFixed(digits);
  // A value that rounds to zero shows no sign ("-0.0" reads as a negative result).
  if (format.trim && text.includes('.')) text = text.replace(/\.?0+$/, '');
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  if (format.grouped) {
    const [integer, fraction] = text.split('.');
    const sign = integer!.startsWith('-') ? '-' : '';
    text = `${sign}${group(integer!.replace('-', ''))}${fraction === undefined ? '' : `.${fraction}`}`;
  }
  if (format.signed && !text.startsWith('-') && Number(text.replace(/,/g, '')) !== 0) text = `+${text}`;
  return format.percent ? `${text}%` : text;
}

/**
 * A number of the analysis, shown rounded and marked up with its full-precision value and its
 * path: `<data value="0.4565280855888132" data-path="/outcomes/0/regression/rSquared">0.457</data>`.
 * A missing or non-finite value shows as an em dash.
 */
export function num(ref: Ref, keys: Key | readonly Key[], format: NumberFormat = {}): string {
  const path = [...ref.path, ...(Array.isArray(keys) ? keys : [keys as Key])];
  const value = get({ root: ref.root, path: [] }, ...path);
  if (typeof value !== 'number' || !Number.isFinite(value)) return NONE;
  const scale = format.percent || format.points ? ' data-scale="100"' : '';
  const complement = format.complement ? ' data-complement=""' : '';
  return `<data value="${String(value)}" data-path="${escapeHtml(pointer(path))}"${scale}${complement}>${escapeHtml(formatNumber(value, format))}</data>`;
}

/** `p = 0.012` or `p < 0.001`. */
export function pText(ref: Ref, keys: Key | readonly Key[]): string {
  const p = num(ref, keys, { pValue: true });
  return p.includes('&lt;') ? `p ${p}` : `p = ${p}`;
}

/**
 * A fixed number of a convention (a rule of thumb such as alpha of 0.7), not a result: marked
 * with `data-rule` naming the convention instead of a path.
 */
export function rule(value: number, convention: string, format: NumberFormat = {}): string {
  const scale = format.percent || format.points ? ' data-scale="100"' : '';
  return `<data value="${String(value)}" data-rule="${escapeHtml(convention)}"${scale}>${escapeHtml(formatNumber(value, format))}</data>`;
}

/** A word standing for a coded value (e.g. dominance 1 / 0.5 / 0), marked up with the value and its path. */
export function coded(ref: Ref, keys: Key | readonly Key[], words: Readonly<Record<string, string>>): string {
  const path = [...ref.path, ...(Array.isArray(keys) ? keys : [keys as Key])];
  const value = get({ root: ref.root, path: [] }, ...path);
  const word = words[String(value)];
  if (word === undefined) return NONE;
  return `<data value="${escapeHtml(String(value))}" data-path="${escapeHtml(pointer(path))}" data-coded="">${escapeHtml(word)}</data>`;
}

/** A column of a {@link table}. */
export interface Column {
  /** Header text (plain text; escaped here). */
  readonly label: string;
  /** Header HTML instead of `label` (e.g. a name marked up by {@link name}). */
  readonly html?: string;
  /** Right-aligned figures. */
  readonly numeric?: boolean;
}

/** Plain text of an HTML fragment (tags dropped, entities kept: fit for an attribute value). */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A table in a horizontally scrolling, keyboard-focusable region: `caption`, column headers
 * with `scope="col"`, and the first cell of each row as its header (`scope="row"`).
 * @param caption - HTML (escaped by the caller).
 * @param rows - Cell HTML per row; the first cell heads the row.
 */
export function table(caption: string, columns: readonly Column[], rows: readonly (readonly string[])[], note?: string): string {
  const head = columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${c.html ?? escapeHtml(c.label)}</th>`).join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells
          .map((cell, j) => (j === 0 ? `<th scope="row">${cell}</th>` : `<td${columns[j]?.numeric ? ' class="num"' : ''}>${cell}</td>`))
          .join('')}</tr>`,
    )
    .join('\n');
  const label = plainText(caption);
  return `<div class="table-scroll" role="region" tabindex="0" aria-label="${label}">
<table>
<caption>${caption}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>${note ? `\n<p class="note">${note}</p>` : ''}`;
}

/** Library warnings as a list (their own text). */
export function messages(items: readonly string[]): string {
  if (items.length === 0) return '';
  return `<ul class="messages">${items.map((m) => `<li class="message">${escapeHtml(m)}</li>`).join('')}</ul>`;
}

/** A list of names in prose: "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
