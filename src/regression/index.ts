export { ols } from './ols.js';
export { logisticRegression } from './logisticRegression.js';
export type { Coefficient, LogisticCoefficient, LogisticOptions, LogisticResult, OlsOptions, OlsResult, RobustType } from './types.js';
