/**
 * Warnings as text lines for the plain-text formatters (`formatOls`, `formatRelativeImportance`,
 * ...), so a caution in a result is never left out of what people read.
 * @internal
 */
import type { Warning } from '../types.js';

/** `Warning (CODE): message`, one line each; none for no warnings. */
export function warningLines(warnings: readonly Warning[] | undefined): string[] {
  return (warnings ?? []).map((w) => `Warning (${w.code}): ${w.message}`);
}
