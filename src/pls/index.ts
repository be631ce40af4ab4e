export { plsPathModel } from './plsPathModel.js';
export { plsMultigroup } from './plsMultigroup.js';
export { plsMeasurementInvariance } from './plsMeasurementInvariance.js';
export type {
  PlsGroups,
  PlsPermutationOptions,
  PlsMultigroupParameter,
  PlsGroupComparisonOptions,
  PlsMultigroupOptions,
  PlsPermutationSummary,
  PlsGroupDifference,
  PlsGroupComparison,
  PlsGroupModel,
  PlsGroupComparisonEcho,
  PlsMultigroupResult,
  PlsMeasurementInvarianceOptions,
  PlsCompositionalInvariance,
  PlsCompositeEquality,
  PlsInvariance,
  PlsConstructInvariance,
  PlsInvarianceComparison,
  PlsConfiguralCheck,
  PlsMeasurementInvarianceResult,
} from './groupTypes.js';
export type {
  PlsConstruct,
  PlsConstructResult,
  PlsConvergence,
  PlsEffect,
  PlsHtmtPair,
  PlsMode,
  PlsPath,
  PlsPathModelOptions,
  PlsPathModelResult,
  PlsScheme,
  PlsConstructType,
  PlsBootstrap,
  PlsMediation,
  PlsMediationType,
  PlsSpecificIndirect,
  PlsBootstrapEstimate,
  PlsFornellLarcker,
  PlsIntervalMethod,
} from './types.js';
export { plsImportancePerformance } from './plsImportancePerformance.js';
export type {
  PlsImportancePerformanceConstruct,
  PlsImportancePerformanceItem,
  PlsImportancePerformanceOptions,
  PlsImportancePerformanceResult,
  PlsItemScale,
} from './types.js';
