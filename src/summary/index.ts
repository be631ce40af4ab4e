export { sufficientStatistics, mergeSufficientStatistics } from './sufficientStatistics.js';
export type { SufficientStatistics, SufficientStatisticsOptions } from './sufficientStatistics.js';
export { isMatrixInput } from './matrixInput.js';
export type { CorrelationInput, CovarianceInput, MatrixInput, StatisticsSource } from './matrixInput.js';
export { sufficientStatisticsSql } from './sufficientStatisticsSql.js';
export type { SqlDialect, SufficientStatisticsSqlOptions } from './sufficientStatisticsSql.js';
export type { SufficientStatisticsSqlPlan } from './sqlPlan.js';
export { sufficientStatisticsFromSql } from './sufficientStatisticsFromSql.js';
export type { SqlAnswerRow, SqlGroupValue, SufficientStatisticsGroup } from './sufficientStatisticsFromSql.js';
