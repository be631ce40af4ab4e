import type { LoyaltySegment } from './segmentLoyalty.js';

/** The words of each Dick & Basu (1994) segment, lower case as they read inside a sentence. */
const LABELS: Readonly<Record<LoyaltySegment, string>> = {
  true: 'true loyalty',
  latent: 'latent loyalty',
  spurious: 'spurious loyalty',
  none: 'no loyalty',
};

/**
 * The readable name of a loyalty segment, the one used by profiles, the command-line tool, the
 * report and the charts: `'true loyalty'`, `'latent loyalty'`, `'spurious loyalty'`,
 * `'no loyalty'`; with `capitalized`, as a heading (`'True loyalty'`). A string that is not a
 * segment comes back unchanged.
 *
 * @param segment - A segment of {@link LOYALTY_SEGMENTS}.
 * @param capitalized - Capitalize the first letter (table headings, chart legends). Default false.
 * @returns The segment's name.
 *
 * @example
 * ```ts
 * import { segmentLabel } from 'loyalty-drivers';
 * segmentLabel('spurious'); // => 'spurious loyalty'
 * segmentLabel('none', true); // => 'No loyalty'
 * ```
 */
export function segmentLabel(segment: LoyaltySegment | string, capitalized = false): string {
  const label = Object.hasOwn(LABELS, segment) ? LABELS[segment as LoyaltySegment] : segment;
  return capitalized && label.length > 0 ? label[0]!.toUpperCase() + label.slice(1) : label;
}
