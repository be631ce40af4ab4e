/**
 * Internal: the checks of a `design` option in the regressions, shared by {@link ols} and
 * {@link logisticRegression}.
 *
 * @module regression/designOptions
 * @internal
 */
import { InputError } from '../errors.js';
import { checkWeightsOrDesign } from '../survey/design.js';
import type { MissingPolicy } from '../types.js';

/**
 * Refuses what a design cannot go with (summary input, `weights`, `robust`, `missing:
 * 'pairwise' | 'fiml'`), with `INVALID_OPTION`; returns the listwise policy.
 */
export function checkDesignOptions(
  data: unknown,
  options: { weights?: unknown; design?: unknown; robust?: unknown },
  policy: string,
): MissingPolicy {
  checkWeightsOrDesign(options);
  if (!Array.isArray(data)) {
    throw new InputError('INVALID_OPTION', 'options.design: needs rows (summary statistics carry no design)', {
      argument: 'options.design',
      expected: 'rows',
    });
  }
  if (options.robust !== undefined && options.robust !== false) {
    throw new InputError(
      'INVALID_OPTION',
      'options.robust: not with options.design (the design-based standard errors are already robust)',
      {
        argument: 'options.robust',
        expected: 'no robust option with a design',
      },
    );
  }
  if (policy !== 'omit' && policy !== 'fail') {
    throw new InputError('INVALID_OPTION', `options.missing: '${policy}' is not available with options.design; use 'omit' or 'fail'`, {
      argument: 'options.missing',
      expected: "'omit' or 'fail' with a design",
    });
  }
  return policy;
}
