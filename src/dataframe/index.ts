/**
 * `loyalty-drivers/dataframe`: danfojs DataFrames in and out, for notebook users. danfojs-node
 * is an optional peer dependency: nothing here imports it unless you call {@link loadDanfo}.
 *
 * @module loyalty-drivers/dataframe
 */
export { fromDataFrame } from './fromDataFrame.js';
export { toDataFrame } from './toDataFrame.js';
export { resultToRecords } from './resultToRecords.js';
export { resultTables } from './resultTables.js';
export { withDataFrames } from './withDataFrames.js';
export { loadDanfo } from './loadDanfo.js';
export type { DanfoDataFrame, DanfoLike, DataFrameLike, FlatRecord, TableOptions } from './types.js';
