export { checkModel } from './checkModel.js';
export type { ModelCheck } from './checkModel.js';
export { validateModel } from './validateModel.js';
export { parseModel } from './parseModel.js';
export { modelColumns } from './modelColumns.js';
export type {
  CheckModelOptions,
  ColumnDeclaration,
  ColumnType,
  CsatDeclaration,
  LoyaltyIndexDeclaration,
  LoyaltyModel,
  LoyaltyModelFile,
  ModelMeasure,
  ModelProblem,
  ModelScale,
  NormalizedColumnDeclaration,
  OutcomeDeclaration,
  RecommendDeclaration,
  ScoringDeclaration,
  SegmentationDeclaration,
} from './types.js';
