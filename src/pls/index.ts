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
  PlsSpecificIndirect,
  PlsBootstrapEstimate,
  PlsFornellLarcker,
} from './types.js';
