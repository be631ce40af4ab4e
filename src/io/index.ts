/**
 * `loyalty-drivers/io`: Node-only readers. CSV, TSV, JSON and NDJSON files and streams into
 * typed rows, chunked reading of files larger than memory, a file reduced to sufficient
 * statistics in one pass, and model files.
 *
 * @module loyalty-drivers/io
 */
export { readData } from './readData.js';
export { readCsv } from './readCsv.js';
export { readJson } from './readJson.js';
export { parseData } from './parseData.js';
export { readRowChunks } from './readRowChunks.js';
export { readColumnChunks, columnChunksFromRows } from './columnChunks.js';
export type { CategoryColumn, ColumnChunk, ColumnChunkOptions, ColumnKind, ColumnRequest } from './columnChunks.js';
export type { DataFormat, DataSource, Dataset, ReadDataOptions, ReadProgress, RowChunk } from './types.js';
export { streamSufficientStatistics } from './streamSufficientStatistics.js';
export type { StreamStatisticsOptions } from './streamSufficientStatistics.js';
export { readModel } from './readModel.js';
export { analyzeSource } from './analyzeSource.js';
export type { AnalyzeSourceOptions } from './analyzeSource.js';
