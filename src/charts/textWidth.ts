/**
 * Text widths for server-side layout. Without a canvas Vega estimates every character as 0.8 em,
 * which makes titles and legends far wider than drawn. The charts use Arial-metric fonts
 * (Helvetica, Arial, Liberation Sans), so their published advance widths give layout within a
 * few pixels of a browser's.
 *
 * @internal
 */

// Advance widths of the Helvetica/Arial regular face, in 1/1000 em, for ASCII 32 (space) to 126 (~)
// (Adobe Helvetica AFM metrics; Arial and Liberation Sans share them).
const REGULAR: readonly number[] = [
  278,
  278,
  355,
  556,
  556,
  889,
  667,
  191,
  333,
  333,
  389,
  584,
  278,
  333,
  278,
  278, // space to /
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556, // 0-9
  278,
  278,
  584,
  584,
  584,
  556,
  1015, // : to @
  667,
  667,
  722,
  722,
  667,
  611,
  778,
  722,
  278,
  500,
  667,
  556,
  833,
  722,
  778,
  667,
  778,
  722,
  667,
  611,
  722,
  667,
  944,
  667,
  667,
  611, // A-Z
  278,
  278,
  278,
  469,
  556,
  333, // [ to `
  556,
  556,
  500,
  556,
  556,
  278,
  556,
  556,
  222,
  222,
  500,
  222,
  833,
  556,
  556,
  556,
  556,
  333,
  500,
  278,
  556,
  500,
  722,
  500,
  500,
  500, // a-z
  334,
  260,
  334,
  584, // { to ~
];

// The bold face is on average about 7% wider.
const BOLD_FACTOR = 1.07;
const OTHER = 556;

/** Width in pixels of `text` at `fontSize` (px) in an Arial-metric face. @internal */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? REGULAR[code - 32]! : OTHER;
  }
  return (units / 1000) * fontSize * (bold ? BOLD_FACTOR : 1);
}

/** A Vega scenegraph text item, as much of it as width estimation reads. @internal */
export interface TextItem {
  readonly fontSize?: number | string | null;
  readonly fontWeight?: number | string | null;
  readonly limit?: number | null;
}

/**
 * A `textMetrics.width(item, text)` for Vega: the estimated width, capped at the item's `limit`
 * (Vega truncates such text to fit it). @internal
 */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
  const value = text == null ? '' : String(text).trim();
  if (size <= 0 || value === '') return 0;
  const weight = item.fontWeight;
  const bold =
    weight === 'bold' ||
    weight === 'bolder' ||
    (typeof weight === 'number' && weight >= 600) ||
    (typeof weight === 'string' && Number(weight) >= 600);
  const width = estimateTextWidth(value, size, bold);
  const limit = item.limit == null ? 0 : Number(item.limit);
  return limit > 0 ? Math.min(width, limit) : width;
}
