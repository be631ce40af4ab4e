/**
 * loyalty-drivers: customer-loyalty analytics. Loyalty indices with inference, driver
 * measurement, regression, relative importance, segmentation and wave comparison.
 *
 * Pure and browser-safe: nothing under this entry point imports a Node built-in.
 *
 * @packageDocumentation
 * @module loyalty-drivers
 */
export * from './errors.js';
export type * from './types.js';
export * from './summary/index.js';
export * from './indices/index.js';
export * from './survey/index.js';
export * from './measurement/index.js';
export * from './pls/index.js';
export * from './regression/index.js';
export * from './importance/index.js';
export * from './segmentation/index.js';
export * from './monitoring/index.js';
export * from './model/index.js';
export * from './analysis/index.js';
