export { resolveMeasure } from './resolveMeasure.js';
export type {
  ColumnMeasure,
  DriverMeasure,
  MeanMeasure,
  MeasureDefinition,
  MeasureSpec,
  RatioMeasure,
  ResolvedMeasure,
  ResolveMeasureOptions,
  ValuesMeasure,
} from './resolveMeasure.js';
export { segmentLoyalty, LOYALTY_SEGMENTS } from './segmentLoyalty.js';
export type { HighRule, LoyaltySegment, SegmentCut, SegmentLoyaltyOptions, SegmentLoyaltyResult } from './segmentLoyalty.js';
export { segmentLabel } from './segmentLabel.js';
export { profileSegments } from './profileSegments.js';
export type {
  CategoricalSummary,
  NumericSummary,
  ProfileSegmentsOptions,
  ProfileSegmentsResult,
  SegmentProfile,
} from './profileTypes.js';
export type { ProfileVariable } from './profileVariables.js';
export type { AnovaSummary, ChiSquareSummary, KruskalWallisSummary, NumericTests } from './segmentTests.js';
export { oneWayAnova } from './oneWayAnova.js';
export type { AnovaGroup, OneWayAnovaOptions, OneWayAnovaResult } from './oneWayAnova.js';
export { kruskalWallis } from './kruskalWallis.js';
export type { KruskalWallisOptions, KruskalWallisResult } from './kruskalWallis.js';
export { chiSquareIndependence } from './chiSquareIndependence.js';
export type { ChiSquareOptions, ChiSquareResult } from './chiSquareIndependence.js';
export { segmentTransitions } from './segmentTransitions.js';
export type { PairedChange, SegmentTransitionsOptions, SegmentTransitionsResult, TransitionCell } from './segmentTransitions.js';
export type { PairedTableTest } from './transitionTests.js';
