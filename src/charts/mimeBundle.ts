import { InputError } from '../errors.js';
import { isPlainObject } from '../dataframe/flatten.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkNumberOption } from '../internal/validate.js';
import { resultTable } from './resultTable.js';

/**
 * A Jupyter MIME bundle: output representations keyed by MIME type (`text/plain` always), as a
 * notebook front end receives them in a `display_data` message and saves them in the `.ipynb`.
 */
export type MimeBundle = Readonly<Record<string, unknown>>;

/** Options of {@link mimeBundle} and {@link notebookDisplay}. */
export interface MimeBundleOptions {
  /** A chart's SVG (from {@link renderSvg}): the fallback for front ends without Vega-Lite (GitHub, nbviewer, nbconvert's HTML). */
  readonly svg?: string;
  /** A chart's PNG, base64 or bytes: a further fallback where SVG is not shown. */
  readonly png?: string | Uint8Array;
  /** Include the Vega-Lite spec itself (default true); `false` leaves only the fallbacks and the text. */
  readonly vegaLite?: boolean;
  /** Which table of a result to show (a path as `resultTables` lists them); default the first, else the result as one row. */
  readonly table?: string;
  /** Name of the key column when a table is an object keyed by name (default `'name'`). */
  readonly index?: string;
  /** The columns to show, in this order (default all). */
  readonly columns?: readonly string[];
  /** Significant digits of non-integer numbers (1 to 17, default 4). */
  readonly digits?: number;
  /** Rows shown before the table is cut, with a note of how many more (default 20). */
  readonly maxRows?: number;
  /** The table's caption (default: the result's method, the table and n). */
  readonly caption?: string;
}

const BUNDLE_KEYS = optionKeys<MimeBundleOptions>({
  svg: true,
  png: true,
  vegaLite: true,
  table: true,
  index: true,
  columns: true,
  digits: true,
  maxRows: true,
  caption: true,
});
const CHART_ONLY = ['svg', 'png', 'vegaLite'] as const;
const TABLE_ONLY = ['table', 'index', 'columns', 'digits', 'maxRows', 'caption'] as const;

/**
 * The newest Vega-Lite the notebook front ends render: JupyterLab 4 (`@jupyterlab/vega5-extension`)
 * and VS Code register `application/vnd.vegalite.v5+json` and nothing later. The library's v6
 * specs compile under Vega-Lite 5.23 with no warning to the same SVG (docs/guides/notebooks.md),
 * so they travel under the v5 type with a v5 `$schema`.
 */
const FRONT_END_MAJOR = 5;

function invalid(argument: string, message: string, expected: string): InputError {
  return new InputError('INVALID_OPTION', `${argument}: ${message}`, { argument, expected });
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** RFC 4648 base64, written out so that the module needs no global (`btoa`, `Buffer`). */
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += BASE64[a >> 2]! + BASE64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : BASE64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : BASE64[c & 63]!;
  }
  return out;
}

function vegaLiteMajor(value: unknown): number | undefined {
  if (!isPlainObject(value) || typeof value['$schema'] !== 'string') return undefined;
  const m = /vega-lite\/v(\d+)/.exec(value['$schema']);
  return m ? Number(m[1]) : undefined;
}

function chartText(spec: Record<string, unknown>): string {
  if (typeof spec['description'] === 'string' && spec['description'] !== '') return spec['description'];
  const title = spec['title'];
  if (typeof title === 'string') return title;
  if (isPlainObject(title) && typeof title['text'] === 'string') return title['text'];
  return 'Vega-Lite chart';
}

