export type { DesignSummary, LonelyPsuPolicy, SurveyDesign } from './design.js';
