export { relativeImportance } from './relativeImportance.js';
export type { RelativeImportanceOptions, RelativeImportanceResult, ShapleyOptions, ShapleyReport } from './relativeImportance.js';
export type { ImportanceMetric } from './importanceMetrics.js';
export type { ImportanceDataOptions } from './importanceData.js';
export type { BootstrapInterval, DifferenceInterval, ImportanceBootstrap } from './bootstrapImportance.js';
export { dominanceAnalysis } from './dominanceAnalysis.js';
export type { DominanceAnalysisOptions, DominanceAnalysisResult, DominanceMatrix } from './dominanceAnalysis.js';
export { importancePerformance } from './importancePerformance.js';
export type {
  CutRule,
  DriverScale,
  ImportancePerformanceDriver,
  ImportancePerformanceOptions,
  ImportancePerformanceResult,
  Quadrant,
} from './importancePerformance.js';
export { whatIf } from './whatIf.js';
export type { NpsSnapshot, WhatIfFamily, WhatIfNpsOptions, WhatIfOptions, WhatIfResult } from './whatIf.js';
export type { PredictedNps, WaldEstimate, WhatIfBinomialResult, WhatIfOrdinalResult } from './whatIfFamilies.js';
export { formatRelativeImportance } from './formatRelativeImportance.js';
export { formatDominanceAnalysis } from './formatDominanceAnalysis.js';
export type { CategoricalCoding, ImportanceFamily, PlayerOptions, PseudoRSquared } from './familyData.js';
export type { FitIndex } from './playerFits.js';
export type { PlayerReport } from './playerImportance.js';
export { penaltyReward } from './penaltyReward.js';
export type {
  ContrastEstimate,
  ContrastGroup,
  DriverCut,
  KanoClass,
  PenaltyRewardBootstrap,
  PenaltyRewardBootstrapDriver,
  PenaltyRewardDriver,
  PenaltyRewardOptions,
  PenaltyRewardResult,
} from './penaltyReward.js';
export { necessaryConditions } from './necessaryConditions.js';
export type {
  BottleneckCell,
  BottleneckRow,
  CeilingMethod,
  CeilingResult,
  NecessaryCondition,
  NecessaryConditionsOptions,
  NecessaryConditionsResult,
} from './necessaryConditions.js';
