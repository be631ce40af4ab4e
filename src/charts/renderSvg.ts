import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkNumberOption } from '../internal/validate.js';
import { vegaTextWidth, type TextItem } from './textWidth.js';

type TextMetrics = { width: (item: TextItem, text: unknown) => number };

// Renders in progress that installed the Arial-metric text widths; the last one restores Vega's own.
let activeRenders = 0;
let savedWidth: TextMetrics['width'] | undefined;

/** Options of {@link renderSvg}. */
export interface RenderSvgOptions {
  /** Multiplies the SVG's width and height (its viewBox is unchanged). Default 1. */
  readonly scaleFactor?: number;
  /**
   * Receives Vega-Lite's and Vega's warnings (e.g. an encoding dropped as incompatible with its
   * mark). Default: warnings are ignored.
   */
  readonly onWarning?: (message: string) => void;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function titleText(spec: Record<string, unknown>): string {
  const title = spec['title'];
  if (typeof title === 'string') return title;
  if (title !== null && typeof title === 'object') {
    const text = (title as { text?: unknown }).text;
    if (typeof text === 'string') return text;
    if (Array.isArray(text)) return text.join(' ');
  }
  return '';
}

function messageOf(args: readonly unknown[]): string {
  return args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
}

type VegaLiteModule = typeof import('vega-lite');
type VegaModule = typeof import('vega');

/**
 * How {@link renderSvg} imports its optional peer dependencies. A test replaces `load` to
 * simulate a missing package.
 *
 * @internal
 */
export const vegaPeers = {
  load: (name: 'vega' | 'vega-lite'): Promise<unknown> => (name === 'vega' ? import('vega') : import('vega-lite')),
};

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
  const message = error instanceof Error ? error.message : String(error);
  return /Cannot find (module|package)|Failed to resolve module|Failed to fetch dynamically imported module/i.test(message);
}

/** Imports vega or vega-lite, or throws `MISSING_DEPENDENCY` naming the package and the install command. */
async function importPeer(name: 'vega' | 'vega-lite'): Promise<unknown> {
  try {
    return await vegaPeers.load(name);
  } catch (error) {
    if (!isModuleNotFound(error)) throw error;
    throw new InputError(
      'MISSING_DEPENDENCY',
      `renderSvg needs ${name}, an optional peer dependency that is not installed: npm install vega vega-lite`,
      {
        argument: name,
        expected: `${name} installed (npm install vega vega-lite)`,
      },
    );
  }
}

/** The keys of {@link RenderSvgOptions}. */
const RENDER_KEYS = optionKeys<RenderSvgOptions>({ scaleFactor: true, onWarning: true });

/**
 * Renders a Vega-Lite specification to a standalone SVG string, server-side: no browser, no
 * canvas, no network.
 *
 * Method: `vega-lite`'s `compile` turns the spec into a Vega spec; a headless Vega `View`
 * (`renderer: 'none'`) runs the dataflow and `view.toSVG()` serializes the scene graph. With no
 * canvas there are no font metrics: text widths come from the Arial/Helvetica advance widths
 * (the charts' fonts), installed in Vega's `textMetrics` while rendering (Vega's own estimate of
 * 0.8 em per character makes titles and legends far too wide), so layout is within a few
 * pixels of a browser's. Both packages are optional peer dependencies (`npm install vega
 * vega-lite`), imported on first call, so importing the charts entry stays cheap and the
 * library installs without them. Data must be inline (`data.values`): the loader refuses URLs and
 * files, so rendering never touches the network or the disk. For accessibility the root `<svg>`
 * gets `role="img"`, an `aria-label` from the spec's `description`, and `<title>` / `<desc>`
 * children (the chart title and the description).
 *
 * @param spec - A Vega-Lite spec (e.g. from {@link npsDistributionChart}).
 * @param options - `scaleFactor` (default 1), `onWarning`.
 * @returns The SVG document as a string, starting `<svg`.
 * @throws InputError `INVALID_OPTION` when the spec is not an object, Vega-Lite cannot compile
 *   it, or it asks to load external data; `MISSING_DEPENDENCY` when `vega` or `vega-lite` is not
 *   installed (the message gives the install command).
 *
 * @example
 * ```ts
 * import { renderSvg, npsDistributionChart } from 'loyalty-drivers/charts';
 * const svg = await renderSvg(npsDistributionChart([10, 9, 8, 6, 3]));
 * svg.startsWith('<svg'); // => true
 * svg.includes('aria-label="Bar chart of 5 likelihood-to-recommend scores'); // => true
 * svg.includes('>Likelihood to recommend</text>'); // => true
 * ```
 */
