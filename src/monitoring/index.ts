export { compareNps } from './compareNps.js';
export type { CompareNpsOptions, CompareNpsResult, NpsSummary, NpsSummaryInput } from './compareNps.js';
export { compareProportions } from './compareProportions.js';
export type { CompareProportionsOptions, CompareProportionsResult, ProportionCounts, ProportionSummary } from './compareProportions.js';
export { compareMeans } from './compareMeans.js';
export type { CompareMeansOptions, CompareMeansResult, MeanSummary, MeanSummaryInput } from './compareMeans.js';
export type { SampleInput } from './readSample.js';
export { compareWaves } from './compareWaves.js';
export type {
  CompareWavesOptions,
  CompareWavesResult,
  WaveComparison,
  WaveDifferenceInterval,
  WaveDriverMean,
  WaveEstimate,
  WaveImportance,
  WaveImportanceOptions,
  WaveSummary,
  WaveValue,
} from './waveTypes.js';
export { changeLabel } from './changeLabel.js';
export type { ChangeLabel } from './changeLabel.js';
