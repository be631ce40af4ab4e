export { sufficientStatistics, mergeSufficientStatistics } from './sufficientStatistics.js';
export type { SufficientStatistics, SufficientStatisticsOptions } from './sufficientStatistics.js';
export { isMatrixInput } from './matrixInput.js';
export type { CorrelationInput, CovarianceInput, MatrixInput, StatisticsSource } from './matrixInput.js';
