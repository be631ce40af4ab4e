export { ols } from './ols.js';
export { logisticRegression } from './logisticRegression.js';
export { formatOls } from './formatOls.js';
export { formatLogisticRegression } from './formatLogisticRegression.js';
export type { Coefficient, LogisticCoefficient, LogisticOptions, LogisticResult, OlsOptions, OlsResult, RobustType } from './types.js';
export { ordinalRegression } from './ordinalRegression.js';
export { formatOrdinalRegression } from './formatOrdinalRegression.js';
export type { OrdinalLink, OrdinalOptions, OrdinalResult, OrdinalTerm } from './ordinalRegression.js';