export async function renderSvg(spec: object, options: RenderSvgOptions = {}): Promise<string> {
  checkOptions(options, RENDER_KEYS);
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new InputError('INVALID_OPTION', 'spec: expected a Vega-Lite specification (a plain object)', {
      argument: 'spec',
      expected: 'an object',
    });
  }
  const scaleFactor =
    options.scaleFactor === undefined
      ? 1
      : checkNumberOption('options.scaleFactor', options.scaleFactor, { min: 0, max: 100, exclusiveMin: true });
  const warn = options.onWarning;
  if (warn !== undefined && typeof warn !== 'function') {
    throw new InputError('INVALID_OPTION', 'options.onWarning: expected a function (message) => void', {
      argument: 'options.onWarning',
      expected: 'a function',
    });
  }
  const vegaLite = (await importPeer('vega-lite')) as VegaLiteModule;
  const vega = (await importPeer('vega')) as VegaModule;
  let level = 0;
  // Vega reports dataflow errors (e.g. a refused load) to the logger and renders on: collect them.
  const errors: string[] = [];
  interface Logger {
    level(value?: number): number | Logger;
    error(...args: readonly unknown[]): Logger;
    warn(...args: readonly unknown[]): Logger;
    info(): Logger;
    debug(): Logger;
  }
  const logger: Logger = {
    level(value?: number): number | Logger {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]): Logger {
      errors.push(messageOf(args));
      return logger;
    },
    warn(...args: readonly unknown[]) {
      warn?.(messageOf(args));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  let compiled: unknown;
  try {
    compiled = vegaLite.compile(spec as Parameters<typeof vegaLite.compile>[0], { logger: logger as never }).spec;
  } catch (error) {
    throw new InputError(
      'INVALID_OPTION',
      `spec: Vega-Lite could not compile it: ${error instanceof Error ? error.message : String(error)}`,
      {
        argument: 'spec',
        expected: 'a valid Vega-Lite v6 specification',
      },
    );
  }
  // Vega reports a failed load as a mere warning and renders an empty chart: note it and throw.
  let refused: string | undefined;
  const refuse = (uri: unknown) => {
    refused ??= String(uri);
    return Promise.reject(new Error('renderSvg loads nothing'));
  };
  const loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse };
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  if (activeRenders++ === 0) {
    savedWidth = metrics.width;
    metrics.width = vegaTextWidth;
  }
  let svg: string;
  try {
    const view = new vega.View(vega.parse(compiled as Parameters<typeof vega.parse>[0]), {
      renderer: 'none',
      loader: loader as never,
      logger: logger as never,
      logLevel: vega.Warn,
    });
    try {
      svg = await view.toSVG(scaleFactor);
    } finally {
      view.finalize();
    }
  } finally {
    if (--activeRenders === 0 && savedWidth !== undefined) metrics.width = savedWidth;
  }
  if (refused !== undefined) {
    throw new InputError(
      'INVALID_OPTION',
      `spec: renderSvg renders inline data only (data.values); it does not load URLs or files (asked for ${JSON.stringify(refused)})`,
      {
        argument: 'spec',
        value: refused,
        expected: 'inline data',
      },
    );
  }
  if (errors.length > 0) {
    throw new InputError('INVALID_OPTION', `spec: Vega could not render it: ${errors[0]}`, {
      argument: 'spec',
      expected: 'a specification with inline data that renders',
    });
  }
  const record = spec as Record<string, unknown>;
  const description = typeof record['description'] === 'string' ? record['description'] : '';
  const title = titleText(record);
  const children = `${title ? `<title>${escapeXml(title)}</title>` : ''}${description ? `<desc>${escapeXml(description)}</desc>` : ''}`;
  const label = description || title;
  return svg.replace(
    /^<svg\b([^>]*)>/,
    (_, attributes: string) => `<svg${attributes} role="img"${label ? ` aria-label="${escapeXml(label)}"` : ''}>${children}`,
  );
}
