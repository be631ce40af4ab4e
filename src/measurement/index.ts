export { scaleScores } from './scaleScores.js';
export type { ScaleScoreReport, ScaleScoresResult, ScaleScoresOptions } from './scaleScores.js';
export { withScaleScores } from './withScaleScores.js';
export type { WithScaleScoresOptions } from './withScaleScores.js';
export { cronbachAlpha } from './cronbachAlpha.js';
export type { CronbachAlphaOptions, CronbachAlphaResult } from './cronbachAlpha.js';
export type { AlphaAnalysis, AlphaIntervalMethod, AlphaIntervalOptions } from './alphaResult.js';
export { reliability } from './reliability.js';
export { formatReliability } from './formatReliability.js';
export type { ListwiseScope, ReliabilityOptions, ReliabilityResult, ScaleReliability } from './reliability.js';
export type { FactorModelConvergence, FactorModelFit, OneFactorModelResult } from './oneFactorModel.js';
export { htmt } from './htmt.js';
export type { FornellLarckerScale, HtmtOptions, HtmtPair, HtmtResult } from './htmt.js';
export { driverCorrelations } from './driverCorrelations.js';
export type { DriverCorrelationsOptions, DriverCorrelationsResult } from './driverCorrelations.js';
export type { ScaleDefinition, ScaleDefinitions } from './types.js';
export { confirmatoryFactorAnalysis } from './confirmatoryFactorAnalysis.js';
export type {
  CfaConvergence,
  CfaFactorCorrelation,
  CfaFitMeasures,
  CfaLoading,
  CfaResidualVariance,
  CfaStandardizedEstimate,
  ConfirmatoryFactorAnalysisOptions,
  ConfirmatoryFactorAnalysisResult,
} from './confirmatoryFactorAnalysis.js';
