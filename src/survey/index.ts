export type { DesignSummary, LonelyPsuPolicy, SurveyDesign } from './design.js';
export { rake } from './rake.js';
export type { RakeMarginLevel, RakeMargins, RakeOptions, RakeResult } from './rake.js';
