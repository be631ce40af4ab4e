import { InputError } from '../errors.js';
import type { CfaEstimates } from './cfaResult.js';
import type { CfaSettings, CfaStructure } from './fitCfa.js';
import type { NormalizedScale } from './types.js';

/** FIML CFA (placeholder). @internal */
export function fitCfaFiml(
  _data: unknown,
  _scales: readonly NormalizedScale[],
  _structure: CfaStructure,
  _settings: CfaSettings,
  _missingCodes: readonly number[] | undefined,
): CfaEstimates {
  throw new InputError('INVALID_OPTION', 'options.missing: "fiml" is not available yet', { argument: 'options.missing' });
}
