import { mimeBundle, type MimeBundle, type MimeBundleOptions } from './mimeBundle.js';

/**
 * What {@link notebookDisplay} returns: an object that Jupyter JavaScript kernels display rich
 * when it ends a cell, through the `Symbol.for('Jupyter.display')` method (Deno's
 * `Deno.jupyter.$display`), with the bundle itself under `mimeBundle`.
 */
export interface NotebookDisplayable {
  /** The MIME bundle shown (see {@link mimeBundle}). */
  readonly mimeBundle: MimeBundle;
  /** `[Symbol.for('Jupyter.display')]()`: returns {@link NotebookDisplayable.mimeBundle}. */
  readonly [display: symbol]: () => MimeBundle;
}

/**
 * Wraps a chart or a result for display in a notebook: leave it as the last expression of a cell
 * and Deno's Jupyter kernel (in JupyterLab, Jupyter Notebook or VS Code) shows the Vega-Lite
 * chart, or the HTML table, instead of the object's text. The display goes through
 * `Symbol.for('Jupyter.display')`, the protocol of Deno's kernel; anywhere else use
 * {@link mimeBundle} with the front end's own display call (`Deno.jupyter.display(bundle, { raw:
 * true })` mid-cell). The bundle is built once, here, so the object is cheap to show again. Pure
 * and browser-safe, like {@link mimeBundle}.
 *
 * @param value - A Vega-Lite spec, a result of the library, or an array of row objects.
 * @param options - As {@link mimeBundle}: `svg` (from {@link renderSvg}) and `png` for charts,
 *   `table`, `columns`, `digits`, `maxRows`, `caption` for results.
 * @returns An object with `mimeBundle` and the display method.
 * @throws InputError `INVALID_OPTION` as {@link mimeBundle}.
 *
 * @example
 * ```ts
 * import { notebookDisplay } from 'loyalty-drivers/charts';
 * import { nps } from 'loyalty-drivers';
 * const shown = notebookDisplay(nps([10, 9, 8, 3]));
 * Object.keys(shown[Symbol.for('Jupyter.display')]!()); // => ['text/html', 'text/plain']
 * String(shown.mimeBundle['text/html']).startsWith('<table'); // => true
 * ```
 */
export function notebookDisplay(value: unknown, options: MimeBundleOptions = {}): NotebookDisplayable {
  const bundle = mimeBundle(value, options);
  return { mimeBundle: bundle, [Symbol.for('Jupyter.display')]: () => bundle };
}
