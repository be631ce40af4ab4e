/**
 * Shared pieces of every chart: the spec type, the common options, the colour-blind-safe
 * palette, the theme and number formatting for the text alternatives.
 *
 * @module charts
 */
import { checkOptions, optionKeys, type OptionKeys } from '../internal/options.js';
import { InputError } from '../errors.js';
import { checkNumberOption } from '../internal/validate.js';

/** The Vega-Lite version the specifications are written for (`$schema`). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * A Vega-Lite v6 specification: a plain JSON object with `$schema`, a `description` (the text
 * alternative), and the data inlined as `data.values`. Hand it to vega-embed, Observable's
 * `vl.render`, Altair's `alt.Chart.from_dict`, or {@link renderSvg}.
 */
export interface VegaLiteSpec {
  readonly $schema: string;
  /** Plain-language summary of the chart's content, for screen readers and reports. */
  readonly description: string;
  readonly [property: string]: unknown;
}

/** A chart whose data sit at the top level: `data.values` holds one `Datum` per row. */
export interface ChartSpec<Datum> extends VegaLiteSpec {
  readonly data: { readonly values: readonly Datum[] };
}

/** Options every chart accepts. */
export interface ChartOptions {
  /** Plot width in pixels (the data area, as Vega-Lite's `width`); each chart has a default. */
  readonly width?: number;
  /** Plot height in pixels; each chart has a default. */
  readonly height?: number;
  /** Replaces the default title; `''` draws no title. */
  readonly title?: string;
  /** Replaces the default subtitle; `''` draws none. */
  readonly subtitle?: string;
  /** Replaces the generated text alternative (Vega-Lite `description`). */
  readonly description?: string;
}

/**
 * Okabe & Ito (2008) colour-blind-safe palette ("Color Universal Design"), distinguishable
 * under protanopia, deuteranopia and tritanopia; paired with shapes or positions so colour is
 * never the only cue. @internal
 */
export const PALETTE = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#999999',
  lightGrey: '#BBBBBB',
  ink: '#222222',
  muted: '#555555',
} as const;

/** The theme (Vega-Lite `config`) shared by every chart. @internal */
export function theme(): Record<string, unknown> {
  return {
    // Arial-metric faces: the server-side renderer lays text out with their widths.
    font: 'Helvetica, Arial, "Liberation Sans", "Nimbus Sans", sans-serif',
    background: '#ffffff',
    padding: 8,
    view: { stroke: '#dddddd' },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      labelColor: '#333333',
      titleColor: PALETTE.ink,
      gridColor: '#e8e8e8',
      domainColor: '#888888',
      tickColor: '#888888',
      titleFontWeight: 'normal',
    },
    legend: {
      labelFontSize: 11,
      titleFontSize: 12,
      labelColor: '#333333',
      titleColor: PALETTE.ink,
      orient: 'bottom',
      direction: 'horizontal',
    },
    title: { fontSize: 15, subtitleFontSize: 12, anchor: 'start', color: PALETTE.ink, subtitleColor: PALETTE.muted, offset: 12 },
    text: { fontSize: 11, color: PALETTE.ink },
  };
}

/** What a chart supplies as defaults for the frame. @internal */
export interface FrameDefaults {
  readonly chart: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly description: string;
  readonly width?: number;
  readonly height?: number;
}

/** The keys of {@link ChartOptions}. @internal */
export const CHART_KEYS = optionKeys<ChartOptions>({ width: true, height: true, title: true, subtitle: true, description: true });

/** Validates the common options and refuses keys neither common nor in `own`; throws `INVALID_OPTION` naming the bad one. @internal */
export function readChartOptions(options: unknown, own: OptionKeys, argument = 'options'): ChartOptions {
  if (options === undefined) return {};
  checkOptions(options, [...CHART_KEYS, ...own], argument);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InputError('INVALID_OPTION', `${argument}: expected an object of chart options`, { argument, expected: 'an object' });
  }
  const o = options as ChartOptions;
  for (const key of ['width', 'height'] as const) {
    if (o[key] !== undefined) checkNumberOption(`${argument}.${key}`, o[key], { min: 1, max: 10000 });
  }
  for (const key of ['title', 'subtitle', 'description'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'string') {
      throw new InputError('INVALID_OPTION', `${argument}.${key}: expected a string, got ${typeof o[key]}`, {
        argument: `${argument}.${key}`,
        expected: 'a string',
      });
    }
  }
  return o;
}

/**
 * The top-level frame: `$schema`, text alternative, title and subtitle, theme and an
 * identifying `usermeta`. Width and height are added when `sized` (unit and layer specs; a
 * concatenation sizes its parts). @internal
 */
export function frame(options: ChartOptions, defaults: FrameDefaults, sized = true): VegaLiteSpec {
  const text = options.title ?? defaults.title;
  const subtitle = options.subtitle ?? defaults.subtitle ?? '';
  const out: Record<string, unknown> = {
    $schema: VEGA_LITE_SCHEMA,
    description: options.description ?? defaults.description,
  };
  if (text !== '') out['title'] = subtitle === '' ? { text } : { text, subtitle };
  if (sized) {
    out['width'] = options.width ?? defaults.width;
    out['height'] = options.height ?? defaults.height;
  }
  out['config'] = theme();
  out['usermeta'] = { generator: 'loyalty-drivers', chart: defaults.chart };
  return out as VegaLiteSpec;
}

/** Requires `value` to be an object whose `method` is `method`; names the function to call. @internal */
export function requireResult<T>(value: unknown, method: string | readonly string[], argument: string, producer: string): T {
  const methods = typeof method === 'string' ? [method] : method;
  if (value === null || typeof value !== 'object' || !methods.includes((value as { method?: unknown }).method as string)) {
    const got =
      value === null
        ? 'null'
        : typeof value === 'object'
          ? `an object with method ${JSON.stringify((value as { method?: unknown }).method)}`
          : typeof value;
    throw new InputError(
      'INVALID_OPTION',
      `${argument}: expected the result of ${producer} (method "${methods.join('" or "')}"), got ${got}`,
      {
        argument,
        expected: `a ${producer} result`,
      },
    );
  }
  return value as T;
}

/** Display names: `labels[name]` when given (validated as strings), else the name. @internal */
export function readLabels(labels: unknown, argument: string): (name: string) => string {
  if (labels === undefined) return (name) => name;
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) {
    throw new InputError('INVALID_OPTION', `${argument}: expected an object of display names, e.g. { trust: 'Trust' }`, {
      argument,
      expected: 'an object of strings',
    });
  }
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string') {
      throw new InputError('INVALID_OPTION', `${argument}.${key}: expected a string, got ${typeof value}`, {
        argument: `${argument}.${key}`,
        expected: 'a string',
      });
    }
  }
  const map = labels as Readonly<Record<string, string>>;
  return (name) => (Object.prototype.hasOwnProperty.call(map, name) ? map[name]! : name);
}

/** `x` with `digits` decimals and a comma every three integer digits; `-` for negatives. @internal */
export function formatNumber(x: number, digits = 0): string {
  const fixed = Math.abs(x).toFixed(digits);
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = x < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A proportion (0-1) as a percentage with `digits` decimals, e.g. `0.2413` -> `'24.1%'`. @internal */
export function formatPercent(p: number, digits = 1): string {
  return `${formatNumber(100 * p, digits)}%`;
}

/** `'95%'` for 0.95, `'99.5%'` for 0.995. @internal */
export function formatLevel(level: number): string {
  return `${Number((100 * level).toFixed(4))}%`;
}

/** `a, b and c`. @internal */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