/**
 * The MIME bundle of a chart or a result, for a notebook front end: what Deno's Jupyter kernel
 * (`Deno.jupyter.display(bundle, { raw: true })`), JupyterLab and VS Code notebooks render.
 *
 * A **chart** (a Vega-Lite spec from this entry point) becomes
 * `application/vnd.vegalite.v5+json` (the newest type the front ends render; the v6 spec is
 * passed with a v5 `$schema`, which draws it the same), `image/svg+xml` and `image/png` when
 * given (the fallbacks for viewers without Vega-Lite: GitHub, nbviewer, exported HTML) and
 * `text/plain` (the chart's text alternative). A **result** (or an array of rows) becomes an HTML
 * table (`text/html`) and the same cells as aligned text: the first table of the result
 * (`coefficients`, `importance`, `profiles`...) or the chosen `table`, or, for a result without
 * tables such as `nps()`, one row of its estimates (without `options` and `missing`); the
 * result's warnings are listed under the table. Pure: it renders nothing itself (pass `svg` from
 * {@link renderSvg}), touches no global and runs in a browser.
 *
 * @param value - A Vega-Lite spec, a result of the library, or an array of row objects.
 * @param options - For charts `svg`, `png`, `vegaLite`; for tables `table`, `index`, `columns`,
 *   `digits` (default 4), `maxRows` (default 20), `caption`.
 * @returns A plain object keyed by MIME type.
 * @throws InputError `INVALID_OPTION` for an unknown option, a chart option given with a result
 *   (or the reverse), an `svg` that is not an SVG document, or a `table` the result lacks.
 *
 * @example
 * ```ts
 * import { mimeBundle, npsDistributionChart } from 'loyalty-drivers/charts';
 * import { nps } from 'loyalty-drivers';
 * Object.keys(mimeBundle(npsDistributionChart([10, 9, 8, 3]), { svg: '<svg></svg>' }));
 * // => ['application/vnd.vegalite.v5+json', 'image/svg+xml', 'text/plain']
 * const table = mimeBundle(nps([10, 9, 8, 3]), { columns: ['estimate', 'standardError', 'n'] });
 * table['text/plain']; // => 'nps, n = 4\nestimate  standardError  n\n      25          41.46  4'
 * ```
 */
export function mimeBundle(value: unknown, options: MimeBundleOptions = {}): MimeBundle {
  checkOptions(options, BUNDLE_KEYS);
  const given = (key: keyof MimeBundleOptions) => (options as Record<string, unknown>)[key] !== undefined;
  const major = vegaLiteMajor(value);
  if (major !== undefined) {
    const misplaced = TABLE_ONLY.find(given);
    if (misplaced !== undefined) {
      throw invalid(`options.${misplaced}`, 'applies to result tables, not to a chart', `one of ${CHART_ONLY.join(', ')}`);
    }
    const spec = value as Record<string, unknown>;
    const bundle: Record<string, unknown> = {};
    if (options.vegaLite !== undefined && typeof options.vegaLite !== 'boolean') {
      throw invalid('options.vegaLite', 'expected true or false', 'a boolean');
    }
    if (options.vegaLite !== false) {
      // Only v6 is known to draw the same under v5; other versions keep their own type.
      const downgrade = major === FRONT_END_MAJOR + 1;
      const mime = downgrade ? FRONT_END_MAJOR : major;
      bundle[`application/vnd.vegalite.v${mime}+json`] = downgrade
        ? { ...spec, $schema: `https://vega.github.io/schema/vega-lite/v${FRONT_END_MAJOR}.json` }
        : spec;
    }
    if (options.svg !== undefined) {
      if (typeof options.svg !== 'string' || !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(options.svg)) {
        throw invalid('options.svg', 'expected an SVG document (a string starting <svg, as renderSvg returns)', 'an SVG string');
      }
      bundle['image/svg+xml'] = options.svg;
    }
    if (options.png !== undefined) {
      if (options.png instanceof Uint8Array) bundle['image/png'] = base64(options.png);
      else if (typeof options.png === 'string' && /^[A-Za-z0-9+/=\s]+$/.test(options.png)) bundle['image/png'] = options.png;
      else throw invalid('options.png', 'expected PNG bytes or their base64 text', 'a Uint8Array or a base64 string');
    }
    bundle['text/plain'] = chartText(spec);
    return bundle;
  }
  const misplaced = CHART_ONLY.find(given);
  if (misplaced !== undefined) {
    throw invalid(`options.${misplaced}`, 'applies to charts (Vega-Lite specs), not to a result', `one of ${TABLE_ONLY.join(', ')}`);
  }
  if (options.columns !== undefined && !(Array.isArray(options.columns) && options.columns.every((c) => typeof c === 'string'))) {
    throw invalid('options.columns', 'expected an array of column names', 'string[]');
  }
  if (options.caption !== undefined && typeof options.caption !== 'string')
    throw invalid('options.caption', 'expected a string', 'a string');
  const digits = options.digits === undefined ? 4 : checkNumberOption('options.digits', options.digits, { min: 1, max: 17, integer: true });
  const maxRows = options.maxRows === undefined ? 20 : checkNumberOption('options.maxRows', options.maxRows, { min: 1, integer: true });
  const { html, text } = resultTable(value, {
    table: options.table,
    index: options.index,
    columns: options.columns,
    digits,
    maxRows,
    caption: options.caption,
  });
  return { 'text/html': html, 'text/plain': text };
}
