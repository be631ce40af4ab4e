export { cronbachAlpha } from './cronbachAlpha.js';
export type { CronbachAlpha, CronbachAlphaOptions } from './cronbachAlpha.js';
export type { AlphaBootstrapReport, AlphaIntervalMethod, AlphaIntervalOptions, CronbachAlphaResult } from './alphaResult.js';
export { reliability } from './reliability.js';
export type { ListwiseScope, Reliability, ReliabilityOptions, ScaleReliability } from './reliability.js';
export type { FactorModelConvergence, FactorModelFit, OneFactorModel } from './oneFactorModel.js';
export type { ScaleDefinition, ScaleDefinitions } from './types.js';
