/**
 * Prepares a rendered chart for inlining in the report: checks that it loads nothing and runs
 * nothing, drops the namespace declarations HTML does not need, and prefixes its ids so charts
 * on one page never share an id (a clip path of one chart must not clip another).
 * @internal
 */
import { InputError } from '../errors.js';

/** Things an inline SVG must not contain in a self-contained, script-free report. */
const REFUSED: readonly (readonly [RegExp, string])[] = [
  [/<script\b/i, 'a script'],
  [/<foreignObject\b/i, 'a foreignObject'],
  [/<[^>]*\s(?:xlink:)?href\s*=\s*["'](?!#)/i, 'a link or an external reference'],
  [/<[^>]*url\(\s*["']?(?!#)/i, 'an external url()'],
  [/<style\b/i, 'a style sheet'],
  [/<[^>]*\son[a-z]+\s*=/i, 'an event handler'],
];

/**
 * Returns the SVG ready to inline, with ids prefixed by `prefix`.
 * @throws InputError `INVALID_OPTION` when `svg` is not an SVG document or would load or run something.
 */
export function inlineSvg(svg: unknown, key: string, prefix: string): string {
  if (typeof svg !== 'string' || !/^\s*<svg\b/.test(svg)) {
    throw new InputError('INVALID_OPTION', `options.charts["${key}"]: expected an SVG string (as renderSvg returns), starting <svg`, {
      argument: `options.charts.${key}`,
      expected: 'an SVG string',
    });
  }
  for (const [pattern, what] of REFUSED) {
    if (pattern.test(svg)) {
      throw new InputError(
        'INVALID_OPTION',
        `options.charts["${key}"]: the SVG contains ${what}; the report loads and runs nothing, so charts must be static inline SVG`,
        {
          argument: `options.charts.${key}`,
          expected: 'static SVG without scripts or external references',
        },
      );
    }
  }
  const root = svg
    .trim()
    .replace(/^<svg\b([^>]*)>/, (_, attributes: string) => `<svg${attributes.replace(/\s+xmlns(?::xlink)?="[^"]*"/g, '')}>`);
  return root
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/\bhref="#([^"]+)"/g, (_, id: string) => `href="#${prefix}-${id}"`);
}
