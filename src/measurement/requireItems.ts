import { InputError } from '../errors.js';
import { requireColumn } from '../internal/validate.js';
import type { Row } from '../types.js';
import type { NormalizedScale } from './types.js';

/**
 * Throws `COLUMN_NOT_FOUND` naming the scale and the item when an item is not a column of the rows.
 * @internal
 */
export function requireItems(rows: readonly Row[], scales: readonly NormalizedScale[], argument: string): void {
  for (const s of scales) {
    for (const item of s.items) {
      try {
        requireColumn(rows, item, argument);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        const known = Object.keys(rows[0] ?? {})
          .slice(0, 12)
          .join(', ');
        throw new InputError('COLUMN_NOT_FOUND', `scale "${s.name}": item "${item}" is not a column of ${argument} (columns: ${known})`, {
          argument,
          column: item,
          expected: 'a column present in the rows',
        });
      }
    }
  }
}
