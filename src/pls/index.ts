export { plsPathModel } from './plsPathModel.js';
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
} from './types.js';
export { plsImportancePerformance } from './plsImportancePerformance.js';
export type {
  PlsImportancePerformanceConstruct,
  PlsImportancePerformanceItem,
  PlsImportancePerformanceOptions,
  PlsImportancePerformanceResult,
  PlsItemScale,
} from './types.js';
