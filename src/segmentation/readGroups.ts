/**
 * Reads k groups of numeric values for the k-sample tests: each group is validated like any
 * vector (missing values dropped and counted), an empty group (no values, or only missing ones)
 * is kept aside and reported, as R drops unused factor levels.
 * @internal
 */
import { InputError, InsufficientDataError } from '../errors.js';
import { readVector } from '../internal/validate.js';
import type { MissingPolicy } from '../types.js';

export interface GroupSample {
  /** Values of each non-empty group, in input order. */
  readonly groups: readonly Float64Array[];
  /** Input positions of the non-empty groups. */
  readonly used: readonly number[];
  /** Input positions of the empty groups. */
  readonly emptyGroups: readonly number[];
  /** Missing values dropped, over all groups. */
  readonly missingDropped: number;
}

export function readGroups(
  groups: unknown,
  options: { argument?: string; missing?: MissingPolicy; missingCodes?: readonly number[] } = {},
): GroupSample {
  const argument = options.argument ?? 'groups';
  if (!Array.isArray(groups)) {
    throw new InputError('EMPTY_INPUT', `${argument}: expected an array of groups (arrays of numbers)`, {
      argument,
      expected: 'an array of arrays',
    });
  }
  const out: Float64Array[] = [];
  const used: number[] = [];
  const emptyGroups: number[] = [];
  let missingDropped = 0;
  groups.forEach((g, j) => {
    if (!Array.isArray(g) && !ArrayBuffer.isView(g)) {
      throw new InputError('NOT_NUMERIC', `${argument}[${j}]: expected an array of numbers, got ${g === null ? 'null' : typeof g}`, {
        argument: `${argument}[${j}]`,
        expected: 'an array of numbers',
      });
    }
    if ((g as ArrayLike<unknown>).length === 0) {
      emptyGroups.push(j);
      return;
    }
    const s = readVector(g, { argument: `${argument}[${j}]`, missing: options.missing, missingCodes: options.missingCodes, minimum: 0 });
    missingDropped += s.missing.rowsDropped;
    if (s.values.length === 0) emptyGroups.push(j);
    else {
      out.push(s.values);
      used.push(j);
    }
  });
  if (out.length < 2) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${argument}: ${out.length} non-empty group${out.length === 1 ? '' : 's'} of ${groups.length}; need at least 2 to compare`,
      {
        argument,
        expected: 'at least 2 groups with values',
      },
    );
  }
  return { groups: out, used, emptyGroups, missingDropped };
}
