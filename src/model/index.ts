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
  DesignDeclaration,
  LoyaltyIndexDeclaration,
  LoyaltyModel,
  LoyaltyModelFile,
  ModelMeasure,
  ModelMissingPolicy,
  ModelPathConstruct,
  ModelPaths,
  PathConstructDeclaration,
  PathRelationshipDeclaration,
  PathsDeclaration,
  ModelProblem,
  ModelScale,
  NormalizedColumnDeclaration,
  OutcomeDeclaration,
  OutcomeKind,
  RakingDeclaration,
  RecommendDeclaration,
  ScoringDeclaration,
  SegmentationDeclaration,
} from './types.js';
